//! Reading plans from disk, with errors a person can act on.

use std::io::Read;
use std::path::Path;

/// Larger than any plan anyone writes; past it planc refuses rather than
/// exhausting memory.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Read a plan file, or `-` for standard input.
pub fn read(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return check_size(path, bytes);
    }
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("cannot read `{path}`: no such file"),
        std::io::ErrorKind::PermissionDenied => format!("cannot read `{path}`: permission denied"),
        _ => format!("cannot read `{path}`: {e}"),
    })?;
    if meta.is_dir() {
        return Err(format!(
            "cannot read `{path}`: it is a directory; name the .plan files inside it"
        ));
    }
    if !meta.is_file() {
        return Err(format!("cannot read `{path}`: it is not a regular file (a pipe or a device); use `-` to read standard input"));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "cannot read `{path}`: it is {} MB, larger than the 256 MB planc accepts",
            meta.len() / 1_000_000
        ));
    }
    let bytes = std::fs::read(p).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    check_size(path, bytes)
}

fn check_size(path: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "cannot read `{path}`: it is larger than the 256 MB planc accepts"
        ));
    }
    Ok(bytes)
}

/// The name to show for a file: as the user wrote it, `<stdin>` for `-`.
pub fn display_name(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}
