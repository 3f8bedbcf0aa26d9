//! Writing files without ever leaving them half-written.
//!
//! The new contents go to a temporary file beside the target, are flushed
//! to disk, take the original's permissions (if there is one), and only then
//! are renamed over it. Whatever fails before the rename leaves the original
//! untouched and removes the temporary file. A symbolic link is followed:
//! the file it points to is replaced, the link stays.
//!
//! [`replace`] is for rewriting a user's own file (`planc fmt`): it must
//! exist and be writable. [`write`] is for outputs (`build -o`, `graph -o`),
//! which may not exist yet.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Replace the contents of the existing file at `path`. A symbolic link is
/// followed: the file it points to is replaced, the link stays.
pub fn replace(path: &Path, contents: &[u8]) -> Result<(), String> {
    replace_with(path, |file| file.write_all(contents))
}

/// [`replace`], with the new contents written by `fill`.
fn replace_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<(), String> {
    let shown = path.display();
    let target = fs::canonicalize(path).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
    let meta = fs::metadata(&target).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
    if meta.permissions().readonly() {
        return Err(format!(
            "cannot write `{shown}`: it is read-only; make it writable to format it"
        ));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let (temp_path, mut temp) =
        create_temp(dir, &target).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
    let written = fill(&mut temp)
        .and_then(|()| temp.set_permissions(meta.permissions()))
        .and_then(|()| temp.sync_all());
    drop(temp);
    let replaced = written.and_then(|()| fs::rename(&temp_path, &target));
    if let Err(e) = replaced {
        let _ = fs::remove_file(&temp_path);
        return Err(format!(
            "cannot write `{shown}`: {e}; the file was left as it was"
        ));
    }
    // Make the rename itself survive a crash; not every system allows it.
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Write `bytes` to `path`, creating it or replacing it whole.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| format!("cannot write `{shown}`: {e}"))?
        }
        _ => path.to_path_buf(),
    };
    if target.is_dir() {
        return Err(format!("cannot write `{shown}`: it is a directory"));
    }
    if target.file_name().is_none() {
        return Err(format!("cannot write `{shown}`: it names no file"));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = fs::metadata(&target).ok();
    let (temp, mut file) =
        create_temp(&dir, &target).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
    let result = (|| -> std::io::Result<()> {
        file.write_all(bytes)?;
        if let Some(meta) = &existing {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, &target)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(format!("cannot write `{shown}`: {e}"));
    }
    Ok(())
}

/// A new file beside `target`, named after it, that did not exist before.
fn create_temp(dir: &Path, target: &Path) -> std::io::Result<(PathBuf, File)> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0;
    loop {
        let candidate = dir.join(format!(
            ".{name}.planc-{}-{attempt}.tmp",
            std::process::id()
        ));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
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

    #[test]
    fn a_failure_while_writing_leaves_the_original_whole_and_no_temporary_file() {
        let dir = scratch("failure");
        let path = dir.join("plan.plan");
        fs::write(&path, "the original").expect("write");
        let result = replace_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(std::io::Error::other("the disk is full"))
        });
        let message = result.expect_err("the write failed");
        assert!(
            message.ends_with("the disk is full; the file was left as it was"),
            "{message}"
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "the original");
        assert_eq!(listing(&dir), ["plan.plan"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_success_replaces_the_contents_and_leaves_no_temporary_file() {
        let dir = scratch("success");
        let path = dir.join("plan.plan");
        fs::write(&path, "a longer original text").expect("write");
        replace(&path, b"new").expect("replaced");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(listing(&dir), ["plan.plan"]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn write_creates_a_new_file_and_keeps_an_old_ones_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("write");
        let path = dir.join("out.json");
        write(&path, b"first").expect("created");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        write(&path, b"second").expect("replaced");
        assert_eq!(fs::read_to_string(&path).expect("read"), "second");
        assert_eq!(
            fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(listing(&dir), ["out.json"]);
        assert!(write(&dir, b"x").is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_file_is_not_created() {
        let dir = scratch("missing");
        let path = dir.join("nowhere.plan");
        assert!(replace(&path, b"new").is_err());
        assert!(listing(&dir).is_empty());
        let _ = fs::remove_dir_all(&dir);
    }
}
