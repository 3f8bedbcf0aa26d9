//! Every page of docs/diagnostics is true: its failing example fires the
//! diagnostic it documents, and its fixed example is clean.

use planc::Code;

#[test]
fn every_diagnostic_has_a_page() {
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.name())
        .filter(|n| planc::docs::page(n).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "no page in docs/diagnostics for: {missing:?}"
    );
}

#[test]
fn every_page_names_a_diagnostic_and_its_severity() {
    for (name, page) in planc::docs::PAGES {
        let code = Code::from_name(name)
            .unwrap_or_else(|| panic!("docs/diagnostics/{name}.md names no diagnostic"));
        assert!(
            page.starts_with(&format!("# {name}\n")),
            "{name}.md must start with `# {name}`"
        );
        let severity = format!("**Severity:** {}", code.severity().as_str());
        assert!(page.contains(&severity), "{name}.md must say `{severity}`");
    }
}

/// The day a status diagnostic's page is taken for: its examples say
/// "taken with `planc status --today DATE`".
fn today_of(page: &str) -> Option<planc::date::Date> {
    let at = page.find("planc status --today ")? + "planc status --today ".len();
    planc::date::Date::parse(page.get(at..at + 10)?)
}

/// What `planc check` reports, and with a day, what `planc status` adds.
fn diagnostics(plan: &str, today: Option<planc::date::Date>) -> Vec<planc::Diagnostic> {
    let analysis = planc::analyze(plan, &[]);
    let mut out = analysis.diagnostics.clone();
    if let Some(day) = today {
        let status = planc::status::status(&analysis.model, day);
        out.extend(planc::status::diagnostics(&analysis.model, &status, &[]));
    }
    out
}

#[test]
fn status_pages_name_their_day_and_check_pages_do_not() {
    for (name, page) in planc::docs::PAGES {
        let code = Code::from_name(name).expect("a diagnostic");
        let status_only = planc::status::CODES.contains(&code);
        assert_eq!(
            today_of(page).is_some(),
            status_only,
            "{name}.md: a status diagnostic's page says `planc status --today DATE`, and only those"
        );
        if status_only {
            // `planc check` never reports it.
            let failing = planc::docs::example(page, "Failing example").expect("an example");
            assert!(
                planc::analyze(failing, &[]).diagnostics.is_empty(),
                "{name}: the failing example is clean under `planc check`"
            );
        }
    }
}

#[test]
fn failing_examples_fire_and_fixed_examples_are_clean() {
    let mut problems = Vec::new();
    for (name, page) in planc::docs::PAGES {
        let today = today_of(page);
        let Some(failing) = planc::docs::example(page, "Failing example") else {
            problems.push(format!("{name}: no failing example"));
            continue;
        };
        let Some(fixed) = planc::docs::example(page, "Fixed example") else {
            problems.push(format!("{name}: no fixed example"));
            continue;
        };
        // A plan of several files: every block is a file, checked as a directory.
        if failing.starts_with("// file: ") {
            let fired = several(page, "Failing example");
            if !fired.iter().any(|(code, _)| code == name) {
                problems.push(format!(
                    "{name}: the failing files do not fire it: {fired:#?}"
                ));
            }
            let left = several(page, "Fixed example");
            if !left.is_empty() {
                problems.push(format!("{name}: the fixed files are not clean: {left:#?}"));
            }
            continue;
        }
        let fired = diagnostics(failing, today);
        if !fired.iter().any(|d| d.code.name() == *name) {
            let got: Vec<String> = fired
                .iter()
                .map(|d| format!("{}: {}", d.code.name(), d.message))
                .collect();
            problems.push(format!(
                "{name}: the failing example does not fire it; it gives {got:#?}"
            ));
        }
        let left = diagnostics(fixed, today);
        if !left.is_empty() {
            let got: Vec<String> = left
                .iter()
                .map(|d| format!("{}: {}", d.code.name(), d.message))
                .collect();
            problems.push(format!("{name}: the fixed example is not clean: {got:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An example of several files: every ```plan block of the section whose
/// first line is `// file: NAME` written to NAME under `plan/` in a fresh
/// directory (a name starting with `../` lands beside `plan/`), then
/// `planc check plan` (the directory): the (code, message) of each diagnostic.
fn several(page: &str, heading: &str) -> Vec<(String, String)> {
    let marker = format!("## {heading}");
    let Some(at) = page.find(&marker) else {
        return vec![("no section".into(), heading.into())];
    };
    let section = &page[at + marker.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir_all(dir.path().join(".git")).expect(".git");
    let plan = dir.path().join("plan");
    std::fs::create_dir_all(&plan).expect("plan/");
    for block in section.split("```plan\n").skip(1) {
        let text = &block[..block.find("```").unwrap_or(block.len())];
        let name = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// file: "))
            .expect("every block names its file");
        let path = plan.join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        std::fs::write(path, text).expect("written");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(["check", "--format", "json", "plan"])
        .current_dir(dir.path())
        .output()
        .expect("planc runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The plans shown in README.md and docs/language.md are clean, unless the
/// block says which diagnostic it shows with a `// fires: NAME` line.
#[test]
fn plans_in_the_user_docs_are_what_they_say() {
    for doc in ["README.md", "docs/language.md"] {
        let Ok(text) =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(doc))
        else {
            continue;
        };
        let mut rest = text.as_str();
        while let Some(start) = rest.find("```plan\n") {
            let block = &rest[start + 8..];
            let end = block.find("```").expect("a closed code block");
            let plan = &block[..end];
            rest = &block[end..];
            // Fragments (no `plan` item) illustrate one construct; only whole plans are checked.
            if !plan.lines().any(|l| l.trim_start().starts_with("plan ")) {
                continue;
            }
            let fired: Vec<&str> = planc::analyze(plan, &[])
                .diagnostics
                .iter()
                .map(|d| d.code.name())
                .collect::<Vec<_>>();
            let expected: Vec<&str> = plan
                .lines()
                .filter_map(|l| l.trim().strip_prefix("// fires: "))
                .collect();
            let fired_names: Vec<String> = fired.iter().map(|s| s.to_string()).collect();
            if expected.is_empty() {
                assert!(
                    fired.is_empty(),
                    "{doc}: a plan block is not clean: {fired_names:?}\n{plan}"
                );
            } else {
                for name in expected {
                    assert!(
                        fired.contains(&name),
                        "{doc}: a plan block should fire {name}, fired {fired_names:?}\n{plan}"
                    );
                }
            }
        }
    }
}
