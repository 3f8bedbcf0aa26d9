//! The `planc` binary end to end: exit codes, streams, and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support;
use support::{stderr, stdout};

fn planc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("planc runs")
}

/// A scratch directory for this test only.
fn scratch(name: &str) -> PathBuf {
    support::scratch("cli", name)
}

#[test]
fn a_clean_plan_exits_0_and_prints_nothing() {
    let o = planc(&["check", "examples/acme.plan"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "");
}

#[test]
fn errors_exit_1_on_stderr() {
    let o = planc(&["check", "tests/cases/unknown-name.plan"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("× there is no battle named `夏天`"), "{err}");
    assert!(err.contains("tests/cases/unknown-name.plan:54:7"), "{err}");
    assert!(err.ends_with("planc: 1 error in 1 file\n"), "{err}");
}

#[test]
fn warnings_exit_0_unless_denied() {
    let o = planc(&["check", "tests/cases/tactic-without-owner.plan"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).ends_with("planc: 1 warning in 1 file\n"));
    let o = planc(&[
        "check",
        "--deny",
        "warnings",
        "tests/cases/tactic-without-owner.plan",
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn allow_silences_a_warning_and_refuses_errors_and_unknown_names() {
    let o = planc(&[
        "check",
        "--allow",
        "tactic-without-owner",
        "--deny",
        "warnings",
        "tests/cases/tactic-without-owner.plan",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
    let o = planc(&["check", "--allow", "overcommitted", "examples/acme.plan"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "planc: --allow overcommitted: `overcommitted` is an error, and only warnings can be silenced\n");
    let o = planc(&[
        "check",
        "--allow",
        "tactic-without-ownr",
        "examples/acme.plan",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "planc: --allow tactic-without-ownr: no warning has this name; did you mean `tactic-without-owner`?\n");
}

#[test]
fn json_goes_to_stdout_with_line_and_character_column() {
    let o = planc(&["check", "--format", "json", "tests/cases/cjk-caret.plan"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "unknown-name");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(54), Some(7))
    );
    assert_eq!(d["file"], "tests/cases/cjk-caret.plan");
    assert_eq!(v["schema"], 1);
}

#[test]
fn several_files_report_all_and_exit_with_the_worst() {
    let o = planc(&[
        "check",
        "examples/acme.plan",
        "tests/cases/tactic-without-owner.plan",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = planc(&[
        "check",
        "tests/cases/tactic-without-owner.plan",
        "tests/cases/unknown-name.plan",
        "examples/acme.plan",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("planc: 1 error, 1 warning in 3 files\n"),
        "{}",
        stderr(&o)
    );
    let o = planc(&["check", "tests/cases/unknown-name.plan", "no/such.plan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no battle named"));
}

#[test]
fn a_missing_file_exits_2() {
    let o = planc(&["check", "no/such.plan"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "planc: cannot read `no/such.plan`: no such file\n"
    );
}

#[test]
fn a_directory_exits_2() {
    // `check` checks every plan under a directory (docs/several-files.md);
    // the other commands take one plan.
    let o = planc(&["build", "examples"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "planc: cannot read `examples`: it is a directory; name the .plan files inside it\n"
    );
    let o = planc(&["check", "examples"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(planc(&["check"]).status.code(), Some(2));
    assert_eq!(
        planc(&["check", "--format", "xml", "examples/acme.plan"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(planc(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(planc(&[]).status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let o = planc(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("planc {}\n", env!("CARGO_PKG_VERSION")));
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["explain", "--help"],
    ] {
        let o = planc(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(
            stdout(&o).contains("Usage: planc"),
            "{args:?}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn an_empty_file_has_no_plan() {
    let dir = scratch("empty");
    let file = dir.join("empty.plan");
    std::fs::write(&file, "").expect("write");
    let o = planc(&[
        "check",
        "--format",
        "json",
        file.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["diagnostics"][0]["code"], "plan-missing");
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(1));
}

#[test]
fn invalid_utf8_names_the_byte() {
    let dir = scratch("utf8");
    let file = dir.join("gbk.plan");
    let mut bytes = b"plan \"x\" {\n  period 2026-01-01 .. 2026-12-31\n}\nmetric m \"".to_vec();
    assert_eq!(bytes.len(), 57);
    // 营收 in GBK. D3 AA happens to be valid UTF-8 (Ӫ); CA is the first bad byte.
    bytes.extend([0xD3, 0xAA, 0xCA, 0xD5]);
    bytes.extend(b"\" money\n");
    std::fs::write(&file, &bytes).expect("write");
    let o = planc(&["check", file.to_str().expect("UTF-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("this file is not valid UTF-8: byte 59 (0xCA)"),
        "{err}"
    );
    assert!(err.contains(":4:12]"), "{err}");
    assert!(err.contains("iconv -f GBK"), "{err}");
}

#[test]
fn a_hundred_thousand_nested_braces_are_a_syntax_error_not_a_crash() {
    let dir = scratch("braces");
    let file = dir.join("braces.plan");
    std::fs::write(&file, format!("plan \"x\" {}", "{".repeat(100_000))).expect("write");
    let o = planc(&[
        "check",
        "--format",
        "json",
        file.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["diagnostics"][0]["code"], "syntax");
    assert_eq!(v["diagnostics"][0]["column"], 11);
}

#[test]
fn a_10_mb_file_is_checked() {
    let dir = scratch("big");
    let file = dir.join("big.plan");
    let acme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme.plan"))
            .expect("acme");
    let line = "// 这一行只是注释，让文件变大。 This line is only a comment.\n";
    let filler = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    std::fs::write(&file, format!("{filler}{acme}")).expect("write");
    assert!(std::fs::metadata(&file).expect("meta").len() > 10_000_000);
    let o = planc(&["check", file.to_str().expect("UTF-8 path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn explain_prints_the_page_and_refuses_unknown_names() {
    let o = planc(&["explain", "goal-without-path"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("# goal-without-path\n"));
    assert!(stdout(&o).contains("## Fixed example"));
    let o = planc(&["explain", "goal-without-pth"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "planc: no diagnostic is named `goal-without-pth`; did you mean `goal-without-path`?\n"
    );
    let o = planc(&["explain"]);
    assert_eq!(o.status.code(), Some(0));
    for code in planc::Code::ALL {
        assert!(
            stdout(&o).contains(code.name()),
            "{} missing from the list",
            code.name()
        );
    }
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(["check", "-"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planc runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"metric m money\n")
        .expect("write");
    let o = child.wait_with_output().expect("planc ends");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>:1:1"), "{}", stderr(&o));
}

#[test]
fn build_prints_the_model_or_writes_it_atomically() {
    let o = planc(&["build", "examples/acme.plan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["schema"], 1);
    assert_eq!(v["goals"][0]["id"], "revenue_2026");
    assert_eq!(v["goals"][0]["target"]["amount"]["text"], "¥2000万");
    assert_eq!(v["goals"][0]["target"]["amount"]["exact"], "20000000");
    assert_eq!(v["goals"][0]["gap"]["value"], 8_000_000);
    assert_eq!(
        planc(&["build", "examples/acme.plan"]).stdout,
        o.stdout,
        "byte-identical output"
    );
    let dir = scratch("build");
    let out = dir.join("acme.json");
    let o = planc(&[
        "build",
        "examples/acme.plan",
        "-o",
        out.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(written, v);
    assert_eq!(
        std::fs::read_dir(&dir).expect("dir").count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn build_refuses_a_plan_with_errors() {
    let dir = scratch("build-errors");
    let out = dir.join("out.json");
    std::fs::write(&out, "previous").expect("write");
    let o = planc(&[
        "build",
        "tests/cases/unknown-name.plan",
        "-o",
        out.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("there is no battle named `夏天`"));
    assert!(
        stderr(&o).ends_with("planc: nothing built; fix the errors first\n"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "previous");
}

#[test]
fn sarif_and_github_formats_go_to_stdout() {
    let o = planc(&[
        "check",
        "--format",
        "sarif",
        "tests/cases/unknown-name.plan",
        "examples/acme.plan",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["results"][0]["ruleId"], "unknown-name");
    let o = planc(&[
        "check",
        "--format",
        "github",
        "tests/cases/tactic-without-owner.plan",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "::warning file=tests/cases/tactic-without-owner.plan,line=46,col=8,endLine=46,endColumn=10,title=planc tactic-without-owner::tactic `新品` «新品上市» has no owner%0Ahelp: Name the one person who answers for this play, like `owner \"李雷\"`.\n\
planc: 0 errors, 1 warning in 1 file (GitHub shows the first 10 annotations of each level)\n"
    );
}

// ---------------------------------------------------------------------------
// Output that cannot be written, and files that must not be lost (issue 18).

const UNTIDY: &str = "metric m   count\n";

/// Every command that prints on standard output, each with what it prints.
fn printing_commands(dir: &Path) -> Vec<(Vec<String>, Option<PathBuf>)> {
    let untidy = dir.join("untidy.plan");
    std::fs::write(&untidy, UNTIDY).expect("write");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let at = |p: &str| root.join(p).to_string_lossy().into_owned();
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        (words(&["build", &at("examples/acme.plan")]), None),
        (
            words(&[
                "check",
                "--format",
                "json",
                &at("tests/cases/unknown-name.plan"),
            ]),
            None,
        ),
        (
            words(&["check", "--format", "sarif", &at("examples/acme.plan")]),
            None,
        ),
        (
            words(&[
                "check",
                "--format",
                "github",
                &at("tests/cases/tactic-without-owner.plan"),
            ]),
            None,
        ),
        (words(&["graph", &at("examples/acme.plan")]), None),
        (
            words(&["graph", "--format", "mermaid", &at("examples/acme.plan")]),
            None,
        ),
        (words(&["explain"]), None),
        (words(&["explain", "goal-without-path"]), None),
        (words(&["fmt", "--check", "untidy.plan"]), None),
        (words(&["fmt", "-"]), Some(untidy.clone())),
        (words(&["fmt", "--check", "-"]), Some(untidy)),
        (words(&["--help"]), None),
        (words(&["check", "--help"]), None),
        (words(&["--version"]), None),
    ]
}

#[test]
fn a_full_standard_output_is_one_line_and_exit_2_for_every_command() {
    let dir = scratch("stdout-full");
    for (args, input) in printing_commands(&dir) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stdin = input.as_deref().map_or_else(Stdio::null, support::file);
        let o = support::planc_to(&dir, &args, stdin, support::full());
        assert_eq!(
            (o.status.code(), stderr(&o).as_str()),
            (
                Some(2),
                "planc: cannot write to standard output: no space left on the device\n"
            ),
            "{args:?}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_verdict_of_the_run() {
    let dir = scratch("stdout-closed");
    for (args, input) in printing_commands(&dir) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stdin = input.as_deref().map_or_else(Stdio::null, support::file);
        let o = support::planc_to(&dir, &args, stdin, support::closed_pipe());
        // What the run would have said had the output been read.
        let expected = match args[..] {
            ["check", "--format", "json", _] | ["fmt", "--check", _] => 1,
            _ => 0,
        };
        assert_eq!(
            (o.status.code(), stderr(&o).as_str()),
            (Some(expected), ""),
            "{args:?}"
        );
    }
}

#[test]
fn standard_input_can_be_named_once() {
    for args in [
        &["check", "-", "-"][..],
        &["fmt", "-", "examples/acme.plan", "-"],
    ] {
        let o = planc(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            "planc: `-` (standard input) is named twice; it can be read only once\n",
            "{args:?}"
        );
        assert_eq!(stdout(&o), "");
    }
}

/// `build FILE -o OUT` in `dir`.
fn build_to(dir: &Path, plan: &Path, out: &str) -> Output {
    support::planc_to(
        dir,
        &["build", plan.to_str().expect("UTF-8"), "-o", out],
        Stdio::null(),
        Stdio::piped(),
    )
}

fn acme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme.plan")
}

/// What `build` makes of acme.plan, named by its absolute path.
fn acme_json() -> String {
    stdout(&planc(&["build", acme().to_str().expect("UTF-8")]))
}

#[cfg(unix)]
#[test]
fn output_to_a_device_writes_into_the_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("out-device");
    // A copy of /dev/null (character device 1,3): replacing it by mistake
    // must never touch the real one.
    let null = dir.join("null");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mknod is not allowed here: the device case is not checked");
        return;
    }
    let o = build_to(&dir, &acme(), "null");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let kind = std::fs::symlink_metadata(&null)
        .expect("still there")
        .file_type();
    assert!(kind.is_char_device(), "the device was replaced: {kind:?}");
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_feeds_its_reader() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("out-fifo");
    let fifo = dir.join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo")
        .success());
    let mut reader = Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .expect("cat");
    let o = build_to(&dir, &acme(), "fifo");
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    if !kind.is_fifo() {
        let _ = reader.kill();
        panic!("the FIFO was replaced by a {kind:?}: {}", stderr(&o));
    }
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = reader.wait_with_output().expect("cat ends");
    assert_eq!(stdout(&read), acme_json());
}

#[test]
fn output_to_dev_stdout_goes_to_standard_output() {
    let dir = scratch("out-dev-stdout");
    let o = build_to(&dir, &acme(), "/dev/stdout");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), acme_json());
}

#[test]
fn the_output_cannot_be_an_input() {
    let dir = scratch("out-is-input");
    let plan = dir.join("x.plan");
    let original = std::fs::read(acme()).expect("acme");
    std::fs::write(&plan, &original).expect("write");
    std::fs::hard_link(&plan, dir.join("same.plan")).expect("ln");
    #[cfg(unix)]
    std::os::unix::fs::symlink("x.plan", dir.join("link.plan")).expect("ln -s");
    let refused = |o: &Output, what: &str| {
        assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(o));
        assert!(
            stderr(o).contains("is the plan being read"),
            "{what}: {}",
            stderr(o)
        );
        assert_eq!(std::fs::read(&plan).expect("read"), original, "{what}");
    };
    for out in ["x.plan", "same.plan", "link.plan", "./x.plan"] {
        for command in [&["build", "x.plan"][..], &["graph", "x.plan"]] {
            let mut args = command.to_vec();
            args.extend(["-o", out]);
            let o = support::planc_to(&dir, &args, Stdio::null(), Stdio::piped());
            refused(&o, &format!("{args:?}"));
        }
    }
    // Standard input read from the file, written back to it.
    let o = support::planc_to(
        &dir,
        &["build", "-", "-o", "x.plan"],
        support::file(&plan),
        Stdio::piped(),
    );
    refused(&o, "build - < x.plan -o x.plan");
    // Standard output appending to the plan (`>> x.plan`).
    let appending = std::fs::OpenOptions::new()
        .append(true)
        .open(&plan)
        .expect("open");
    let o = support::planc_to(
        &dir,
        &["graph", "x.plan"],
        Stdio::null(),
        Stdio::from(appending),
    );
    refused(&o, "graph x.plan >> x.plan");
    assert_eq!(
        std::fs::read_dir(&dir).expect("dir").count(),
        3,
        "no temporary file left"
    );
}

#[cfg(unix)]
#[test]
fn output_through_a_dangling_link_creates_its_target() {
    let dir = scratch("out-dangling");
    std::fs::create_dir(dir.join("out")).expect("mkdir");
    std::os::unix::fs::symlink("out/map.json", dir.join("link.json")).expect("ln -s");
    // A chain of two links, the last one dangling.
    std::os::unix::fs::symlink("link.json", dir.join("first.json")).expect("ln -s");
    let o = build_to(&dir, &acme(), "first.json");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("out/map.json")).expect("created"),
        acme_json()
    );
    for link in ["link.json", "first.json"] {
        assert!(std::fs::symlink_metadata(dir.join(link))
            .expect("still there")
            .file_type()
            .is_symlink());
    }
}

#[cfg(unix)]
#[test]
fn a_new_output_file_gets_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("out-new-mode");
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 027 && exec '{}' build '{}' -o out.json",
            env!("CARGO_BIN_EXE_planc"),
            acme().display()
        ))
        .current_dir(&dir)
        .output()
        .expect("sh");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = std::fs::metadata(dir.join("out.json"))
        .expect("written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640, "0666 less the umask, as `>` gives");
}

/// Text that is not UTF-8 is one diagnostic, shown the same way by every
/// command that reads a plan, and exit 1.
#[test]
fn bad_encoding_is_reported_one_way_by_every_command() {
    let dir = scratch("encoding");
    for (name, bytes) in [
        ("gbk.plan", &b"plan \"\xc4\xe3\xba\xc3\" {}\n"[..]),
        ("utf16.plan", b"\xff\xfep\x00l\x00a\x00n\x00"),
        (
            "bom-then-gbk.plan",
            b"\xef\xbb\xbfmetric m \"\xd6\xd0\" count\n",
        ),
    ] {
        std::fs::write(dir.join(name), bytes).expect("write");
        let check = support::planc_to(&dir, &["check", name], Stdio::null(), Stdio::piped());
        assert_eq!(check.status.code(), Some(1), "{name}");
        let shown = stderr(&check);
        let diagnostic = shown
            .strip_suffix("planc: 1 error in 1 file\n")
            .unwrap_or_else(|| panic!("{name}: {shown}"));
        assert!(
            diagnostic.contains("not valid UTF-8") || diagnostic.contains("looks like UTF-16"),
            "{name}: {shown}"
        );
        for (args, closing) in [
            (
                &["build", name][..],
                "planc: nothing built; fix the errors first\n".to_string(),
            ),
            (
                &["graph", name],
                format!("planc: {name}: nothing was drawn; fix the errors first\n"),
            ),
            (
                &["fmt", name],
                format!("planc: {name} was not formatted and is unchanged\n"),
            ),
            (
                &["fmt", "--check", name],
                format!("planc: {name} was not formatted and is unchanged\n"),
            ),
        ] {
            let o = support::planc_to(&dir, args, Stdio::null(), Stdio::piped());
            assert_eq!(o.status.code(), Some(1), "{args:?}");
            assert_eq!(stdout(&o), "", "{args:?}");
            assert_eq!(stderr(&o), format!("{diagnostic}{closing}"), "{args:?}");
        }
        assert_eq!(std::fs::read(dir.join(name)).expect("read"), bytes);
    }
}

// Files of other users: run as root, these tests act as `nobody` through
// setpriv. Without root or setpriv they say so and check nothing; the
// decisions are also unit-tested in src/cli/atomic.rs.

/// A scratch directory anyone may write in, as a shared folder is.
#[cfg(unix)]
fn shared_scratch(name: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch(name);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    dir
}

#[cfg(unix)]
fn owned(path: &Path, uid: u32, gid: u32, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).expect("chown");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
fn owner_group_mode(path: &Path) -> (u32, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).expect("meta");
    (m.uid(), m.gid(), m.mode() & 0o7777)
}

#[cfg(unix)]
#[test]
fn a_file_the_user_could_not_write_is_never_replaced() {
    let dir = shared_scratch("not-yours");
    let Some(setpriv) = support::setpriv(&dir) else {
        eprintln!("not root, no setpriv, or nobody cannot run planc here: not checked");
        return;
    };
    let acme = acme();
    // A root-owned, read-only output in a folder anyone may write in.
    let out = dir.join("ro.dot");
    std::fs::write(&out, "root's").expect("write");
    owned(&out, 0, 0, 0o444);
    let o = support::planc_as_nobody(
        &setpriv,
        &dir,
        "",
        &["graph", acme.to_str().expect("UTF-8"), "-o", "ro.dot"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("planc: cannot write `ro.dot`: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "root's");
    assert_eq!(owner_group_mode(&out), (0, 0, 0o444));
    // A root-owned plan with the usual 0644.
    let plan = dir.join("roots.plan");
    std::fs::write(&plan, UNTIDY).expect("write");
    owned(&plan, 0, 0, 0o644);
    let o = support::planc_as_nobody(&setpriv, &dir, "", &["fmt", "roots.plan"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "planc: cannot write `roots.plan`: you may not write this file (it belongs to user 0, \
mode 644); ask its owner, or run planc as a user who may\n"
    );
    assert_eq!(std::fs::read_to_string(&plan).expect("read"), UNTIDY);
    assert_eq!(owner_group_mode(&plan), (0, 0, 0o644));
    let names = std::fs::read_dir(&dir).expect("dir").count();
    assert_eq!(names, 2, "no temporary file left");
}

#[cfg(unix)]
#[test]
fn the_group_and_the_owner_are_kept() {
    let dir = shared_scratch("group-kept");
    let Some(setpriv) = support::setpriv(&dir) else {
        eprintln!("not root, no setpriv, or nobody cannot run planc here: not checked");
        return;
    };
    // root:1000 0664, formatted by a member of group 1000.
    let plan = dir.join("team.plan");
    std::fs::write(&plan, UNTIDY).expect("write");
    owned(&plan, 0, 1000, 0o664);
    let o = support::planc_as_nobody(&setpriv, &dir, "1000", &["fmt", "team.plan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&plan).expect("read"),
        "metric m count\n"
    );
    assert_eq!(owner_group_mode(&plan), (0, 1000, 0o664));
    // nobody's own file in group 1000, which is not nobody's own group.
    let mine = dir.join("mine.plan");
    std::fs::write(&mine, UNTIDY).expect("write");
    owned(&mine, 65534, 1000, 0o640);
    let o = support::planc_as_nobody(&setpriv, &dir, "1000", &["fmt", "mine.plan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&mine).expect("read"),
        "metric m count\n"
    );
    assert_eq!(owner_group_mode(&mine), (65534, 1000, 0o640));
    // An output of root:1000 0664, replaced by a member of group 1000.
    let out = dir.join("team.json");
    std::fs::write(&out, "old").expect("write");
    owned(&out, 0, 1000, 0o664);
    let acme = acme();
    let o = support::planc_as_nobody(
        &setpriv,
        &dir,
        "1000",
        &["build", acme.to_str().expect("UTF-8"), "-o", "team.json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), acme_json());
    assert_eq!(owner_group_mode(&out), (0, 1000, 0o664));
    // Root formatting someone else's file leaves it theirs.
    let theirs = dir.join("theirs.plan");
    std::fs::write(&theirs, UNTIDY).expect("write");
    owned(&theirs, 1000, 1000, 0o600);
    let o = support::planc_to(&dir, &["fmt", "theirs.plan"], Stdio::null(), Stdio::piped());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&theirs).expect("read"),
        "metric m count\n"
    );
    assert_eq!(owner_group_mode(&theirs), (1000, 1000, 0o600));
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 4);
}

#[cfg(unix)]
#[test]
fn an_output_with_several_names_is_written_in_place() {
    use std::os::unix::fs::MetadataExt;
    let dir = scratch("out-hard-link");
    let out = dir.join("out.json");
    std::fs::write(&out, "old").expect("write");
    std::fs::hard_link(&out, dir.join("other.json")).expect("ln");
    let inode = std::fs::metadata(&out).expect("meta").ino();
    let o = build_to(&dir, &acme(), "out.json");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in ["out.json", "other.json"] {
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).expect("read"),
            acme_json(),
            "{name}"
        );
    }
    assert_eq!(std::fs::metadata(&out).expect("meta").ino(), inode);
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 2);
}

#[test]
fn output_to_dev_stdout_appends_where_the_shell_says() {
    let dir = scratch("out-dev-stdout-append");
    let log = dir.join("log.json");
    std::fs::write(&log, "before\n").expect("write");
    let appending = std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .expect("open");
    let plan = acme();
    let o = support::planc_to(
        &dir,
        &["build", plan.to_str().expect("UTF-8"), "-o", "/dev/stdout"],
        Stdio::null(),
        Stdio::from(appending),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&log).expect("read"),
        format!("before\n{}", acme_json())
    );
}

/// A file of NUL bytes is valid UTF-8 but no plan: every command says it
/// looks binary, at once, without echoing the NULs.
#[test]
fn a_file_of_nuls_is_refused_as_binary_by_the_binary() {
    let dir = scratch("nuls");
    std::fs::write(dir.join("zeros.plan"), vec![0u8; 4 << 20]).expect("write");
    for command in ["check", "build", "graph"] {
        let o = support::planc_to(
            &dir,
            &[command, "zeros.plan"],
            Stdio::null(),
            Stdio::piped(),
        );
        assert_eq!(o.status.code(), Some(1), "{command}");
        let shown = stderr(&o);
        assert!(
            shown.contains("looks like a binary file"),
            "{command}: {shown}"
        );
        assert!(
            !shown.contains('\0') && shown.len() < 4_000,
            "{command}: {} bytes",
            shown.len()
        );
    }
}
