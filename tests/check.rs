//! Every case in tests/cases: what `planc check` shows a person (rendered
//! with source snippets) and a machine (`--format json`), as snapshots.

use planc::render::{human, json, Source};
use std::path::{Path, PathBuf};

use crate::plans::plans_in;

fn cases() -> Vec<PathBuf> {
    let cases = plans_in("tests/cases");
    assert!(
        cases.len() >= 40,
        "tests/cases should hold a case per diagnostic"
    );
    cases
}

/// The first line of a case says what it shows.
fn description(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("// ")
        .to_string()
}

/// One snapshot pair per case, through `insta::glob!`: a failing case does
/// not hide the others, and `INSTA_GLOB_FILTER=unknown-name*` runs one alone.
#[test]
fn rendered_for_people_and_machines() {
    assert!(cases().len() >= 40);
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("cases/*.plan", |path: &Path| {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a UTF-8 name")
                .to_string();
            let bytes = std::fs::read(path).expect("the case is readable");
            let text = std::str::from_utf8(&bytes).expect("cases are UTF-8");
            let analysis = planc::analyze(text, &[]);
            let file = format!("tests/cases/{name}.plan");
            let source = Source::new(&file, text, &analysis.diagnostics);
            let rendered = human::render(
                &source,
                human::Style {
                    color: false,
                    width: 100,
                },
            );
            insta::with_settings!({ description => description(text) }, {
                insta::assert_snapshot!("human", rendered);
                insta::assert_snapshot!(
                    "json",
                    serde_json::to_string_pretty(&json::render(&[source])).expect("JSON")
                );
            });
        });
    });
}

/// Each case named after a diagnostic fires it; `clean` and the examples fire nothing.
#[test]
fn each_case_fires_the_diagnostic_it_is_named_after() {
    for path in cases() {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 name");
        let text = std::fs::read_to_string(&path).expect("readable");
        let fired: Vec<&str> = planc::analyze(&text, &[])
            .diagnostics
            .iter()
            .map(|d| d.code.name())
            .collect();
        if let Some(code) = planc::Code::ALL
            .iter()
            .filter(|c| name.starts_with(c.name()))
            .max_by_key(|c| c.name().len())
        {
            assert!(
                fired.contains(&code.name()),
                "{name} should fire {}, fired {fired:?}",
                code.name()
            );
        }
    }
    // Every case named `clean*` is clean (the acceptance plans among them).
    let clean_cases: Vec<String> = cases()
        .iter()
        .filter(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.starts_with("clean"))
        })
        .filter_map(|p| Some(format!("tests/cases/{}", p.file_name()?.to_str()?)))
        .collect();
    for clean in [
        "tests/cases/allow-silences-warnings.plan",
        "examples/acme.plan",
        "examples/bakery.plan",
    ]
    .into_iter()
    .chain(clean_cases.iter().map(String::as_str))
    {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(clean))
            .expect("readable");
        let fired: Vec<String> = planc::analyze(&text, &[])
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.code.name(), d.message))
            .collect();
        assert!(fired.is_empty(), "{clean} should be clean: {fired:#?}");
    }
}

/// Every diagnostic name has at least one case.
#[test]
fn every_diagnostic_has_a_case() {
    let names: Vec<String> = cases()
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(String::from))
        .collect();
    for code in planc::Code::ALL {
        assert!(
            names.iter().any(|n| n.starts_with(code.name())),
            "no case in tests/cases for {}",
            code.name()
        );
    }
}
