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
    let o = planc(&["check", "examples"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "planc: cannot read `examples`: it is a directory; name the .plan files inside it\n"
    );
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
