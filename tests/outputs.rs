//! Outputs for machines, checked against their published schemas on every
//! case: `--format json` (docs/schema/check.schema.json), `planc build`
//! (docs/schema/build.schema.json), SARIF (the official 2.1.0 schema), and
//! GitHub annotations, which must parse back to the same place and message.

use planc::render::{github, json, sarif, Source};
use serde_json::Value;
use std::path::{Path, PathBuf};

use crate::plans::plans_in;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(path)).expect("schema readable");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{path} is a valid schema: {e}"))
}

fn plans() -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = plans_in("tests/cases")
        .into_iter()
        .chain(plans_in("examples"))
        .collect();
    plans.sort();
    plans
}

fn name(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

#[test]
fn check_json_matches_its_schema() {
    let validator = schema("docs/schema/check.schema.json");
    for path in plans() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let d = planc::analyze(&text, &[]).diagnostics;
        let n = name(&path);
        assert_valid(&validator, &json::render(&[Source::new(&n, &text, &d)]), &n);
    }
}

#[test]
fn build_json_matches_its_schema_and_is_deterministic() {
    let validator = schema("docs/schema/build.schema.json");
    for path in plans() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let n = name(&path);
        let analysis = planc::analyze(&text, &[]);
        let value =
            serde_json::to_value(planc::export::export(&n, &text, &analysis)).expect("JSON");
        assert_valid(&validator, &value, &n);
        let analysis = planc::analyze(&text, &[]);
        let again =
            serde_json::to_value(planc::export::export(&n, &text, &analysis)).expect("JSON");
        assert_eq!(
            serde_json::to_string(&value).ok(),
            serde_json::to_string(&again).ok(),
            "{n} is not deterministic"
        );
    }
}

#[test]
fn sarif_matches_the_official_schema() {
    let validator = schema("tests/schemas/sarif-schema-2.1.0.json");
    let texts: Vec<(String, String)> = plans()
        .iter()
        .map(|p| (name(p), std::fs::read_to_string(p).expect("readable")))
        .collect();
    let diagnostics: Vec<Vec<planc::Diagnostic>> = texts
        .iter()
        .map(|(_, t)| planc::analyze(t, &[]).diagnostics)
        .collect();
    let sources: Vec<Source> = texts
        .iter()
        .zip(&diagnostics)
        .map(|((n, t), d)| Source::new(n, t, d))
        .collect();
    for source in &sources {
        assert_valid(
            &validator,
            &sarif::render(std::slice::from_ref(source)),
            source.name,
        );
    }
    // All files in one log, as CI uploads it.
    let log = sarif::render(&sources);
    assert_valid(&validator, &log, "all cases in one log");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), planc::Code::ALL.len());
    for result in log["runs"][0]["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_fingerprints_survive_unrelated_edits() {
    let text =
        std::fs::read_to_string(root().join("tests/cases/unknown-name.plan")).expect("readable");
    let edited = format!("// a new first line\n\n{text}");
    let print = |t: &str| {
        let d = planc::analyze(t, &[]).diagnostics;
        let log = sarif::render(&[Source::new("a.plan", t, &d)]);
        (
            log["runs"][0]["results"][0]["partialFingerprints"].clone(),
            log["runs"][0]["results"][0]["locations"][0].clone(),
        )
    };
    let (before, at_before) = print(&text);
    let (after, at_after) = print(&edited);
    assert_eq!(before, after);
    assert_ne!(
        at_before, at_after,
        "the location moved, the fingerprint did not"
    );
}

/// A workflow command as GitHub reads it: level, properties, message.
type Annotation = (String, Vec<(String, String)>, String);

/// Parse `::level key=value,…::message` with GitHub's unescaping.
fn parse_annotation(line: &str) -> Option<Annotation> {
    let unescape = |s: &str| {
        s.replace("%2C", ",")
            .replace("%3A", ":")
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%")
    };
    let rest = line.strip_prefix("::")?;
    let (head, message) = rest.split_once("::")?;
    let (level, props) = head.split_once(' ')?;
    let props = props
        .split(',')
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("key=value");
            (k.to_string(), unescape(v))
        })
        .collect();
    Some((level.to_string(), props, unescape(message)))
}

#[test]
fn github_annotations_parse_back_to_the_same_place_and_message() {
    for path in plans() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let d = planc::analyze(&text, &[]).diagnostics;
        let n = name(&path);
        let source = Source::new(&n, &text, &d);
        let out = github::render(std::slice::from_ref(&source));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines.len(),
            d.len() + 1,
            "{n}: one line per diagnostic and a summary"
        );
        assert!(
            lines.last().is_some_and(|l| l.starts_with("planc: ")),
            "{n}: ends with the totals"
        );
        for (line, diagnostic) in lines.iter().zip(&d) {
            let (level, props, message) = parse_annotation(line)
                .unwrap_or_else(|| panic!("{n}: not a workflow command: {line}"));
            assert_eq!(level, diagnostic.severity.as_str());
            let get = |k: &str| {
                props
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let at = source.index.line_col(diagnostic.span.start);
            assert_eq!(get("file"), n);
            assert_eq!(get("line"), at.line.to_string());
            assert_eq!(get("col"), at.column.to_string());
            assert_eq!(get("title"), format!("planc {}", diagnostic.code.name()));
            assert_eq!(
                message,
                format!("{}\nhelp: {}", diagnostic.message, diagnostic.help)
            );
        }
    }
}

#[test]
fn github_escapes_what_github_requires() {
    assert_eq!(github::escape_data("50%\r\nnext"), "50%25%0D%0Anext");
    assert_eq!(github::escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    let (_, props, message) = parse_annotation(&format!(
        "::error file={},line=1::{}",
        github::escape_property("dir,with:odd%name.plan"),
        github::escape_data("100% sure\nsecond line")
    ))
    .expect("parses");
    assert_eq!(props[0].1, "dir,with:odd%name.plan");
    assert_eq!(message, "100% sure\nsecond line");
}

/// The schemas are strict enough to catch drift: each of these breakages fails.
#[test]
fn the_schemas_reject_what_planc_must_not_print() {
    let text =
        std::fs::read_to_string(root().join("tests/cases/many-faults.plan")).expect("readable");
    let analysis = planc::analyze(&text, &[]);
    let source = Source::new("m.plan", &text, &analysis.diagnostics);

    let check = schema("docs/schema/check.schema.json");
    let mut value = json::render(std::slice::from_ref(&source));
    assert!(check.is_valid(&value));
    value["diagnostics"][0]
        .as_object_mut()
        .expect("object")
        .remove("help");
    assert!(!check.is_valid(&value), "a diagnostic without help");
    let mut value = json::render(std::slice::from_ref(&source));
    value["diagnostics"][0]["column"] = Value::from(0);
    assert!(!check.is_valid(&value), "a 0 column");

    let build = schema("docs/schema/build.schema.json");
    let acme = std::fs::read_to_string(root().join("examples/acme.plan")).expect("readable");
    let analysis = planc::analyze(&acme, &[]);
    let good =
        serde_json::to_value(planc::export::export("acme.plan", &acme, &analysis)).expect("JSON");
    assert!(build.is_valid(&good));
    let mut bad = good.clone();
    bad["goals"][0]["target"]["amount"]["unit"] = Value::from("bananas");
    assert!(!build.is_valid(&bad), "an unknown unit");
    let mut bad = good.clone();
    bad["goals"][0]["target"]["amount"]
        .as_object_mut()
        .expect("object")
        .remove("currency");
    assert!(!build.is_valid(&bad), "money without its currency");
    let mut bad = good.clone();
    bad["battles"][0]["surprise"] = Value::from(1);
    assert!(!build.is_valid(&bad), "an undocumented field");

    let sarif_schema = schema("tests/schemas/sarif-schema-2.1.0.json");
    let mut log = sarif::render(std::slice::from_ref(&source));
    assert!(sarif_schema.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!sarif_schema.is_valid(&log), "a level SARIF does not know");
}
