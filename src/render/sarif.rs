//! `planc check --format sarif`: SARIF 2.1.0 as GitHub code scanning takes it.

use super::Source;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::span::Span;
use serde_json::{json, Value};

/// Where the diagnostic pages are published; `helpUri` points into it.
pub const DOCS_BASE: &str = "https://github.com/planc-lang/planc/blob/main/docs/diagnostics/";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rules() -> Vec<Value> {
    Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.name(),
                "shortDescription": {"text": code.summary()},
                "helpUri": format!("{DOCS_BASE}{}.md", code.name()),
                "help": {"text": format!("See `planc explain {}`.", code.name())},
                "defaultConfiguration": {"level": level(code.severity())},
            })
        })
        .collect()
}

fn region(source: &Source, span: Span) -> Value {
    let start = source.index.line_col(span.start);
    let mut end = source.index.line_col(span.end);
    // SARIF regions are non-empty: an empty span marks one character.
    if span.is_empty() {
        end.column += 1;
    }
    json!({"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column})
}

fn location(source: &Source, span: Span) -> Value {
    json!({"physicalLocation": {"artifactLocation": {"uri": uri(source.name)}, "region": region(source, span)}})
}

/// A relative path as a URI reference: forward slashes, spaces and `%` escaped.
fn uri(name: &str) -> String {
    let mut out = String::new();
    for c in name.replace('\\', "/").chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}

/// A fingerprint that survives unrelated edits: the rule, the text under
/// the primary span and the message — never a line number.
pub fn fingerprint(source: &Source, d: &Diagnostic) -> String {
    let text = source
        .text
        .get(d.span.start..d.span.end)
        .unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in d
        .code
        .name()
        .bytes()
        .chain([0])
        .chain(text.bytes())
        .chain([0])
        .chain(d.message.bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn result(source: &Source, d: &Diagnostic) -> Value {
    let rule_index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
    let related: Vec<Value> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut loc = location(source, l.span);
            loc["id"] = json!(i + 1);
            loc["message"] = json!({"text": l.message});
            loc
        })
        .collect();
    let mut text = d.message.clone();
    if !d.help.is_empty() {
        text.push_str("\nhelp: ");
        text.push_str(&d.help);
    }
    json!({
        "ruleId": d.code.name(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": text},
        "locations": [location(source, d.span)],
        "relatedLocations": related,
        "partialFingerprints": {"plancFingerprint/v1": fingerprint(source, d)},
    })
}

/// One SARIF log for all the files of one `planc check` run.
pub fn render(sources: &[Source]) -> Value {
    let results: Vec<Value> = sources
        .iter()
        .flat_map(|s| s.diagnostics.iter().map(move |d| result(s, d)))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "planc",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/planc-lang/planc",
                "rules": rules(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
