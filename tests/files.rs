//! Plans of several files (LANGUAGE.md, *Plans of several files*): the
//! acceptance shape of issue 13 checked through its root, through one of its
//! parts and as a directory; the example of examples/acme-company clean the
//! same three ways; includes that name nothing, lie outside the plan
//! (absolute paths, `..`, a symbolic link out, a loop) or cannot be read.

use crate::support::{stderr, stdout};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn planc_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("planc runs")
}

fn planc(args: &[&str]) -> Output {
    planc_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// `planc check --format json …`'s diagnostics as (code, file, line).
fn found(args: &[&str]) -> Vec<(String, String, u64)> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    found_in(Path::new(env!("CARGO_MANIFEST_DIR")), &all)
}

fn found_in(dir: &Path, args: &[&str]) -> Vec<(String, String, u64)> {
    let out = planc_in(dir, args);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("JSON ({e}): {}{}", stdout(&out), stderr(&out)));
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["file"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

const ROOT: &str = "tests/files/failing/acme.plan";
const PART: &str = "tests/files/failing/departments/sales.plan";
const DIR: &str = "tests/files/failing";

fn codes_in(found: &[(String, String, u64)]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|(c, f, _)| (c.as_str(), f.as_str()))
        .collect()
}

#[test]
fn the_acceptance_plan_has_the_right_diagnostics_in_the_right_files() {
    let expected = vec![
        ("include-outside-plan", "tests/files/failing/acme.plan"),
        (
            "unknown-name",
            "tests/files/failing/departments/marketing.plan",
        ),
        (
            "overcommitted",
            "tests/files/failing/departments/sales.plan",
        ),
    ];
    for through in [ROOT, PART] {
        assert_eq!(codes_in(&found(&[through])), expected, "through {through}");
    }
    let mut with_stray = expected.clone();
    with_stray.push(("file-not-included", "tests/files/failing/stray.plan"));
    assert_eq!(codes_in(&found(&[DIR])), with_stray, "as a directory");
    // The stray file checked alone: a plan of its own that no plan includes.
    let stray = found(&["tests/files/failing/stray.plan"]);
    assert!(
        stray.iter().any(|(c, _, _)| c == "plan-missing"),
        "{stray:?}"
    );
}

#[test]
fn labels_point_into_other_files() {
    let out = planc(&["check", "--format", "json", ROOT]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let over = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "overcommitted")
        .expect("overcommitted");
    let files: Vec<&str> = over["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .filter_map(|l| l["file"].as_str())
        .collect();
    assert!(
        files.contains(&"tests/files/failing/acme.plan"),
        "{files:?}"
    );
    assert!(
        files.contains(&"tests/files/failing/departments/marketing.plan"),
        "{files:?}"
    );
    assert_eq!(json["summary"]["files"], 3);
}

#[test]
fn snapshots_through_the_root_a_part_and_the_directory() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, through) in [("root", ROOT), ("part", PART), ("directory", DIR)] {
            let human = planc(&["check", "--color", "never", through]);
            assert_eq!(human.status.code(), Some(1), "{}", stderr(&human));
            insta::assert_snapshot!(format!("files-human-{name}"), stderr(&human));
        }
        let json = planc(&["check", "--format", "json", DIR]);
        insta::assert_snapshot!("files-json-directory", stdout(&json));
        let github = planc(&["check", "--format", "github", ROOT]);
        insta::assert_snapshot!("files-github-root", stdout(&github));
    });
}

#[test]
fn sarif_has_one_artifact_per_file_and_locations_in_their_own() {
    let out = planc(&["check", "--format", "sarif", ROOT]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("SARIF");
    let run = &sarif["runs"][0];
    let artifacts: Vec<&str> = run["artifacts"]
        .as_array()
        .expect("artifacts")
        .iter()
        .filter_map(|a| a["location"]["uri"].as_str())
        .collect();
    assert_eq!(
        artifacts,
        [
            "tests/files/failing/acme.plan",
            "tests/files/failing/departments/marketing.plan",
            "tests/files/failing/departments/sales.plan"
        ]
    );
    let over = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "overcommitted")
        .expect("overcommitted");
    let at = &over["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(at["uri"], "tests/files/failing/departments/sales.plan");
    assert_eq!(at["index"], 2);
    let related: Vec<&str> = over["relatedLocations"]
        .as_array()
        .expect("related")
        .iter()
        .filter_map(|r| r["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        related.contains(&"tests/files/failing/acme.plan"),
        "{related:?}"
    );
}

#[test]
fn the_example_is_clean_through_its_root_a_part_and_its_directory() {
    for through in [
        "examples/acme-company/acme.plan",
        "examples/acme-company/departments/marketing.plan",
        "examples/acme-company",
    ] {
        let out = planc(&["check", "--deny", "warnings", through]);
        assert_eq!(out.status.code(), Some(0), "{through}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{through}: {}", stderr(&out));
    }
}

#[test]
fn build_lists_the_files_and_each_place_names_its_own() {
    let out = planc(&["build", "examples/acme-company/departments/sales.plan"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let build: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(build["file"], "examples/acme-company/acme.plan");
    assert_eq!(
        build["files"],
        serde_json::json!([
            "examples/acme-company/acme.plan",
            "examples/acme-company/departments/marketing.plan",
            "examples/acme-company/departments/sales.plan"
        ])
    );
    let hit = build["battles"]
        .as_array()
        .expect("battles")
        .iter()
        .find(|b| b["id"] == "hit")
        .expect("hit");
    assert_eq!(
        hit["span"]["file"],
        "examples/acme-company/departments/sales.plan"
    );
    // graph and report read the whole plan through a part too.
    let graph = planc(&[
        "graph",
        "--view",
        "trace",
        "examples/acme-company/departments/sales.plan",
    ]);
    assert_eq!(graph.status.code(), Some(0), "{}", stderr(&graph));
    assert!(
        stdout(&graph).contains("fission"),
        "the marketing battle is drawn"
    );
}

/// A plan in a fresh temporary directory: `root` is the root's text, `files`
/// the others (relative path, text).
fn plan_dir(root: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // A `.git` marks the top: the root search stops here.
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    std::fs::create_dir(dir.path().join("plan")).expect("plan/");
    std::fs::write(dir.path().join("plan/root.plan"), root).expect("root");
    for (name, text) in files {
        let path = dir.path().join("plan").join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("dirs");
        std::fs::write(path, text).expect("file");
    }
    dir
}

fn root_with(include: &str) -> String {
    format!(
        "plan \"T\" {{\n  period 2026-01-01 .. 2026-12-31\n  include {include}\n}}\n\
metric m \"M\" count\n"
    )
}

fn codes(dir: &Path, target: &str) -> Vec<(String, String, u64)> {
    found_in(dir, &["check", "--format", "json", target])
}

#[test]
fn includes_outside_the_plan_are_refused() {
    // An absolute path, `..`, a symbolic link pointing out, a symbolic link loop.
    let dir = plan_dir(
        &root_with(
            "\"/etc/passwd\", \"../secret.plan\", \"parts/*.plan\", \"loop.plan\", \
\"sub/../../secret.plan\"",
        ),
        &[("parts/fine.plan", "metric n \"N\" count\n")],
    );
    let base = dir.path();
    std::fs::write(base.join("secret.plan"), "metric secret \"S\" count\n").expect("secret");
    std::os::unix::fs::symlink(base.join("secret.plan"), base.join("plan/parts/out.plan"))
        .expect("symlink out");
    std::os::unix::fs::symlink("loop.plan", base.join("plan/loop.plan")).expect("loop");
    let got = codes(base, "plan/root.plan");
    let outside = got
        .iter()
        .filter(|(c, f, _)| c == "include-outside-plan" && f == "plan/root.plan")
        .count();
    assert_eq!(outside, 5, "{got:?}");
    // Nothing of the secret file was read: its metric is not in the plan.
    let out = planc_in(base, &["check", "plan/root.plan"]);
    assert!(!stderr(&out).contains("secret \"S\""), "{}", stderr(&out));
    // The file inside the plan is read: its metric is unused, like `m`.
    let unused = got.iter().filter(|(c, _, _)| c == "unused-metric").count();
    assert_eq!(unused, 2, "{got:?}");
}

#[test]
fn a_path_that_names_no_file_is_not_found_and_an_empty_pattern_is_fine() {
    let dir = plan_dir(
        &root_with("\"departments/sales.plan\", \"checkins/**/*.plan\", \"none/*.plan\""),
        &[],
    );
    let got = codes(dir.path(), "plan/root.plan");
    assert_eq!(
        got.iter()
            .filter(|(c, _, _)| c == "include-not-found")
            .count(),
        1,
        "{got:?}"
    );
}

#[test]
fn unreadable_included_files_are_diagnostics_at_the_include() {
    let dir = plan_dir(
        &root_with("\"parts/*.plan\""),
        &[
            ("parts/a_bad.plan", ""),
            ("parts/b_binary.plan", ""),
            ("parts/c_ok.plan", "metric n \"N\" count\n"),
        ],
    );
    let base = dir.path().join("plan/parts");
    std::fs::write(base.join("a_bad.plan"), b"metric \xff \"x\" count\n").expect("bad");
    std::fs::write(base.join("b_binary.plan"), b"\0\0\0\x01binary").expect("binary");
    std::fs::create_dir(base.join("d_dir.plan")).expect("a directory named .plan");
    std::os::unix::fs::symlink("d_dir.plan", base.join("e_link_to_dir.plan")).expect("link");
    let out = planc_in(dir.path(), &["check", "--format", "json", "plan/root.plan"]);
    assert_eq!(out.status.code(), Some(1), "errors, not a failure to run");
    let got = codes(dir.path(), "plan/root.plan");
    let at_include: Vec<&str> = got
        .iter()
        .filter(|(_, f, line)| f == "plan/root.plan" && *line == 3)
        .map(|(c, _, _)| c.as_str())
        .collect();
    assert_eq!(
        at_include,
        ["include-not-found", "syntax", "syntax"],
        "{got:?}"
    );
}

#[test]
fn a_file_matched_twice_is_read_once_and_hidden_names_are_never_matched() {
    let dir = plan_dir(
        &root_with("\"parts/*.plan\", \"parts/a.plan\", \"**/*.plan\""),
        &[
            ("parts/a.plan", "metric a \"A\" count\n"),
            (".hidden/h.plan", "metric h \"H\" count\n"),
            ("parts/.h.plan", "metric h2 \"H\" count\n"),
        ],
    );
    let got = codes(dir.path(), "plan/root.plan");
    // `m` and `a` unused, once each; no duplicate-name; nothing hidden read.
    let unused: Vec<u64> = got
        .iter()
        .filter(|(c, _, _)| c == "unused-metric")
        .map(|(_, _, l)| *l)
        .collect();
    assert_eq!(unused.len(), 2, "{got:?}");
    assert!(
        !got.iter().any(|(c, _, _)| c == "duplicate-name"),
        "{got:?}"
    );
}

#[test]
fn an_included_file_with_a_plan_item_is_plan_missing() {
    let dir = plan_dir(
        &root_with("\"parts/*.plan\""),
        &[(
            "parts/other.plan",
            "plan \"Other\" {\n  period 2026-01-01 .. 2026-12-31\n}\n",
        )],
    );
    let got = codes(dir.path(), "plan/root.plan");
    assert!(
        got.iter()
            .any(|(c, f, _)| c == "plan-missing" && f == "plan/parts/other.plan"),
        "{got:?}"
    );
}

#[test]
fn a_part_finds_its_root_in_a_parent_directory_and_stops_at_git() {
    let dir = plan_dir(
        &root_with("\"a/b/*.plan\""),
        &[("a/b/deep.plan", "goal g { }\n")],
    );
    let got = codes(&dir.path().join("plan/a"), "b/deep.plan");
    // Found through two parents: the root's own diagnostics come with it.
    assert!(
        got.iter().any(|(_, f, _)| f.ends_with("plan/root.plan")),
        "{got:?}"
    );
    // Above a `.git`, nothing is looked for: a plan outside the repository
    // does not adopt its files, even when its includes match them.
    let dir = plan_dir(
        &root_with("\"**/*.plan\""),
        &[("sub/lone.plan", "goal g { }\n")],
    );
    let outer = dir.path().join("plan/sub");
    std::fs::create_dir_all(outer.join(".git")).expect(".git");
    let got = codes(&outer, "lone.plan");
    assert!(got.iter().any(|(c, _, _)| c == "plan-missing"), "{got:?}");
    let out = planc_in(&outer, &["check", "lone.plan"]);
    assert!(
        stderr(&out).contains("no plan includes it"),
        "{}",
        stderr(&out)
    );
}

/// tests/files/cases/NAME/: `failing/` fires NAME (checked as a directory,
/// snapshot of what a person sees) and `fixed/` is clean.
#[test]
fn every_case_of_several_files_fires_and_its_fix_is_clean() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/files/cases");
    let mut names: Vec<String> = std::fs::read_dir(&cases)
        .expect("tests/files/cases")
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for name in names {
            let failing = format!("tests/files/cases/{name}/failing");
            let fired = found(&[&failing]);
            assert!(
                fired.iter().any(|(c, _, _)| *c == name),
                "{name}: {fired:?}"
            );
            let human = planc(&["check", "--color", "never", &failing]);
            insta::assert_snapshot!(format!("files-case-{name}"), stderr(&human));
            let fixed = format!("tests/files/cases/{name}/fixed");
            assert_eq!(found(&[&fixed]), vec![], "{name}: the fix is clean");
        }
    });
}
