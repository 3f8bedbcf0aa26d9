//! The CI examples of docs/ci.md: the files parse, run what the page says,
//! and the pre-commit hooks' commands work as pre-commit calls them.

use std::path::Path;
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join(path)).expect("readable");
    let mut docs =
        YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"));
    assert_eq!(docs.len(), 1, "{path} holds one document");
    docs.remove(0)
}

/// Every `run:`/`script:` command in a document.
fn commands(doc: &Yaml, out: &mut Vec<String>) {
    match doc {
        Yaml::Hash(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    (Some("run"), Yaml::String(s)) => out.push(s.clone()),
                    (Some("script"), Yaml::Array(lines)) => {
                        out.extend(lines.iter().filter_map(|l| l.as_str().map(String::from)))
                    }
                    _ => commands(v, out),
                }
            }
        }
        Yaml::Array(items) => items.iter().for_each(|i| commands(i, out)),
        _ => {}
    }
}

#[test]
fn the_github_workflow_annotates_uploads_sarif_and_checks_formatting() {
    let doc = load("docs/ci/github-workflow.yml");
    assert!(doc["jobs"]["check"]["steps"]
        .as_vec()
        .is_some_and(|s| s.len() >= 5));
    assert_eq!(
        doc["permissions"]["security-events"].as_str(),
        Some("write")
    );
    let mut runs = Vec::new();
    commands(&doc, &mut runs);
    for wanted in [
        "planc check --format github",
        "planc check --format sarif",
        "planc check --format markdown",
        "planc fmt --check",
    ] {
        assert!(
            runs.iter().any(|r| r.contains(wanted)),
            "the workflow runs `{wanted}`: {runs:?}"
        );
    }
    let uses: Vec<&str> = doc["jobs"]["check"]["steps"]
        .as_vec()
        .into_iter()
        .flatten()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(
        uses.iter()
            .any(|u| u.starts_with("github/codeql-action/upload-sarif@")),
        "{uses:?}"
    );
}

#[test]
fn the_gitlab_job_checks_and_keeps_the_json() {
    let doc = load("docs/ci/gitlab-ci.yml");
    let mut script = Vec::new();
    commands(&doc, &mut script);
    assert!(
        script
            .iter()
            .any(|s| s.contains("planc check --format json")),
        "{script:?}"
    );
    assert_eq!(
        doc["plan"]["artifacts"]["paths"][0].as_str(),
        Some("planc.json")
    );
}

#[test]
fn the_pre_commit_hooks_run_as_pre_commit_calls_them() {
    let doc = load(".pre-commit-hooks.yaml");
    let hooks = doc.as_vec().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().filter_map(|h| h["id"].as_str()).collect();
    assert_eq!(ids, ["planc-check", "planc-fmt"]);
    for hook in hooks {
        assert_eq!(hook["files"].as_str(), Some("\\.plan$"));
        let entry = hook["entry"].as_str().expect("an entry");
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("planc"));
        // pre-commit appends the staged files' names to the entry.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("pre-commit")
            .join(hook["id"].as_str().expect("id"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let staged = dir.join("acme.plan");
        std::fs::copy(root().join("examples/acme.plan"), &staged).expect("copy");
        let o = Command::new(env!("CARGO_BIN_EXE_planc"))
            .args(words)
            .arg(&staged)
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{entry}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let broken = dir.join("broken.plan");
        std::fs::write(
            &broken,
            "plan \"x\" {\n  period 2026-01-01 - 2026-12-31\n}\n",
        )
        .expect("write");
        let o = Command::new(env!("CARGO_BIN_EXE_planc"))
            .args(entry.split_whitespace().skip(1))
            .arg(&broken)
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(1),
            "{entry} fails the commit on a broken plan"
        );
    }
}

#[test]
fn the_weekly_status_workflow_reports_and_fails_on_off_track() {
    let doc = load("docs/ci/github-weekly-status.yml");
    let cron = doc["on"]["schedule"][0]["cron"]
        .as_str()
        .expect("a schedule");
    assert_eq!(cron.split_whitespace().count(), 5, "{cron}");
    let mut runs = Vec::new();
    commands(&doc, &mut runs);
    assert!(
        runs.iter()
            .any(|r| r.contains("planc status --format markdown")
                && r.contains("GITHUB_STEP_SUMMARY")),
        "{runs:?}"
    );
    assert!(
        runs.iter().any(|r| r.contains("--fail-on off_track")),
        "{runs:?}"
    );
    let page = std::fs::read_to_string(root().join("docs/ci.md")).expect("readable");
    let file =
        std::fs::read_to_string(root().join("docs/ci/github-weekly-status.yml")).expect("readable");
    assert!(
        page.contains(&file),
        "docs/ci.md shows the workflow as it is"
    );
}
