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

/// A plan whose root includes what lies outside its folder: an absolute
/// path, `..`, a symbolic link pointing out, a symbolic link loop.
fn includes_outside() -> tempfile::TempDir {
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
    dir
}

#[test]
fn includes_outside_the_plan_are_refused() {
    let dir = includes_outside();
    let base = dir.path();
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

// ---------------------------------------------------------------------------
// Chinese: every case of several files, the same findings at the same places.

/// A run's diagnostics as (code, file, line, column), its messages and
/// helps, and its exit code.
struct Run {
    places: Vec<(String, String, u64, u64)>,
    words: Vec<(String, String, String)>,
    code: Option<i32>,
}

fn run_json(dir: &Path, extra: &[&str], target: &str) -> Run {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(target);
    let out = planc_in(dir, &args);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("JSON ({e}): {}{}", stdout(&out), stderr(&out)));
    let all = json["diagnostics"].as_array().expect("diagnostics");
    let text = |d: &serde_json::Value, key: &str| d[key].as_str().unwrap_or_default().to_string();
    Run {
        places: all
            .iter()
            .map(|d| {
                (
                    text(d, "code"),
                    text(d, "file"),
                    d["line"].as_u64().unwrap_or_default(),
                    d["column"].as_u64().unwrap_or_default(),
                )
            })
            .collect(),
        words: all
            .iter()
            .map(|d| (text(d, "code"), text(d, "message"), text(d, "help")))
            .collect(),
        code: out.status.code(),
    }
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The names only this reader makes (and `syntax`, for an included file
/// that is not UTF-8 text).
const SEVERAL: [&str; 5] = [
    "include-not-found",
    "include-outside-plan",
    "file-not-included",
    "plan-missing",
    "syntax",
];

/// `--lang zh` gives the same names at the same places and the same exit
/// code as English, and says every several-files finding in Chinese.
fn same_in_chinese(dir: &Path, target: &str, expected: &[&str]) -> Run {
    let en = run_json(dir, &[], target);
    let zh = run_json(dir, &["--lang", "zh"], target);
    assert_eq!(en.places, zh.places, "{target}: the same places");
    assert_eq!(en.code, zh.code, "{target}: the same exit code");
    let names: Vec<&str> = en.places.iter().map(|p| p.0.as_str()).collect();
    for name in expected {
        assert!(names.contains(name), "{target}: {name} in {names:?}");
    }
    for ((code, en_message, en_help), (_, message, help)) in en.words.iter().zip(&zh.words) {
        if !SEVERAL.contains(&code.as_str()) {
            continue;
        }
        assert!(
            has_han(message) && has_han(help),
            "{target}: {message} / {help}"
        );
        assert_ne!(en_message, message);
        assert_ne!(en_help, help);
        // Chinese punctuation around Chinese text: no `: ` or `, ` outside code.
        for text in [message, help] {
            let prose: String = text.split('`').step_by(2).collect();
            assert!(
                !prose.contains(": ") && !prose.contains(", ") && !prose.contains(". "),
                "{target}: {text}"
            );
        }
    }
    zh
}

/// The human output in Chinese, with a temporary directory's path hidden.
fn human_zh(dir: &Path, target: &str) -> String {
    let out = planc_in(dir, &["check", "--lang", "zh", "--color", "never", target]);
    let tmp = dir.canonicalize().expect("canonical").display().to_string();
    stderr(&out).replace(&tmp, "[tmp]")
}

#[test]
fn chinese_says_the_acceptance_plan_and_the_cases_with_the_same_places() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, target, expected) in [
            ("root", ROOT, vec!["include-outside-plan"]),
            ("part", PART, vec!["include-outside-plan"]),
            (
                "directory",
                DIR,
                vec!["include-outside-plan", "file-not-included"],
            ),
            (
                "stray",
                "tests/files/failing/stray.plan",
                vec!["plan-missing"],
            ),
        ] {
            same_in_chinese(here, target, &expected);
            insta::assert_snapshot!(format!("files-zh-{name}"), human_zh(here, target));
        }
        for name in [
            "file-not-included",
            "include-not-found",
            "include-outside-plan",
        ] {
            let failing = format!("tests/files/cases/{name}/failing");
            same_in_chinese(here, &failing, &[name]);
            insta::assert_snapshot!(format!("files-zh-case-{name}"), human_zh(here, &failing));
        }
    });
}

#[test]
fn chinese_says_includes_outside_unreadable_and_a_second_plan_item() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        let dir = includes_outside();
        let base = dir.path();
        let zh = same_in_chinese(base, "plan/root.plan", &["include-outside-plan"]);
        assert_eq!(
            zh.places
                .iter()
                .filter(|p| p.0 == "include-outside-plan")
                .count(),
            5
        );
        insta::assert_snapshot!("files-zh-outside", human_zh(base, "plan/root.plan"));

        // Not found, and unreadable: not UTF-8, binary, UTF-16, a directory,
        // a symbolic link to nothing.
        let dir = plan_dir(
            &root_with("\"parts/*.plan\", \"departments/sales.plan\", \"gone.plan\""),
            &[("parts/c_ok.plan", "metric n \"N\" count\n")],
        );
        let parts = dir.path().join("plan/parts");
        std::fs::write(parts.join("a_bad.plan"), b"metric \xff \"x\" count\n").expect("bad");
        std::fs::write(parts.join("b_binary.plan"), b"\x7fELF\0\0\0\x01binary").expect("binary");
        let utf16: Vec<u8> = "metric u \"U\" count\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        std::fs::write(
            parts.join("b_utf16.plan"),
            [&[0xFF, 0xFE][..], &utf16].concat(),
        )
        .expect("utf16");
        // A folder is never matched by `*`; a link to one is, like a file.
        std::fs::create_dir(parts.join("d_dir.plan")).expect("a directory named .plan");
        std::os::unix::fs::symlink("d_dir.plan", parts.join("e_link_to_dir.plan")).expect("link");
        std::os::unix::fs::symlink("nowhere.plan", dir.path().join("plan/gone.plan"))
            .expect("a link to nothing");
        let zh = same_in_chinese(
            dir.path(),
            "plan/root.plan",
            &["include-not-found", "syntax"],
        );
        assert_eq!(zh.code, Some(1));
        let at_include = zh
            .places
            .iter()
            .filter(|p| p.1 == "plan/root.plan" && p.2 == 3)
            .count();
        assert_eq!(at_include, 6, "{:?}", zh.places);
        insta::assert_snapshot!(
            "files-zh-unreadable",
            human_zh(dir.path(), "plan/root.plan")
        );

        // An included file with a `plan` item of its own.
        let dir = plan_dir(
            &root_with("\"parts/*.plan\""),
            &[(
                "parts/other.plan",
                "plan \"Other\" {\n  period 2026-01-01 .. 2026-12-31\n}\n",
            )],
        );
        same_in_chinese(dir.path(), "plan/root.plan", &["plan-missing"]);
        insta::assert_snapshot!(
            "files-zh-second-plan",
            human_zh(dir.path(), "plan/root.plan")
        );
    });
}

/// The language comes from `--lang`, then the root's `lang`, then the
/// environment: the includes' findings follow it like the rest.
#[test]
fn the_roots_lang_and_the_environment_choose_the_words_of_includes() {
    let said = |dir: &Path, code: &str, extra: &[&str], env: Option<&str>, target: &str| {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(target);
        let mut command = Command::new(env!("CARGO_BIN_EXE_planc"));
        command.args(&args).current_dir(dir);
        for var in ["PLANC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(var);
        }
        if let Some(lang) = env {
            command.env("PLANC_LANG", lang);
        }
        let out = command.output().expect("planc runs");
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        let message = json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["message"].as_str().unwrap_or_default().to_string());
        message.unwrap_or_else(|| panic!("no {code}: {json}"))
    };
    let zh_root = plan_dir(
        "plan \"T\" {\n  period 2026-01-01 .. 2026-12-31\n  lang zh\n  include \"gone.plan\"\n}\n",
        &[("stray/lone.plan", "metric s \"S\" count\n")],
    );
    let dir = zh_root.path();
    let missing = "include-not-found";
    assert!(
        has_han(&said(dir, missing, &[], None, "plan/root.plan")),
        "the root's lang"
    );
    assert!(
        !has_han(&said(
            dir,
            missing,
            &["--lang", "en"],
            None,
            "plan/root.plan"
        )),
        "--lang before the root's lang"
    );
    assert!(
        has_han(&said(dir, missing, &[], Some("en"), "plan/root.plan")),
        "the root's lang before the environment"
    );
    // A stray file speaks as the plans under the folder do.
    assert!(has_han(&said(dir, "file-not-included", &[], None, "plan")));
    // Without a `lang`, the environment decides.
    let plain = plan_dir(
        &root_with("\"gone.plan\""),
        &[("stray/lone.plan", "metric s \"S\" count\n")],
    );
    let dir = plain.path();
    assert!(!has_han(&said(dir, missing, &[], None, "plan/root.plan")));
    assert!(has_han(&said(
        dir,
        missing,
        &[],
        Some("zh_CN.UTF-8"),
        "plan/root.plan"
    )));
    assert!(has_han(&said(
        dir,
        "file-not-included",
        &[],
        Some("zh"),
        "plan"
    )));
    assert!(has_han(&said(
        dir,
        "plan-missing",
        &[],
        Some("zh"),
        "plan/stray/lone.plan"
    )));
}

// ---------------------------------------------------------------------------
// Permission denied, for real: the tests run as root, who reads any file, so
// planc then runs as user 65534 (nobody) through `setpriv` (util-linux).

/// A plan whose included `plan/parts/b_secret.plan` nobody may read
/// (mode 000), in a temporary directory everyone else may read.
fn plan_with_a_secret_part() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = plan_dir(
        &root_with("\"parts/*.plan\""),
        &[
            ("parts/a.plan", "metric n \"N\" count\n"),
            ("parts/b_secret.plan", "metric s \"S\" count\n"),
        ],
    );
    // A temporary directory is private (0700): open it to the other user.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let secret = dir.path().join("plan/parts/b_secret.plan");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    dir
}

/// How to run planc as someone who cannot read a mode-000 file: as
/// nobody through `setpriv` when this test runs as root, else as itself.
/// `None` (the test says why and checks nothing) when root has no usable
/// `setpriv`.
fn unprivileged(dir: &Path) -> Option<Vec<String>> {
    if !rustix::process::geteuid().is_root() {
        return Some(Vec::new());
    }
    let Some(setpriv) = crate::support::setpriv(dir) else {
        eprintln!("SKIPPED: running as root without a usable setpriv (util-linux)");
        return None;
    };
    Some(
        [
            setpriv.to_string_lossy().as_ref(),
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
        .map(String::from)
        .to_vec(),
    )
}

fn planc_as(prefix: &[String], dir: &Path, args: &[&str]) -> Output {
    let mut command = match prefix.split_first() {
        Some((setpriv, rest)) => {
            let mut c = Command::new(setpriv);
            c.args(rest).arg(env!("CARGO_BIN_EXE_planc"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_planc")),
    };
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("planc runs")
}

#[test]
fn an_included_file_nobody_may_read_is_a_diagnostic_at_its_include() {
    let dir = plan_with_a_secret_part();
    let Some(prefix) = unprivileged(dir.path()) else {
        return;
    };
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for target in ["plan/root.plan", "plan/parts/a.plan", "plan"] {
            for lang in ["en", "zh"] {
                let out = planc_as(
                    &prefix,
                    dir.path(),
                    &["check", "--format", "json", "--lang", lang, target],
                );
                assert_eq!(out.status.code(), Some(1), "{target}: {}", stderr(&out));
                let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
                let denied: Vec<&serde_json::Value> = json["diagnostics"]
                    .as_array()
                    .expect("diagnostics")
                    .iter()
                    .filter(|d| d["code"] == "include-not-found")
                    .collect();
                assert_eq!(denied.len(), 1, "{target}, once: {json}");
                let d = denied[0];
                assert_eq!(
                    (&d["file"], &d["line"], &d["column"]),
                    (&"plan/root.plan".into(), &3.into(), &11.into()),
                    "{target}: at the include"
                );
                let (message, help) = (d["message"].as_str(), d["help"].as_str());
                let (message, help) = (message.unwrap_or(""), help.unwrap_or(""));
                let (reason, hint) = match lang {
                    "en" => ("permission denied", "permissions"),
                    _ => ("没有权限", "权限"),
                };
                assert!(message.contains("plan/parts/b_secret.plan"), "{message}");
                assert!(message.ends_with(reason), "{message}");
                assert!(help.contains(hint), "{help}");
                // The other part is read: its metric is in the plan.
                assert!(
                    json["diagnostics"]
                        .to_string()
                        .contains("plan/parts/a.plan"),
                    "{target}: {json}"
                );
            }
        }
        for lang in ["en", "zh"] {
            let out = planc_as(
                &prefix,
                dir.path(),
                &[
                    "check",
                    "--color",
                    "never",
                    "--lang",
                    lang,
                    "plan/root.plan",
                ],
            );
            assert_eq!(out.status.code(), Some(1));
            insta::assert_snapshot!(format!("files-permission-denied-{lang}"), stderr(&out));
        }
        // A file under the folder that no root includes and that may not be
        // read at all: said like a file named alone (exit 2), the plan
        // beside it still checked.
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("plan/other/locked.plan");
        std::fs::create_dir_all(locked.parent().expect("other/")).expect("other/");
        std::fs::write(&locked, "goal x { }\n").expect("locked.plan");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("000");
        let out = planc_as(&prefix, dir.path(), &["check", "--format", "json", "plan"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot read `plan/other/locked.plan`: permission denied"),
            "{}",
            stderr(&out)
        );
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        assert!(json["diagnostics"]
            .to_string()
            .contains("include-not-found"));
    });
}

/// The language server reads a plan's unopened parts from disk: a part it
/// may not read is a diagnostic at the root's include, in the editor's
/// language, and the server goes on.
#[test]
fn the_language_server_says_a_part_it_may_not_read_at_the_include() {
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = plan_with_a_secret_part();
    let Some(prefix) = unprivileged(dir.path()) else {
        return;
    };
    let mut command = match prefix.split_first() {
        Some((setpriv, rest)) => {
            let mut c = Command::new(setpriv);
            c.args(rest).arg(env!("CARGO_BIN_EXE_planc"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_planc")),
    };
    let mut child = command
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("planc lsp");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |message: serde_json::Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("send");
        stdin.flush().expect("flush");
    };
    let mut receive = || -> serde_json::Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                stdout.read_line(&mut line).expect("read") > 0,
                "the server ended"
            );
            if line == "\r\n" {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.trim().parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).expect("a body");
        serde_json::from_slice(&body).expect("JSON")
    };
    let base = dir.path().canonicalize().expect("canonical");
    let uri = |name: &str| format!("file://{}/{name}", base.display());
    send(
        serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": { "capabilities": {}, "locale": "zh-CN" } }),
    );
    assert!(receive()["result"]["capabilities"].is_object());
    send(serde_json::json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    // Open `opened` with `text`; the diagnostic named `code` that the
    // server then publishes for the file `shown`.
    let mut open_and_find = |opened: &str, text: &str, shown: &str, code: &str| {
        send(
            serde_json::json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": uri(opened), "languageId": "plan", "version": 1,
                "text": text }}}),
        );
        let shown = uri(shown);
        let published = loop {
            let message = receive();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == shown.as_str()
            {
                break message["params"]["diagnostics"].clone();
            }
        };
        published
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{published}"))
    };
    // The part that may be read is opened; the root and the secret are not.
    let denied = open_and_find(
        "plan/parts/a.plan",
        "metric n \"N\" count\n",
        "plan/root.plan",
        "include-not-found",
    );
    assert_eq!(
        denied["range"]["start"],
        serde_json::json!({ "line": 2, "character": 10 })
    );
    let message = denied["message"].as_str().unwrap_or_default();
    assert!(message.contains("没有权限"), "{message}");
    assert!(message.contains("b_secret.plan"), "{message}");
    // A file that no plan includes says so in the editor too.
    std::fs::create_dir(dir.path().join("plan/stray")).expect("stray/");
    std::fs::write(
        dir.path().join("plan/stray/lone.plan"),
        "metric s \"S\" count\n",
    )
    .expect("lone.plan");
    let missing = open_and_find(
        "plan/stray/lone.plan",
        "metric s \"S\" count\n",
        "plan/stray/lone.plan",
        "plan-missing",
    );
    assert!(
        missing["message"]
            .as_str()
            .unwrap_or_default()
            .contains("没有计划引入它"),
        "{missing}"
    );
    send(serde_json::json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(receive()["id"], 2);
    send(serde_json::json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert!(child.wait().expect("exit").success());
}

// ---------------------------------------------------------------------------
// The acceptance plan in every format, through its root, a part and its
// directory: each finding in its own file, at the same place everywhere.

/// (code, file, line, column) of every finding, sorted.
type Places = Vec<(String, String, u64, u64)>;

fn github_places(out: &str) -> Places {
    let mut places: Places = out
        .lines()
        .filter_map(|l| {
            l.strip_prefix("::error ")
                .or_else(|| l.strip_prefix("::warning "))
        })
        .map(|l| {
            let (fields, _) = l.split_once("::").expect("fields::message");
            let field = |key: &str| {
                fields
                    .split(',')
                    .find_map(|f| f.strip_prefix(key))
                    .unwrap_or_default()
                    .to_string()
            };
            (
                field("title=planc "),
                field("file="),
                field("line=").parse().expect("line"),
                field("col=").parse().expect("col"),
            )
        })
        .collect();
    places.sort();
    places
}

fn sarif_places(out: &str) -> Places {
    let sarif: serde_json::Value = serde_json::from_str(out).expect("SARIF");
    let mut places = Places::new();
    for run in sarif["runs"].as_array().expect("runs") {
        let artifacts: Vec<&str> = run["artifacts"]
            .as_array()
            .expect("artifacts")
            .iter()
            .filter_map(|a| a["location"]["uri"].as_str())
            .collect();
        let mut unique = artifacts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            artifacts.len(),
            "one artifact per file: {artifacts:?}"
        );
        for r in run["results"].as_array().expect("results") {
            let at = &r["locations"][0]["physicalLocation"];
            let uri = at["artifactLocation"]["uri"].as_str().expect("uri");
            let index = at["artifactLocation"]["index"].as_u64().expect("index");
            assert_eq!(artifacts[index as usize], uri, "the index names its file");
            places.push((
                r["ruleId"].as_str().expect("ruleId").to_string(),
                uri.to_string(),
                at["region"]["startLine"].as_u64().expect("line"),
                at["region"]["startColumn"].as_u64().expect("column"),
            ));
        }
    }
    places.sort();
    places
}

#[test]
fn the_acceptance_plan_is_placed_alike_in_every_format_and_every_way_in() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected = |with_stray: bool| {
        let mut places: Places = vec![
            ("include-outside-plan", "acme.plan", 7, 55),
            ("overcommitted", "departments/sales.plan", 16, 26),
            ("unknown-name", "departments/marketing.plan", 5, 12),
        ]
        .into_iter()
        .chain(with_stray.then_some(("file-not-included", "stray.plan", 1, 1)))
        .map(|(c, f, l, col)| (c.to_string(), format!("{DIR}/{f}"), l, col))
        .collect();
        places.sort();
        places
    };
    for (through, with_stray) in [(ROOT, false), (PART, false), (DIR, true)] {
        let want = expected(with_stray);
        let mut json = run_json(here, &[], through).places;
        json.sort();
        assert_eq!(json, want, "json through {through}");
        let github = planc(&["check", "--format", "github", through]);
        assert_eq!(github.status.code(), Some(1));
        assert_eq!(
            github_places(&stdout(&github)),
            want,
            "github through {through}"
        );
        let sarif = planc(&["check", "--format", "sarif", through]);
        assert_eq!(sarif.status.code(), Some(1));
        assert_eq!(
            sarif_places(&stdout(&sarif)),
            want,
            "sarif through {through}"
        );
        let human = planc(&["check", "--color", "never", through]);
        assert_eq!(human.status.code(), Some(1));
        for (code, file, line, column) in &want {
            let header = format!("╭─[{file}:{line}:{column}]");
            assert!(
                stderr(&human).contains(&header),
                "{code} {header} through {through}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// `planc graph --group-by file`: departments are files, so the picture can
// show which file each item is written in.

#[test]
fn graph_groups_items_by_file_when_asked() {
    let part = "examples/acme-company/departments/sales.plan";
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for view in ["map", "trace"] {
            for format in ["dot", "mermaid"] {
                let grouped = planc(&[
                    "graph",
                    "--view",
                    view,
                    "--format",
                    format,
                    "--group-by",
                    "file",
                    part,
                ]);
                assert_eq!(grouped.status.code(), Some(0), "{}", stderr(&grouped));
                let text = stdout(&grouped);
                // The company goals are in the root; paths, battles and
                // tactics in the departments' files.
                let files: &[&str] = match view {
                    "map" => &["acme.plan"],
                    _ => &[
                        "acme.plan",
                        "departments/marketing.plan",
                        "departments/sales.plan",
                    ],
                };
                for file in files {
                    let name = format!("examples/acme-company/{file}");
                    assert!(text.contains(&name), "{view} {format}: {name}");
                }
                insta::assert_snapshot!(format!("files-graph-{view}-{format}"), text);
                // Without the flag, nothing is grouped.
                let plain = planc(&["graph", "--view", view, "--format", format, part]);
                assert!(!stdout(&plain).contains("_file0"), "{view} {format}");
            }
        }
    });
    // Graphviz reads the grouped DOT (when it is installed).
    let dot = planc(&["graph", "--view", "trace", "--group-by", "file", part]);
    if let Ok(mut child) = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(&dot.stdout)
            .expect("DOT written");
        let out = child.wait_with_output().expect("dot runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Where grouping would do nothing, it is refused.
    for args in [
        &["graph", "--format", "svg", "--group-by", "file", part][..],
        &["graph", "--view", "timeline", "--group-by", "file", part][..],
    ] {
        let out = planc(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("--group-by"), "{}", stderr(&out));
    }
}
