//! `planc check --format json`: planc's own schema (docs/schema/check.schema.json).

use super::Source;
use crate::span::Span;
use serde_json::{json, Value};

/// The version of the JSON this produces; bumped on any incompatible change.
pub const SCHEMA: u32 = 1;

fn place(source: &Source, span: Span) -> serde_json::Map<String, Value> {
    let start = source.index.line_col(span.start);
    let end = source.index.line_col(span.end);
    let mut map = serde_json::Map::new();
    map.insert("file".into(), json!(source.name));
    map.insert("line".into(), json!(start.line));
    map.insert("column".into(), json!(start.column));
    map.insert("end_line".into(), json!(end.line));
    map.insert("end_column".into(), json!(end.column));
    map
}

/// The JSON object for all the files of one `planc check` run.
pub fn render(sources: &[Source]) -> Value {
    let mut diagnostics = Vec::new();
    let (mut errors, mut warnings) = (0, 0);
    for source in sources {
        for d in source.diagnostics {
            if d.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            let mut object = serde_json::Map::new();
            object.insert("code".into(), json!(d.code.name()));
            object.insert("severity".into(), json!(d.severity.as_str()));
            object.insert("message".into(), json!(d.message));
            object.insert("help".into(), json!(d.help));
            object.extend(place(source, d.span));
            let labels: Vec<Value> = d
                .labels
                .iter()
                .map(|l| {
                    let mut label = serde_json::Map::new();
                    label.insert("message".into(), json!(l.message));
                    label.extend(place(source, l.span));
                    Value::Object(label)
                })
                .collect();
            object.insert("labels".into(), Value::Array(labels));
            diagnostics.push(Value::Object(object));
        }
    }
    json!({
        "schema": SCHEMA,
        "diagnostics": diagnostics,
        "summary": { "files": sources.len(), "errors": errors, "warnings": warnings },
    })
}
