//! Writing a file so that it is never left half-written: the bytes go to a
//! temporary file in the same directory, which then replaces the target in
//! one rename. On any failure the target is untouched and the temporary
//! file removed. An existing file keeps its permissions; a symbolic link
//! keeps pointing where it did, and its target is replaced.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    // Write through a symbolic link rather than replacing the link.
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| format!("cannot write `{shown}`: {e}"))?
        }
        _ => path.to_path_buf(),
    };
    if target.is_dir() {
        return Err(format!("cannot write `{shown}`: it is a directory"));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("cannot write `{shown}`: it names no file"))?;
    let existing = fs::metadata(&target).ok();
    let (temp, mut file) =
        create_temp(&dir, &file_name).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
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

/// A new file `.NAME.planc-PID-N.tmp` beside the target; never an existing one.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!(".{name}.planc-{pid}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}
