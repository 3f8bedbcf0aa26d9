//! Every Chinese page of docs/diagnostics/zh is true, like the English ones:
//! every diagnostic has one, its failing example fires exactly the
//! diagnostic it documents, and its fixed example is clean.
//!
//! Some pages were written before their diagnostic was implemented (the
//! names LANGUAGE.md v1 adds, listed in `TO_COME`): such a page is checked
//! for its shape only until its code exists in `Code::ALL`; from then on its
//! examples are checked like every other page, with nothing to change here.
//! An example that `planc check` on one file cannot show (several files, or
//! `planc status` on a day) says in a ```sh block which command shows it;
//! it is run through the command line with `--format json`.

use crate::support::{planc_to, scratch, stderr, stdout};
use planc::docs::{self, zh};
use planc::{Code, Severity};
use std::process::Stdio;

/// Diagnostics of LANGUAGE.md v1 that may not be in `Code::ALL` yet, with
/// their severity there.
const TO_COME: &[(&str, Severity)] = &[
    ("criterion-cannot-fail", Severity::Warning),
    ("owner-overloaded", Severity::Warning),
    ("include-not-found", Severity::Error),
    ("include-outside-plan", Severity::Error),
    ("file-not-included", Severity::Warning),
    ("parts-short", Severity::Warning),
    ("part-due-late", Severity::Error),
    ("conflicting-checkins", Severity::Error),
    ("goal-off-track", Severity::Warning),
    ("goal-missed", Severity::Warning),
    ("review-overdue", Severity::Warning),
    ("battle-not-closed", Severity::Warning),
    ("overspent", Severity::Error),
    ("guardrail-breached", Severity::Warning),
    ("checkin-in-future", Severity::Warning),
];

/// The diagnostics `planc status` reports for a day; `planc check` never does.
const STATUS: &[&str] = &[
    "goal-off-track",
    "goal-missed",
    "review-overdue",
    "battle-not-closed",
    "overspent",
    "guardrail-breached",
    "checkin-in-future",
];

fn severity(name: &str) -> Option<Severity> {
    Code::from_name(name)
        .map(|c| c.severity())
        .or_else(|| TO_COME.iter().find(|(n, _)| *n == name).map(|(_, s)| *s))
}

fn severity_zh(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => zh::ERROR,
        Severity::Warning => zh::WARNING,
    }
}

fn names(diagnostics: &[planc::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code.name(), d.message))
        .collect()
}

#[test]
fn every_diagnostic_has_a_chinese_page() {
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.name())
        .chain(TO_COME.iter().map(|(n, _)| *n))
        .filter(|n| docs::page_zh(n).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "no page in docs/diagnostics/zh for: {missing:?}"
    );
}

#[test]
fn every_chinese_page_names_a_diagnostic_and_its_severity() {
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics/zh/README.md"),
    )
    .expect("docs/diagnostics/zh/README.md exists");
    for (name, page) in docs::ZH_PAGES {
        let severity = severity(name)
            .unwrap_or_else(|| panic!("docs/diagnostics/zh/{name}.md names no diagnostic"));
        assert!(
            page.starts_with(&format!("# {name}\n")),
            "zh/{name}.md must start with `# {name}`"
        );
        let line = format!("{} {}", zh::SEVERITY, severity_zh(severity));
        assert!(page.contains(&line), "zh/{name}.md must say `{line}`");
        assert!(
            readme.contains(&format!("[{name}]({name}.md)")),
            "docs/diagnostics/zh/README.md must list {name}"
        );
        for heading in [zh::FAILING, zh::FIXED] {
            assert!(
                docs::example(page, heading).is_some(),
                "zh/{name}.md has no ```plan block under `## {heading}`"
            );
        }
    }
}

/// What an example gives when run the way its page says: `planc check` on
/// its one file when the page names no command; else its files (each block
/// of an example of several, or the one block at the file the command names)
/// written to a scratch directory and the page's `planc …` command run there
/// with `--format json`.
fn run(name: &str, which: &str, page: &str, heading: &str) -> Result<Vec<String>, String> {
    let example = docs::example(page, heading).expect("checked by the test above");
    let Some(command) = docs::example_command(page, heading) else {
        return Ok(names(&planc::analyze(example, &[]).diagnostics));
    };
    let dir = scratch("docs_zh", &format!("{name}-{which}"));
    let words: Vec<&str> = command.split_whitespace().skip(1).collect();
    let mut files = docs::example_files(page, heading);
    if files.is_empty() {
        let file = words
            .iter()
            .skip(1)
            .find(|w| !w.starts_with('-'))
            .ok_or(format!("`{command}` names no file"))?;
        files.push((file, example));
    }
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a file in the scratch dir"))
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let mut args = words.clone();
    args.extend(["--format", "json"]);
    let output = planc_to(&dir, &args, Stdio::null(), Stdio::piped());
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).map_err(|e| {
        format!(
            "`{command} --format json` printed no JSON ({e}): {}",
            stderr(&output)
        )
    })?;
    Ok(json["diagnostics"]
        .as_array()
        .ok_or(format!("`{command} --format json` has no diagnostics"))?
        .iter()
        .map(|d| format!("{}: {}", d["code"].as_str().unwrap_or("?"), d["message"]))
        .collect())
}

#[test]
fn chinese_failing_examples_fire_and_fixed_examples_are_clean() {
    let mut problems = Vec::new();
    for (name, page) in docs::ZH_PAGES {
        let several_files = !docs::example_files(page, zh::FAILING).is_empty();
        let status = STATUS.contains(name);
        for heading in [zh::FAILING, zh::FIXED] {
            let command = docs::example_command(page, heading);
            if status
                && !command
                    .is_some_and(|c| c.starts_with("planc status ") && c.contains("--today "))
            {
                problems.push(format!(
                    "{name}: under `{heading}`, a ```sh block must give the `planc status … --today DATE` it is run with"
                ));
            }
            if several_files {
                let files = docs::example_files(page, heading);
                if files.len() < 2 || !files[0].1.contains("\nplan ") || command.is_none() {
                    problems.push(format!(
                        "{name}: under `{heading}`, the example of several files must give \
                         the root first, then each other file, each block starting `{}PATH`, \
                         then a ```sh block with the `planc check` it is run with",
                        zh::FILE
                    ));
                }
            }
        }
        if Code::from_name(name).is_none() {
            // Not implemented on this branch yet: the page's shape is checked
            // above, its examples as soon as the code exists.
            continue;
        }
        match run(name, "failing", page, zh::FAILING) {
            Err(e) => problems.push(format!("{name}: the failing example: {e}")),
            Ok(fired) => {
                let prefix = format!("{name}: ");
                if fired.is_empty() || fired.iter().any(|d| !d.starts_with(&prefix)) {
                    problems.push(format!(
                        "{name}: the failing example must fire {name} and nothing else; it gives {fired:#?}"
                    ));
                }
            }
        }
        match run(name, "fixed", page, zh::FIXED) {
            Err(e) => problems.push(format!("{name}: the fixed example: {e}")),
            Ok(left) if !left.is_empty() => {
                problems.push(format!("{name}: the fixed example is not clean: {left:#?}"))
            }
            Ok(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The runner of command-line examples works today, on a diagnostic that
/// exists: the `syntax` page's plans, run as a page with a command would be.
#[test]
fn examples_with_a_command_are_run_through_the_command_line() {
    let page = docs::page_zh("syntax").expect("the syntax page");
    for (which, heading, fires) in [("failing", zh::FAILING, true), ("fixed", zh::FIXED, false)] {
        let plan = docs::example(page, heading).expect("an example");
        let as_command = format!(
            "## {heading}\n\n```plan\n{plan}```\n\n```sh\nplanc check 子目录/战略.plan\n```\n"
        );
        let got = run("command-runner", which, &as_command, heading).expect("it runs");
        assert_eq!(
            !got.is_empty() && got.iter().all(|d| d.starts_with("syntax: ")),
            fires,
            "{got:?}"
        );
        assert_eq!(got.is_empty(), !fires, "{got:?}");
    }
}
