//! `planc fmt` end to end: in place, `--check`, standard input, files that
//! do not parse or cannot be read or written, and what is kept of a file
//! (permissions, links, line endings) when it is rewritten.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support;
use support::{stderr, stdout};

const MESSY: &str =
    "goal g \"G\" {target revenue ¥2000万 by 2026-12-31   // the number\n\n\n  owner   \"x\"}\n";
const TIDY: &str =
    "goal g \"G\" {\n  target revenue ¥2000万 by 2026-12-31 // the number\n\n  owner \"x\"\n}\n";
const BROKEN: &str = "goal g {\n  target revenue\n}\n";

fn planc_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planc runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(input.as_bytes())
            .expect("stdin takes the plan");
    }
    child.wait_with_output().expect("planc ends")
}

/// A scratch directory for this test only.
fn scratch(name: &str) -> PathBuf {
    support::scratch("fmt_cli", name)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a plan");
    path
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read a plan")
}

/// The names in a directory, sorted: no temporary file may be left behind.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn formats_files_in_place_silently() {
    let dir = scratch("in_place");
    let a = write(&dir, "a.plan", MESSY);
    let b = write(&dir, "b.plan", "metric m   count");
    let o = planc_in(&dir, &["fmt", "a.plan", "b.plan"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "");
    assert_eq!(read(&a), TIDY);
    assert_eq!(read(&b), "metric m count\n");
    assert_eq!(listing(&dir), ["a.plan", "b.plan"]);
}

#[test]
fn an_already_formatted_file_is_not_rewritten() {
    let dir = scratch("untouched");
    let path = write(&dir, "tidy.plan", TIDY);
    let long_ago =
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(long_ago))
        .expect("set the modification time");
    let o = planc_in(&dir, &["fmt", "tidy.plan"], None);
    assert_eq!(o.status.code(), Some(0));
    let modified = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(modified, long_ago, "the file was written");
}

#[test]
fn check_lists_the_files_that_would_change_and_changes_nothing() {
    let dir = scratch("check");
    write(&dir, "messy.plan", MESSY);
    write(&dir, "tidy.plan", TIDY);
    write(&dir, "other.plan", "metric m   count\n");
    let o = planc_in(
        &dir,
        &["fmt", "--check", "messy.plan", "tidy.plan", "other.plan"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "messy.plan\nother.plan\n");
    assert_eq!(stderr(&o), "");
    assert_eq!(read(&dir.join("messy.plan")), MESSY);
    assert_eq!(read(&dir.join("other.plan")), "metric m   count\n");

    let o = planc_in(&dir, &["fmt", "--check", "tidy.plan"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn a_dash_reads_standard_input_and_writes_standard_output() {
    let dir = scratch("stdin");
    let o = planc_in(&dir, &["fmt", "-"], Some(MESSY));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), TIDY);
    assert_eq!(stderr(&o), "");
    // Already formatted: printed all the same, so editors can pipe through it.
    let o = planc_in(&dir, &["fmt", "-"], Some(TIDY));
    assert_eq!(stdout(&o), TIDY);
    let o = planc_in(&dir, &["fmt", "--check", "-"], Some(MESSY));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "<stdin>\n");
}

#[test]
fn a_file_with_syntax_errors_is_refused_with_its_diagnostics_and_left_alone() {
    let dir = scratch("syntax");
    let broken = write(&dir, "broken.plan", BROKEN);
    let fine = write(&dir, "fine.plan", MESSY);
    let o = planc_in(&dir, &["fmt", "broken.plan", "fine.plan"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "syntax

  × expected an amount like ¥2000万, 40% or 5000, found `}`
   ╭─[broken.plan:3:1]
 2 │   target revenue
 3 │ }
   · ┬
   · ╰── expected an amount like ¥2000万, 40% or 5000
   ╰────
  help: Write amounts as a number with an optional scale (k, M, 万, 亿): money with its sign first
        (¥2000万, $1.5M), percents with % (40%), counts bare (5000).

planc: broken.plan was not formatted and is unchanged
"
    );
    assert_eq!(read(&broken), BROKEN);
    // The other files are still formatted.
    assert_eq!(read(&fine), TIDY);

    let o = planc_in(&dir, &["fmt", "-"], Some(BROKEN));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "", "nothing half-formatted on stdout");
}

#[test]
fn invalid_utf8_is_refused_and_left_alone() {
    let dir = scratch("utf8");
    let path = dir.join("gbk.plan");
    let bytes = b"goal g \"\xd6\xd0\" {}\n";
    std::fs::write(&path, bytes).expect("write");
    let o = planc_in(&dir, &["fmt", "gbk.plan"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

#[test]
fn an_unreadable_file_exits_2_and_the_others_are_still_formatted() {
    let dir = scratch("unreadable");
    let fine = write(&dir, "fine.plan", MESSY);
    let o = planc_in(&dir, &["fmt", "missing.plan", "fine.plan"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "planc: cannot read `missing.plan`: no such file\n"
    );
    assert_eq!(read(&fine), TIDY);
    let o = planc_in(&dir, &["fmt", "--check", "."], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("it is a directory"), "{}", stderr(&o));
}

#[test]
fn no_file_named_is_a_usage_error() {
    let dir = scratch("usage");
    let o = planc_in(&dir, &["fmt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("FILE"), "{}", stderr(&o));
}

#[test]
fn line_endings_and_a_byte_order_mark_are_kept() {
    let dir = scratch("endings");
    let path = write(&dir, "crlf.plan", "\u{feff}metric m   count // c\r\n");
    let o = planc_in(&dir, &["fmt", "crlf.plan"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(read(&path), "\u{feff}metric m count // c\r\n");
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("permissions");
    let path = write(&dir, "shared.plan", MESSY);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = planc_in(&dir, &["fmt", "shared.plan"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&path), TIDY);
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("read_only");
    let path = write(&dir, "locked.plan", MESSY);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let o = planc_in(&dir, &["fmt", "locked.plan"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "planc: cannot write `locked.plan`: it is read-only; make it writable to format it\n"
    );
    assert_eq!(read(&path), MESSY);
    assert_eq!(listing(&dir), ["locked.plan"]);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link_to_the_formatted_file() {
    let dir = scratch("symlink");
    let target = write(&dir, "real.plan", MESSY);
    std::os::unix::fs::symlink("real.plan", dir.join("link.plan")).expect("symlink");
    let o = planc_in(&dir, &["fmt", "link.plan"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&target), TIDY);
    let link = std::fs::symlink_metadata(dir.join("link.plan")).expect("meta");
    assert!(link.file_type().is_symlink());
}

#[cfg(unix)]
#[test]
fn a_hard_linked_file_is_written_in_place_so_every_name_sees_the_new_text() {
    use std::os::unix::fs::MetadataExt;
    let dir = scratch("hard_link");
    let path = write(&dir, "hl.plan", MESSY);
    std::fs::hard_link(&path, dir.join("hl2.plan")).expect("ln");
    let inode = std::fs::metadata(&path).expect("meta").ino();
    let o = planc_in(&dir, &["fmt", "hl.plan"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert_eq!(read(&path), TIDY);
    assert_eq!(read(&dir.join("hl2.plan")), TIDY);
    let meta = std::fs::metadata(&path).expect("meta");
    assert_eq!((meta.ino(), meta.nlink()), (inode, 2));
    assert_eq!(listing(&dir), ["hl.plan", "hl2.plan"]);
}

#[test]
fn a_plan_formatted_from_standard_input_is_not_written_over_it() {
    let dir = scratch("stdin_is_stdout");
    let path = write(&dir, "x.plan", MESSY);
    let o = support::planc_to(
        &dir,
        &["fmt", "-"],
        support::file(&path),
        Stdio::from(
            std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .expect("open"),
        ),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(read(&path), MESSY);
}

#[test]
fn a_line_appended_while_fmt_works_is_never_lost() {
    let dir = scratch("race");
    // Big enough that formatting takes a while (a debug build: 2 seconds),
    // so the edit usually lands while planc works.
    let path = write(
        &dir,
        "big.plan",
        &planc::testing::untidy(&planc::testing::plan(400)),
    );
    let child = Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(["fmt", "big.plan"])
        .current_dir(&dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("planc runs");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let edit = "// added while planc was formatting\n";
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(edit.as_bytes()))
        .expect("append");
    let o = child.wait_with_output().expect("planc ends");
    let now = read(&path);
    // Either planc read the file after the edit (and formatted it, edit
    // included), or it saw the file change and left it alone.
    assert!(now.contains(edit.trim_end()), "the edit was lost");
    if o.status.code() == Some(2) {
        assert!(
            stderr(&o).contains("it changed while planc was formatting it"),
            "{}",
            stderr(&o)
        );
        assert!(now.ends_with(edit));
    } else {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(listing(&dir), ["big.plan"]);
}
