//! `planc check --format json`: planc's own schema (docs/schema/check.schema.json).
//!
//! [`render_to`] streams the document into a writer, one diagnostic at a
//! time: no tree of the whole output is built, so memory stays that of the
//! diagnostics themselves whatever the output's size. Fields are written in
//! the order a `serde_json::Value` sorts them (alphabetical), so the stream
//! is byte for byte `serde_json::to_string_pretty(&render(…))` and a newline.

use super::Source;
use crate::diagnostic::{Diagnostic, Label};
use crate::span::Span;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;
use std::io::{self, Write};

/// The version of the JSON this produces; bumped on any incompatible change.
pub const SCHEMA: u32 = 1;

/// A place: the file and where in it, fields in alphabetical order.
#[derive(serde::Serialize)]
struct Place<'a> {
    column: usize,
    end_column: usize,
    end_line: usize,
    file: &'a str,
    line: usize,
}

/// A place in its own file (a plan of several files has labels in others).
fn place<'a>(source: &Source<'a>, span: Span) -> Place<'a> {
    let part = source.lines.part(span.start());
    let start = part.line_col(span.start());
    let end = part.line_col(span.end().max(span.start()));
    Place {
        column: start.column,
        end_column: end.column,
        end_line: end.line,
        file: part.name,
        line: start.line,
    }
}

struct Labeled<'a> {
    source: &'a Source<'a>,
    label: &'a Label,
}

impl Serialize for Labeled<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let at = place(self.source, self.label.span);
        let mut o = s.serialize_struct("Label", 6)?;
        o.serialize_field("column", &at.column)?;
        o.serialize_field("end_column", &at.end_column)?;
        o.serialize_field("end_line", &at.end_line)?;
        o.serialize_field("file", at.file)?;
        o.serialize_field("line", &at.line)?;
        o.serialize_field("message", &self.label.message)?;
        o.end()
    }
}

struct Labels<'a>(&'a Source<'a>, &'a [Label]);

impl Serialize for Labels<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|label| Labeled {
            source: self.0,
            label,
        }))
    }
}

struct Entry<'a> {
    source: &'a Source<'a>,
    d: &'a Diagnostic,
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.d;
        let at = place(self.source, d.span);
        let mut o = s.serialize_struct("Diagnostic", 10)?;
        o.serialize_field("code", d.code.name())?;
        o.serialize_field("column", &at.column)?;
        o.serialize_field("end_column", &at.end_column)?;
        o.serialize_field("end_line", &at.end_line)?;
        o.serialize_field("file", at.file)?;
        o.serialize_field("help", &d.help)?;
        o.serialize_field("labels", &Labels(self.source, &d.labels))?;
        o.serialize_field("line", &at.line)?;
        o.serialize_field("message", &d.message)?;
        o.serialize_field("severity", d.severity.as_str())?;
        o.end()
    }
}

struct Entries<'a>(&'a [Source<'a>]);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.0
                .iter()
                .flat_map(|source| source.diagnostics.iter().map(move |d| Entry { source, d })),
        )
    }
}

#[derive(serde::Serialize)]
struct Summary {
    errors: usize,
    files: usize,
    warnings: usize,
}

/// The whole document: `{"diagnostics", "schema", "summary"}`.
struct Log<'a>(&'a [Source<'a>]);

impl Serialize for Log<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let all = || self.0.iter().flat_map(|source| source.diagnostics);
        let errors = all().filter(|d| d.is_error()).count();
        let mut o = s.serialize_struct("Log", 3)?;
        o.serialize_field("diagnostics", &Entries(self.0))?;
        o.serialize_field("schema", &SCHEMA)?;
        o.serialize_field(
            "summary",
            &Summary {
                errors,
                files: self.0.iter().map(Source::file_count).sum(),
                warnings: all().count() - errors,
            },
        )?;
        o.end()
    }
}

/// Write the JSON document for all the files of one `planc check` run,
/// pretty-printed and ending in a newline, as it is made.
pub fn render_to(out: &mut impl Write, sources: &[Source]) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &Log(sources))?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The JSON object for all the files of one `planc check` run, as a value
/// (for tests and callers that edit it; `render_to` writes the same text
/// without building it).
pub fn render(sources: &[Source]) -> Value {
    serde_json::to_value(Log(sources)).unwrap_or_default()
}
