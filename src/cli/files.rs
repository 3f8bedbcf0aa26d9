//! Reading plans: the one way every command (check, build, graph, fmt)
//! gets a plan's text, with errors a person can act on.

use super::error::CliError;
use super::lang::say;
use planc::{Analysis, Code, Diagnostic};
use std::fs::{File, Metadata};
use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;

/// Larger than any plan anyone writes; past it planc refuses rather than
/// exhausting memory.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Which file: device and inode, so that two names of one file (a hard
/// link, a symbolic link, `./x` and `x`) are the same file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    pub(super) fn of(meta: &Metadata) -> FileId {
        FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }
}

/// A file as planc read it: which file, how long, and when it last
/// changed. If any of these differ later, someone else wrote it meanwhile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Snapshot {
    id: FileId,
    size: u64,
    /// Modification time (contents), seconds and nanoseconds.
    modified: (i64, i64),
    /// Change time (contents or attributes), seconds and nanoseconds.
    changed: (i64, i64),
}

impl Snapshot {
    pub(super) fn of(meta: &Metadata) -> Snapshot {
        Snapshot {
            id: FileId::of(meta),
            size: meta.size(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    pub(super) fn id(&self) -> FileId {
        self.id
    }
}

/// A plan as read from a file or standard input.
pub(super) struct Plan {
    /// The name to show: as the user wrote it, `<stdin>` for `-`.
    pub name: String,
    /// The text; a lossy copy when the bytes are not UTF-8.
    pub text: String,
    /// When the bytes are not UTF-8: the one diagnostic that says where.
    encoding: Option<Diagnostic>,
    /// The file read, when it is a regular file (standard input too, when
    /// it is redirected from one).
    pub snapshot: Option<Snapshot>,
}

impl Plan {
    /// Refuse to act on this plan: its diagnostics, shown as `planc check`
    /// shows them, then `closing` (what was not done). Exit 1.
    pub(super) fn reject(
        &self,
        diagnostics: &[Diagnostic],
        color: super::terminal::Color,
        closing: impl std::fmt::Display,
    ) -> super::ExitCode {
        super::output::reject(&self.name, &self.text, diagnostics, color, closing)
    }

    /// The text, or the diagnostic saying it is not UTF-8.
    pub(super) fn text(&self) -> Result<&str, &Diagnostic> {
        match &self.encoding {
            Some(diagnostic) => Err(diagnostic),
            None => Ok(&self.text),
        }
    }

    /// The file read, for refusing to write over it.
    pub(super) fn inputs(&self) -> Vec<FileId> {
        self.snapshot.iter().map(Snapshot::id).collect()
    }
}

/// Read a plan file, or `-` for standard input, and decode it.
pub(super) fn load(path: &str) -> Result<Plan, CliError> {
    let (bytes, snapshot) = read(path).map_err(CliError::CouldNotRun)?;
    let name = display_name(path).to_string();
    // Binary input first: a file of NULs is valid UTF-8, and 255 MB of it
    // must cost no more than its first 8 KB.
    if let Some(bad) = planc::source::binary(&bytes) {
        let (text, diagnostic) = *bad;
        return Ok(Plan {
            name,
            text,
            encoding: Some(in_run_language(diagnostic)),
            snapshot,
        });
    }
    // The bytes become the text without a copy: a big plan is in memory once.
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Plan {
            name,
            text,
            encoding: None,
            snapshot,
        },
        Err(e) => match planc::source::decode(e.as_bytes()) {
            Err(bad) => {
                let (text, diagnostic) = *bad;
                Plan {
                    name,
                    text,
                    encoding: Some(in_run_language(diagnostic)),
                    snapshot,
                }
            }
            // Not reached: both decoders follow the same standard.
            Ok(text) => Plan {
                name,
                text: text.to_string(),
                encoding: None,
                snapshot,
            },
        },
    })
}

/// The encoding diagnostic of `planc::source` (worded in English by the
/// library, which reads no plan's `lang` from bytes it cannot decode) in the
/// run's language.
fn in_run_language(mut d: Diagnostic) -> Diagnostic {
    if super::lang::own() != planc::Lang::Zh {
        return d;
    }
    let number_after = |text: &str, marker: &str| -> String {
        text.split_once(marker)
            .map(|(_, rest)| rest.chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default()
    };
    let at = number_after(&d.message, "byte ");
    if d.message.starts_with("this file is not valid UTF-8") {
        let hex = number_after(&d.message, "(0x");
        let hex: String = d
            .message
            .split_once("(0x")
            .map(|(_, r)| r.chars().take_while(char::is_ascii_hexdigit).collect())
            .unwrap_or(hex);
        d.message = format!(
            "这个文件不是有效的 UTF-8：第 {at} 个字节（0x{hex}）既不能开始也不能延续一个字符"
        );
        d.span_label = "无效字节".to_string();
        d.help = "请把文件存成 UTF-8。编辑器里一般就叫“UTF-8”（不是 GBK、GB2312 或 UTF-16）；GBK 文件可以用 `iconv -f GBK -t UTF-8` 转换。".to_string();
    } else if d.message.starts_with("this file looks like UTF-16") {
        d.message = "这个文件看起来是 UTF-16 文本，不是 UTF-8".to_string();
        d.span_label = "NUL 字节".to_string();
        d.help = "请把文件存成 UTF-8。编辑器里一般就叫“UTF-8”（不是 UTF-16 或“Unicode”）；可以用 `iconv -f UTF-16 -t UTF-8` 转换。".to_string();
    } else if d.message.starts_with("this looks like a binary file") {
        d.message = format!("这看起来是二进制文件，不是计划：第 {at} 个字节是 NUL（0x00）");
        d.span_label = "NUL 字节".to_string();
        d.help = "planc 读的计划是 UTF-8 文本。检查一下文件名：这个文件可能是图片、压缩包或程序。"
            .to_string();
    }
    d
}

/// Standard input can be read once: a second `-` would read nothing.
pub(super) fn stdin_once(paths: &[String]) -> Result<(), CliError> {
    if paths.iter().filter(|p| *p == "-").count() > 1 {
        return Err(CliError::CouldNotRun(say(
            "`-` (standard input) is named twice; it can be read only once",
            "`-`（标准输入）写了两次；标准输入只能读一次",
        )));
    }
    Ok(())
}

/// The bytes of a plan, and the snapshot of the file they came from.
fn read(path: &str) -> Result<(Vec<u8>, Option<Snapshot>), String> {
    if path == "-" {
        let stdin = std::io::stdin();
        let snapshot = stdin
            .as_fd()
            .try_clone_to_owned()
            .map(File::from)
            .and_then(|f| f.metadata())
            .ok()
            .filter(Metadata::is_file)
            .map(|m| Snapshot::of(&m));
        let mut bytes = Vec::new();
        stdin
            .lock()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                say(
                    format!("cannot read standard input: {e}"),
                    format!("无法读取标准输入：{e}"),
                )
            })?;
        return check_size(path, bytes).map(|b| (b, snapshot));
    }
    let cannot = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => say(
            format!("cannot read `{path}`: no such file"),
            format!("无法读取 `{path}`：没有这个文件"),
        ),
        std::io::ErrorKind::PermissionDenied => say(
            format!("cannot read `{path}`: permission denied"),
            format!("无法读取 `{path}`：没有权限"),
        ),
        _ => say(
            format!("cannot read `{path}`: {}", super::error::reason(&e)),
            format!("无法读取 `{path}`：{}", super::error::reason_zh(&e)),
        ),
    };
    // Looked at before opening: opening a FIFO would wait for a writer.
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(say(
            format!("cannot read `{path}`: it is a directory; name the .plan files inside it"),
            format!("无法读取 `{path}`：这是一个文件夹；请写出里面的 .plan 文件"),
        ));
    }
    if !meta.is_file() {
        return Err(say(
            format!("cannot read `{path}`: it is not a regular file (a pipe or a device); use `-` to read standard input"),
            format!("无法读取 `{path}`：它不是普通文件（而是管道或设备）；要读标准输入，请用 `-`"),
        ));
    }
    let file = File::open(path).map_err(cannot)?;
    // The snapshot is of the file opened, taken before its first byte is read.
    let meta = file.metadata().map_err(cannot)?;
    if meta.len() > MAX_BYTES {
        return Err(say(
            format!(
                "cannot read `{path}`: it is {} MB, larger than the 256 MB planc accepts",
                meta.len() / 1_000_000
            ),
            format!(
                "无法读取 `{path}`：文件有 {} MB，超过了 planc 能接受的 256 MB",
                meta.len() / 1_000_000
            ),
        ));
    }
    let len = usize::try_from(meta.len()).unwrap_or(0);
    let bytes = read_whole(&file, len, PART).map_err(cannot)?;
    check_size(path, bytes).map(|b| (b, Some(Snapshot::of(&meta))))
}

/// The least a part of a file read on a thread of its own holds
/// ([`read_whole`]).
const PART: usize = 8 * 1024 * 1024;

/// The whole of `file`, which held `len` bytes when it was opened (and at
/// most `MAX_BYTES + 1`, which `check_size` refuses).
///
/// A file of two `part`s or more is read in parts at once, one thread each,
/// every part straight into its place: reading 61 MB into memory not yet
/// touched took 40-550 ms in one piece on the 2-core machine, and about half
/// that in two (docs/performance.md, issue 17). A file that grew since it
/// was opened is read on to its end; one that shrank is read again, in one
/// piece.
fn read_whole(file: &File, len: usize, part: usize) -> std::io::Result<Vec<u8>> {
    use std::io::{Seek, SeekFrom};
    use std::os::unix::fs::FileExt;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let parts = threads.min(len / part.max(1));
    if parts > 1 {
        let mut bytes = vec![0; len];
        let chunk = len.div_ceil(parts);
        let read = std::thread::scope(|scope| {
            let tasks: Vec<_> = bytes
                .chunks_mut(chunk)
                .zip((0..).step_by(chunk))
                .map(|(into, at)| scope.spawn(move || file.read_exact_at(into, at)))
                .collect();
            tasks.into_iter().try_for_each(|task| {
                task.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
        });
        match read {
            Ok(()) => {
                let mut rest = file;
                rest.seek(SeekFrom::Start(len as u64))?;
                rest.take(MAX_BYTES + 1 - (len as u64).min(MAX_BYTES))
                    .read_to_end(&mut bytes)?;
                return Ok(bytes);
            }
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {}
            Err(e) => return Err(e),
        }
    }
    let mut whole = file;
    whole.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::with_capacity(len);
    whole.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn check_size(path: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(say(
            format!(
                "cannot read `{}`: it is larger than the 256 MB planc accepts",
                display_name(path)
            ),
            format!(
                "无法读取 `{}`：文件超过了 planc 能接受的 256 MB",
                display_name(path)
            ),
        ));
    }
    Ok(bytes)
}

/// The name to show for a file: as the user wrote it, `<stdin>` for `-`.
pub(super) fn display_name(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

/// A whole plan as read: the root and every file it includes, and what
/// reading them found. Every command but `fmt` reads plans through
/// [`load_plan`].
pub(super) struct Whole {
    /// The root file's name as shown.
    pub name: String,
    /// The plan's files, root first.
    pub map: planc::sources::SourceMap,
    /// Includes that name nothing, lie outside the plan, or cannot be read
    /// (worded by the analysis, in the plan's language).
    found: Vec<planc::sources::Finding>,
    /// When the root's bytes are not UTF-8: the one diagnostic that says where.
    encoding: Option<Diagnostic>,
    /// Every file read, for refusing to write over one of them.
    inputs: Vec<FileId>,
    /// The included files, canonical.
    pub included: Vec<std::path::PathBuf>,
}

impl Whole {
    /// The plan analysed; for a root whose bytes are not UTF-8, the one
    /// diagnostic that says so.
    pub(super) fn analyze(&self, allow: &[Code]) -> Result<Analysis, &Diagnostic> {
        match &self.encoding {
            Some(diagnostic) => Err(diagnostic),
            None => Ok(planc::analysis::analyze_sources(
                &self.map,
                self.found.clone(),
                allow,
                super::lang::pref(),
            )),
        }
    }

    /// Refuse to act on this plan: its diagnostics, shown as `planc check`
    /// shows them, then `closing`. Exit 1.
    pub(super) fn reject(
        &self,
        diagnostics: &[Diagnostic],
        color: super::terminal::Color,
        closing: impl std::fmt::Display,
    ) -> super::ExitCode {
        super::output::reject_plan(&self.map, diagnostics, color, closing)
    }

    pub(super) fn inputs(&self) -> Vec<FileId> {
        self.inputs.clone()
    }

    /// A file shown on its own (a file no plan includes).
    pub(super) fn alone(map: planc::sources::SourceMap) -> Whole {
        Whole {
            name: map.files()[0].name.clone(),
            map,
            found: Vec::new(),
            encoding: None,
            inputs: Vec::new(),
            included: Vec::new(),
        }
    }
}

/// Read a whole plan, given its root, one of its files, or `-`.
///
/// A file without a `plan` item is a part: its root is looked for in its
/// directory and the ones above (`planc::sources::disk::find_root`), and the
/// whole plan is read from there. A part that no root includes is a plan
/// of its own, whose `plan-missing` says that no plan includes it.
pub(super) fn load_plan(path: &str) -> Result<Whole, CliError> {
    let plan = load(path)?;
    if plan.encoding.is_none() && path != "-" && !planc::sources::has_plan(&plan.text) {
        if let Some(root) = planc::sources::disk::find_root(std::path::Path::new(path)) {
            let name = relative_to_here(&root);
            let root_plan = load(&name)?;
            if root_plan.encoding.is_none() {
                return Ok(whole(root_plan, &name));
            }
        }
        let mut one = whole(plan, path);
        one.map.set_not_included();
        return Ok(one);
    }
    Ok(whole(plan, path))
}

/// A root as read, with the files it includes read too.
fn whole(plan: Plan, path: &str) -> Whole {
    let Plan {
        name,
        text,
        encoding,
        snapshot,
    } = plan;
    let mut inputs: Vec<FileId> = snapshot.iter().map(Snapshot::id).collect();
    let map = planc::sources::SourceMap::one(name.clone(), text);
    if encoding.is_some() {
        return Whole {
            name,
            map,
            found: Vec::new(),
            encoding,
            inputs,
            included: Vec::new(),
        };
    }
    // Standard input's includes are relative to the current directory.
    let root = if path == "-" { "<stdin>" } else { path };
    let read = planc::sources::disk::read_includes(std::path::Path::new(root), map);
    inputs.extend(
        read.paths
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| FileId::of(&m)),
    );
    Whole {
        name,
        map: read.map,
        found: read.found,
        encoding: None,
        inputs,
        included: read.paths,
    }
}

/// A path found by planc, shown relative to the current directory when it
/// lies below it.
pub(super) fn relative_to_here(path: &std::path::Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|here| here.canonicalize().ok())
        .and_then(|here| {
            path.strip_prefix(here)
                .ok()
                .map(std::path::Path::to_path_buf)
        })
        .unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read in parts of 1 000 bytes: the file as it is, whether it is as
    /// long as opened, grew since, or shrank.
    #[test]
    fn a_file_read_in_parts_is_the_file() {
        let path = std::env::temp_dir().join(format!("planc-read-{}.plan", std::process::id()));
        let text: Vec<u8> = (0..25_000u32).flat_map(|i| i.to_le_bytes()).collect();
        std::fs::write(&path, &text).expect("write");
        let file = File::open(&path).expect("open");
        let len = text.len();
        for (opened, part) in [
            (len, 1_000),
            (len, len),
            (len - 7_777, 1_000),
            (len + 5_000, 1_000),
            (0, 1_000),
        ] {
            let read = read_whole(&file, opened, part).expect("read");
            assert!(read == text, "opened at {opened} bytes, parts of {part}");
        }
        let _ = std::fs::remove_file(&path);
    }
}
