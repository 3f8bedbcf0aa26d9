//! Writing files without ever losing, leaking or giving one away. The
//! guarantees are listed for users in docs/fmt.md and docs/outputs.md
//! ("Guarantees"); this is how they are kept.
//!
//! [`replace`] rewrites a plan that was read (`planc fmt`); [`write`]
//! writes an output (`build -o`, `graph -o`), which may not exist yet.
//! Both look at what the path names, after following symbolic links:
//!
//! - **a regular file** is replaced through a temporary file beside it:
//!   created with mode 0600 (or the file's own mode, when stricter) before a
//!   byte is written, given the file's group (and owner, when planc runs as
//!   root), filled, flushed to disk, given the file's mode, and renamed over
//!   it. Whatever fails before the rename leaves the file as it was and
//!   removes the temporary file;
//! - **a regular file the rename could not keep whole** is written in place
//!   instead (truncated to the new text after it is written, the old text
//!   put back if a write fails): a file with several hard links (a rename
//!   would leave the other names with the old text), a file of another user
//!   (the new file would be planc's user's), a group planc's user is not in,
//!   a folder planc may not create files in;
//! - **anything else** (a device like `/dev/null`, a FIFO, what
//!   `/dev/stdout` names) is opened and written into, as a shell's `>` does;
//! - **nothing** (a new name, or a symbolic link to nothing): the file is
//!   created, through a temporary file, with the mode `>` would give it.
//!
//! Refused: a file planc's user could not write itself (`access(W_OK)`, so
//! the kernel decides: mode, owner, groups, ACLs, read-only mounts), a file
//! no one may write (mode without any `w`, even for root), an output that is
//! one of the plans being read, and a plan that changed since planc read it.

use super::error::{reason, CliError};
use super::files::{FileId, Snapshot};
use std::fs::{self, File, Metadata, OpenOptions, Permissions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// What the file is for: refusals are worded for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Purpose {
    /// A plan `planc fmt` rewrites.
    Format,
    /// An output (`-o`).
    Output,
}

/// Rewrite the plan at `path`, read as `read`, with `contents`. Refused,
/// and the file left as it is, if it changed since it was read.
pub(super) fn replace(path: &Path, read: &Snapshot, contents: &[u8]) -> Result<(), CliError> {
    let contents = &Bytes(contents);
    let cannot = |why: String| {
        CliError::CouldNotRun(super::lang::say(
            format!("cannot write `{}`: {why}", path.display()),
            format!("无法写入 `{}`：{why}", path.display()),
        ))
    };
    let target = follow_links(path).map_err(|e| cannot(reason(&e)))?;
    let meta = fs::metadata(&target).map_err(|e| cannot(reason(&e)))?;
    rewrite(&target, &meta, contents, Some(read), Purpose::Format).map_err(cannot)
}

/// What a file is given: bytes held, or bytes made as they are written
/// (`planc build`'s JSON streams into the temporary file and is never held
/// whole). It may be asked to write itself more than once (in place after a
/// refused replace), and must write the same bytes each time.
pub(super) trait Contents {
    fn write_to(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Contents held in memory.
pub(super) struct Bytes<'a>(pub(super) &'a [u8]);

impl Contents for Bytes<'_> {
    fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.0)
    }
}

/// Write `contents` into `file` through a buffer; how many bytes it wrote.
fn put(file: &mut File, contents: &dyn Contents) -> io::Result<u64> {
    struct Counted<W> {
        out: W,
        written: u64,
    }
    impl<W: Write> Write for Counted<W> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = self.out.write(buf)?;
            self.written += n as u64;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            self.out.flush()
        }
    }
    let mut out = Counted {
        out: io::BufWriter::with_capacity(64 * 1024, file),
        written: 0,
    };
    contents.write_to(&mut out)?;
    out.flush()?;
    Ok(out.written)
}

/// Write the output `contents` to `path`, which must not be one of
/// `inputs`.
pub(super) fn write(path: &Path, contents: &[u8], inputs: &[FileId]) -> Result<(), CliError> {
    write_with(path, &Bytes(contents), inputs)
}

/// [`write`], with contents made as they are written.
pub(super) fn write_with(
    path: &Path,
    contents: &dyn Contents,
    inputs: &[FileId],
) -> Result<(), CliError> {
    let cannot = |why: String| {
        CliError::CouldNotRun(super::lang::say(
            format!("cannot write `{}`: {why}", path.display()),
            format!("无法写入 `{}`：{why}", path.display()),
        ))
    };
    match fs::metadata(path) {
        Ok(meta) => {
            if inputs.contains(&FileId::of(&meta)) {
                return Err(cannot(super::lang::say(
                    "it is the plan being read; write the output to another file",
                    "它就是正在读的计划；请把输出写到别的文件",
                )));
            }
            if meta.is_dir() {
                return Err(cannot(super::lang::say(
                    "it is a directory",
                    "这是一个文件夹",
                )));
            }
            if !meta.is_file() || through_proc(path) {
                // A regular file behind `/dev/stdout` is the shell's `>` or
                // `>>`: appending is right for both (`>` emptied it).
                return into(path, contents, meta.is_file()).map_err(cannot);
            }
            let target = follow_links(path).map_err(|e| cannot(reason(&e)))?;
            rewrite(&target, &meta, contents, None, Purpose::Output).map_err(cannot)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let target = follow_links(path).map_err(|e| cannot(reason(&e)))?;
            create(&target, contents).map_err(cannot)
        }
        Err(e) => Err(cannot(reason(&e))),
    }
}

/// How an existing regular file is rewritten.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    /// Through a temporary file and a rename: atomic.
    Replace,
    /// Truncated and written: keeps the inode, so its hard links, owner and
    /// group, at the cost of atomicity.
    InPlace,
}

/// The method for a file with `links` names, owned by `owner`, written by
/// the effective user `euid`. The group is settled later: whether planc's
/// user may give the new file the old group is known only by trying.
fn method(links: u64, owner: u32, euid: u32) -> Method {
    if links > 1 || (euid != 0 && owner != euid) {
        Method::InPlace
    } else {
        Method::Replace
    }
}

/// Whether the user may write the file: `Err` with the reason when not.
/// `writable` is the kernel's answer to access(W_OK).
fn may_write(meta: &Metadata, purpose: Purpose, writable: io::Result<()>) -> Result<(), String> {
    if meta.permissions().readonly() {
        return Err(match purpose {
            Purpose::Format => super::lang::say(
                "it is read-only; make it writable to format it",
                "文件是只读的；要格式化，请先让它可写",
            ),
            Purpose::Output => super::lang::say(
                "it is read-only; make it writable, or write to another file",
                "文件是只读的；请让它可写，或者写到别的文件",
            ),
        });
    }
    match writable {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(format!(
            "you may not write this file (it belongs to user {}, mode {:o}); ask its owner, \
or run planc as a user who may",
            meta.uid(),
            meta.mode() & 0o7777
        )),
        Err(e) => Err(reason(&e)),
    }
}

/// access(W_OK) with the effective user and groups, as the kernel decides it.
fn access_write(path: &Path) -> io::Result<()> {
    use rustix::fs::{accessat, Access, AtFlags, CWD};
    accessat(CWD, path, Access::WRITE_OK, AtFlags::EACCESS).map_err(io::Error::from)
}

fn euid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Rewrite the existing regular file `target` (no symbolic link), whose
/// metadata is `meta`. With `read`, refuse if it changed since then.
fn rewrite(
    target: &Path,
    meta: &Metadata,
    contents: &dyn Contents,
    read: Option<&Snapshot>,
    purpose: Purpose,
) -> Result<(), String> {
    may_write(meta, purpose, access_write(target))?;
    unchanged(read, meta)?;
    match method(meta.nlink(), meta.uid(), euid()) {
        Method::InPlace => in_place(target, contents, read),
        Method::Replace => match through_temporary(target, meta, contents, read)? {
            Done::Yes => Ok(()),
            Done::NotKept => in_place(target, contents, read),
        },
    }
}

/// Refuse when the file is not as it was read.
fn unchanged(read: Option<&Snapshot>, now: &Metadata) -> Result<(), String> {
    match read {
        Some(read) if *read != Snapshot::of(now) => Err(
            "it changed while planc was formatting it, so it was left as it is now; \
run `planc fmt` again"
                .to_string(),
        ),
        _ => Ok(()),
    }
}

/// Whether [`through_temporary`] replaced the file.
enum Done {
    Yes,
    /// The new file could not have the old one's owner and group, or the
    /// folder takes no new file: nothing was changed; write in place.
    NotKept,
}

fn through_temporary(
    target: &Path,
    meta: &Metadata,
    contents: &dyn Contents,
    read: Option<&Snapshot>,
) -> Result<Done, String> {
    let mode = meta.mode() & 0o7777;
    let mut temp = match temporary(target, mode & 0o600) {
        Ok(temp) => temp,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Ok(Done::NotKept),
        Err(e) => return Err(reason(&e)),
    };
    // The old file's group (a member may give it), and its owner (root may).
    let made = temp.as_file().metadata().map_err(|e| reason(&e))?;
    let owner = (euid() == 0 && made.uid() != meta.uid()).then(|| meta.uid());
    let group = (made.gid() != meta.gid()).then(|| meta.gid());
    if owner.is_some() || group.is_some() {
        let given = rustix::fs::fchown(
            temp.as_file(),
            owner.map(rustix::fs::Uid::from_raw),
            group.map(rustix::fs::Gid::from_raw),
        );
        if given.is_err() {
            // The temporary file goes with `temp`.
            return Ok(Done::NotKept);
        }
    }
    let file = temp.as_file_mut();
    put(file, contents)
        .and_then(|_| file.set_permissions(Permissions::from_mode(mode)))
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            super::lang::say(
                format!("{}; the file was left as it was", reason(&e)),
                format!("{}；文件保持原样", super::error::reason_zh(&e)),
            )
        })?;
    // As late as can be: an edit made while planc worked is never lost. (One
    // made between this look and the rename still would be; nothing short
    // of a lock every editor honours closes that gap.)
    unchanged(read, &fs::metadata(target).map_err(|e| reason(&e))?)?;
    temp.persist(target).map_err(|e| {
        super::lang::say(
            format!("{}; the file was left as it was", reason(&e.error)),
            format!("{}；文件保持原样", super::error::reason_zh(&e.error)),
        )
    })?;
    sync_folder(target);
    Ok(Done::Yes)
}

/// Write `contents` into the existing file `target`, keeping its inode;
/// if a write fails, put the old text back.
fn in_place(target: &Path, contents: &dyn Contents, read: Option<&Snapshot>) -> Result<(), String> {
    let mut file = match OpenOptions::new().read(true).write(true).open(target) {
        Ok(file) => file,
        // Writable but not readable (mode 0200): no old text to put back.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => OpenOptions::new()
            .write(true)
            .open(target)
            .map_err(|e| reason(&e))?,
        Err(e) => return Err(reason(&e)),
    };
    let meta = file.metadata().map_err(|e| reason(&e))?;
    unchanged(read, &meta)?;
    let mut old = Vec::new();
    let kept = file.read_to_end(&mut old).is_ok();
    let written = fill(&mut file, contents);
    match written {
        Ok(()) => Ok(()),
        Err(e) if kept && fill(&mut file, &Bytes(&old)).is_ok() => Err(super::lang::say(
            format!("{}; the file was left as it was", reason(&e)),
            format!("{}；文件保持原样", super::error::reason_zh(&e)),
        )),
        Err(e) => Err(format!(
            "{}; the file may be left half-written (it has several names, or is shared, so \
planc wrote it in place)",
            reason(&e)
        )),
    }
}

/// The file's whole contents become `contents`.
fn fill(file: &mut File, contents: &dyn Contents) -> io::Result<()> {
    file.seek(SeekFrom::Start(0))?;
    let written = put(file, contents)?;
    file.set_len(written)?;
    file.sync_all()
}

/// Write into what `path` names (a device, a FIFO, standard output).
fn into(path: &Path, contents: &dyn Contents, append: bool) -> Result<(), String> {
    let written = OpenOptions::new()
        .write(true)
        .append(append)
        .open(path)
        .and_then(|mut f| put(&mut f, contents).map(drop));
    match written {
        // A FIFO whose reader went away, like a closed pipe: not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(reason(&e)),
        _ => Ok(()),
    }
}

/// Create the new file `target` with `contents`, with the mode a shell's
/// `>` would give it (0666 less the umask).
fn create(target: &Path, contents: &dyn Contents) -> Result<(), String> {
    let mut temp = temporary(target, 0o600).map_err(|e| reason(&e))?;
    let file = temp.as_file_mut();
    put(file, contents)
        .and_then(|_| file.set_permissions(Permissions::from_mode(0o666 & !umask())))
        .and_then(|()| file.sync_all())
        .map_err(|e| reason(&e))?;
    // Never over a file that appeared meanwhile.
    temp.persist_noclobber(target)
        .map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => {
                "it was created by someone else while planc was writing it; run planc again"
                    .to_string()
            }
            _ => reason(&e.error),
        })?;
    sync_folder(target);
    Ok(())
}

/// Write the new file `path` through a temporary file beside it, never
/// over a file: refused with `AlreadyExists` if `path` exists, even if it
/// appeared while planc was writing (`planc init`). Created with the mode a
/// shell's `>` would give it.
pub(super) fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut temp = temporary(path, 0o600)?;
    let file = temp.as_file_mut();
    put(file, &Bytes(contents))?;
    file.set_permissions(Permissions::from_mode(0o666 & !umask()))?;
    file.sync_all()?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_folder(path);
    Ok(())
}

/// A new file beside `target`, with `mode` from its first moment, removed
/// when dropped unless persisted.
fn temporary(target: &Path, mode: u32) -> io::Result<tempfile::NamedTempFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".planc.tmp")
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(folder(target))
}

/// The folder a path is in; `.` for a bare name.
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Make a rename survive a crash; not every system allows it.
fn sync_folder(target: &Path) {
    if let Ok(dir) = File::open(folder(target)) {
        let _ = dir.sync_all();
    }
}

/// The end of a path's chain of symbolic links: the path itself when it is
/// no link, and where a dangling link points (followed, as `>` does). The
/// file is replaced there, so the links stay links. Only the last name is
/// followed: a linked folder is the same folder for a rename, and
/// resolving the whole path (`realpath`) would need every folder above to
/// be readable.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&at)?;
                at = folder(&at).join(to);
            }
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            // Nothing there (or, if something appeared, `create` refuses it).
            _ => return Ok(at),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Whether `path` leads through `/proc`, as `/dev/stdout` and `/dev/fd/1`
/// do: such a name is a window on an open file, which must be written
/// into, never replaced.
fn through_proc(path: &Path) -> bool {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        let dir = folder(&at);
        if fs::canonicalize(dir).is_ok_and(|d| d.starts_with("/proc")) {
            return true;
        }
        match fs::read_link(&at) {
            Ok(to) => at = dir.join(to),
            Err(_) => return false,
        }
    }
    false
}

/// The process's umask, read once (setting it back at once).
fn umask() -> u32 {
    use rustix::fs::Mode;
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        let old = rustix::process::umask(Mode::from_raw_mode(0o077));
        rustix::process::umask(old);
        old.as_raw_mode()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("planc-atomic-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn snapshot(path: &Path) -> Snapshot {
        Snapshot::of(&fs::metadata(path).expect("meta"))
    }

    fn message(result: Result<(), CliError>) -> String {
        result.expect_err("refused").to_string()
    }

    #[test]
    fn a_success_replaces_the_contents_and_leaves_no_temporary_file() {
        let dir = scratch("success");
        let path = dir.join("plan.plan");
        fs::write(&path, "a longer original text").expect("write");
        replace(&path, &snapshot(&path), b"new").expect("replaced");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(listing(&dir), ["plan.plan"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_edit_made_after_reading_is_kept() {
        let dir = scratch("race");
        let path = dir.join("plan.plan");
        fs::write(&path, "the original").expect("write");
        let read = snapshot(&path);
        // Someone appends a line while planc formats.
        fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(b"\nand an edit"))
            .expect("edit");
        let said = message(replace(&path, &read, b"formatted"));
        assert!(said.ends_with("it changed while planc was formatting it, so it was left as it is now; run `planc fmt` again"), "{said}");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "the original\nand an edit"
        );
        assert_eq!(listing(&dir), ["plan.plan"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_edit_made_while_the_new_text_is_written_is_kept() {
        let dir = scratch("race-late");
        let path = dir.join("plan.plan");
        fs::write(&path, "the original").expect("write");
        let read = snapshot(&path);
        let meta = fs::metadata(&path).expect("meta");
        // An editor saving by rename, at the worst moment: after planc's
        // first look, before its rename.
        fs::write(dir.join("saved"), "the editor's").expect("write");
        fs::rename(dir.join("saved"), &path).expect("rename");
        let said = through_temporary(&path, &meta, &Bytes(b"formatted"), Some(&read))
            .err()
            .expect("refused");
        assert!(said.starts_with("it changed while planc"), "{said}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "the editor's");
        assert_eq!(listing(&dir), ["plan.plan"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_temporary_file_is_private_before_a_byte_is_written() {
        let dir = scratch("private");
        let path = dir.join("plan.plan");
        fs::write(&path, "secret").expect("write");
        for (mode, expected) in [
            (0o644, 0o600),
            (0o600, 0o600),
            (0o400, 0o400),
            (0o640, 0o600),
        ] {
            let temp = temporary(&path, mode & 0o600).expect("created");
            let made = temp.as_file().metadata().expect("meta");
            assert_eq!((made.mode() & 0o777, made.len()), (expected, 0), "{mode:o}");
        }
        assert_eq!(listing(&dir), ["plan.plan"], "dropped, removed");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_method_keeps_links_and_owners() {
        assert_eq!(method(1, 1000, 1000), Method::Replace);
        assert_eq!(method(2, 1000, 1000), Method::InPlace, "hard links");
        assert_eq!(method(1, 0, 1000), Method::InPlace, "another user's file");
        assert_eq!(method(1, 1000, 0), Method::Replace, "root gives it back");
        assert_eq!(method(3, 1000, 0), Method::InPlace);
    }

    #[test]
    fn a_file_the_user_may_not_write_is_refused_in_words() {
        let dir = scratch("may-write");
        let path = dir.join("plan.plan");
        fs::write(&path, "x").expect("write");
        fs::set_permissions(&path, Permissions::from_mode(0o644)).expect("chmod");
        let meta = fs::metadata(&path).expect("meta");
        assert_eq!(may_write(&meta, Purpose::Format, Ok(())), Ok(()));
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let said = may_write(&meta, Purpose::Format, Err(denied)).expect_err("refused");
        assert!(
            said.starts_with("you may not write this file (it belongs to user "),
            "{said}"
        );
        assert!(said.contains("mode 644"), "{said}");
        let rofs = io::Error::from_raw_os_error(30);
        assert_eq!(
            may_write(&meta, Purpose::Output, Err(rofs)),
            Err("the file system is read-only".to_string())
        );
        fs::set_permissions(&path, Permissions::from_mode(0o444)).expect("chmod");
        let meta = fs::metadata(&path).expect("meta");
        assert_eq!(
            may_write(&meta, Purpose::Output, Ok(())),
            Err("it is read-only; make it writable, or write to another file".to_string()),
            "even for root"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn in_place_keeps_the_inode_and_shortens_the_file() {
        let dir = scratch("in-place");
        let path = dir.join("plan.plan");
        fs::write(&path, "a much longer original text").expect("write");
        let inode = fs::metadata(&path).expect("meta").ino();
        in_place(&path, &Bytes(b"short"), Some(&snapshot(&path))).expect("written");
        assert_eq!(fs::read_to_string(&path).expect("read"), "short");
        assert_eq!(fs::metadata(&path).expect("meta").ino(), inode);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn write_creates_a_new_file_and_keeps_an_old_ones_permissions() {
        let dir = scratch("write");
        let path = dir.join("out.json");
        write(&path, b"first", &[]).expect("created");
        fs::set_permissions(&path, Permissions::from_mode(0o640)).expect("chmod");
        write(&path, b"second", &[]).expect("replaced");
        assert_eq!(fs::read_to_string(&path).expect("read"), "second");
        assert_eq!(
            fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(listing(&dir), ["out.json"]);
        assert!(write(&dir, b"x", &[]).is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_file_is_not_created_by_replace() {
        let dir = scratch("missing");
        let path = dir.join("nowhere.plan");
        fs::write(&path, "x").expect("write");
        let read = snapshot(&path);
        fs::remove_file(&path).expect("rm");
        assert!(replace(&path, &read, b"new").is_err());
        assert!(listing(&dir).is_empty());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn links_are_followed_to_their_end() {
        let dir = scratch("links");
        std::os::unix::fs::symlink("b", dir.join("a")).expect("ln");
        std::os::unix::fs::symlink("sub/c", dir.join("b")).expect("ln");
        assert_eq!(
            follow_links(&dir.join("a")).expect("end"),
            dir.join("sub/c")
        );
        fs::write(dir.join("plain"), "x").expect("write");
        assert_eq!(
            follow_links(&dir.join("plain")).expect("itself"),
            dir.join("plain")
        );
        std::os::unix::fs::symlink("loop", dir.join("loop")).expect("ln");
        assert!(follow_links(&dir.join("loop")).is_err());
        assert!(through_proc(Path::new("/dev/stdout")));
        assert!(through_proc(Path::new("/proc/self/fd/1")));
        assert!(!through_proc(&dir.join("a")));
        let _ = fs::remove_dir_all(&dir);
    }
}
