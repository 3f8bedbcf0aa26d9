//! What the command-line tests share: reading a run's streams and a scratch
//! directory per test. Included with `#[path]` by tests/cli.rs,
//! tests/fmt_cli.rs and tests/graph_cli.rs (a subfolder, so cargo does not
//! build it as a test of its own).

use std::path::{Path, PathBuf};
use std::process::Output;

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch directory for one test: `group` keeps the test files'
/// directories apart, `name` the tests'.
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}
