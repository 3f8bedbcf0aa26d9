//! What the command-line tests share: reading a run's streams and a scratch
//! directory per test. Included with `#[path]` by tests/cli.rs,
//! tests/fmt_cli.rs and tests/graph_cli.rs (a subfolder, so cargo does not
//! build it as a test of its own).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch directory for one test: `group` keeps the test files'
/// directories apart, `name` the tests'.
pub(crate) fn scratch(group: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Run `planc` in `dir` with the given standard input and output; stderr is
/// captured. For runs whose stdout is a device (`/dev/full`) or a pipe whose
/// reader is gone.
pub(crate) fn planc_to(dir: &Path, args: &[&str], stdin: Stdio, stdout: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(stdin)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("planc runs")
}

/// `/dev/full`, where every write fails with "no space left on device".
pub(crate) fn full() -> Stdio {
    Stdio::from(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full opens"),
    )
}

/// The write end of a pipe whose read end is already closed: the first
/// write gets EPIPE, as under `planc … | head -0`.
pub(crate) fn closed_pipe() -> Stdio {
    let (read, write) = rustix::pipe::pipe().expect("a pipe");
    drop(read);
    Stdio::from(write)
}

/// A file's contents on stdin.
pub(crate) fn file(path: &Path) -> Stdio {
    Stdio::from(std::fs::File::open(path).expect("opens"))
}

/// `setpriv`, to run planc as another user in `dir`; `None` when it is
/// missing, this test does not run as root, or user 65534 cannot reach
/// planc or `dir` (a checkout in a private folder). Then the tests that need
/// it say so and pass without checking.
pub(crate) fn setpriv(dir: &Path) -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/setpriv");
    if !rustix::process::geteuid().is_root() || !path.exists() {
        return None;
    }
    // A tidy plan that nobody must reach through `dir` to check.
    let probe = dir.join("probe.plan");
    std::fs::write(&probe, "metric m count\n").expect("write the probe");
    let works = planc_as_nobody(&path, dir, "", &["fmt", "--check", "probe.plan"])
        .status
        .success();
    std::fs::remove_file(&probe).expect("remove the probe");
    works.then_some(path)
}

/// Run planc in `dir` as user and group 65534 (nobody), with these extra
/// groups.
pub(crate) fn planc_as_nobody(setpriv: &Path, dir: &Path, groups: &str, args: &[&str]) -> Output {
    let mut command = Command::new(setpriv);
    command.args(["--reuid=65534", "--regid=65534"]);
    if groups.is_empty() {
        command.arg("--clear-groups");
    } else {
        command.arg(format!("--groups={groups}"));
    }
    command
        .arg(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("setpriv cannot run in {}: {e}", dir.display()))
}
