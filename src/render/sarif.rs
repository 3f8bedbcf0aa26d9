//! `planc check --format sarif`: SARIF 2.1.0 as GitHub code scanning takes it.
//!
//! [`render_to`] streams the log into a writer, one result at a time, with
//! fields in the order a `serde_json::Value` sorts them: the stream is byte
//! for byte `serde_json::to_string_pretty(&render(…))` and a newline, and
//! memory stays that of the diagnostics themselves.

use super::Source;
use crate::diagnostic::{Code, Diagnostic, Label, Severity};
use crate::sources::Part;
use crate::span::Span;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;
use std::io::{self, Write};

/// Where the diagnostic pages are published; `helpUri` points into it.
pub const DOCS_BASE: &str = "https://github.com/planc-lang/planc/blob/main/docs/diagnostics/";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `{"text": …}`, SARIF's message object.
#[derive(serde::Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(serde::Serialize)]
struct OwnedText {
    text: String,
}

#[derive(serde::Serialize)]
struct Level {
    level: &'static str,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    default_configuration: Level,
    help: OwnedText,
    help_uri: String,
    id: &'static str,
    short_description: Text<'static>,
}

struct Rules(crate::lang::Lang);

impl Serialize for Rules {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(Code::ALL.iter().map(|code| Rule {
            default_configuration: Level {
                level: level(code.severity()),
            },
            help: OwnedText {
                text: match self.0 {
                    crate::lang::Lang::En => format!("See `planc explain {}`.", code.name()),
                    crate::lang::Lang::Zh => format!("详见 `planc explain {}`。", code.name()),
                },
            },
            help_uri: format!("{DOCS_BASE}{}.md", code.name()),
            id: code.name(),
            short_description: Text {
                text: crate::lang::summary(*code, self.0),
            },
        }))
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

fn region(part: &Part, span: Span) -> Region {
    let start = part.line_col(span.start());
    let mut end = part.line_col(span.end().max(span.start()));
    // SARIF regions are non-empty: an empty span marks one character.
    if span.is_empty() {
        end.column += 1;
    }
    Region {
        end_column: end.column,
        end_line: end.line,
        start_column: start.column,
        start_line: start.line,
    }
}

/// A file: its index in the run's `artifacts` and its URI.
#[derive(serde::Serialize)]
struct ArtifactLocation<'a> {
    index: usize,
    uri: &'a str,
}

/// One file of the run (`runs[0].artifacts`).
#[derive(serde::Serialize)]
struct Artifact<'a> {
    location: ArtifactLocation<'a>,
}

/// Every file of every plan checked, one artifact each; a plan's files
/// start at its `first` index.
struct Files<'a> {
    uris: &'a [String],
}

impl Serialize for Files<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.uris.iter().enumerate().map(|(index, uri)| Artifact {
            location: ArtifactLocation { index, uri },
        }))
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

/// A place in its own file: `first` is the index of the plan's root among
/// the run's artifacts.
fn location<'a>(
    source: &Source,
    uris: &'a [String],
    first: usize,
    span: Span,
) -> PhysicalLocation<'a> {
    let parts = source.lines.parts();
    let at = parts
        .partition_point(|p| p.base <= span.start())
        .saturating_sub(1);
    let index = (first + at).min(uris.len().saturating_sub(1));
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            index,
            uri: uris.get(index).map_or("", String::as_str),
        },
        region: region(&parts[at], span),
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Related<'a> {
    id: usize,
    message: Text<'a>,
    physical_location: PhysicalLocation<'a>,
}

struct RelatedLocations<'a> {
    source: &'a Source<'a>,
    uris: &'a [String],
    first: usize,
    labels: &'a [Label],
}

impl Serialize for RelatedLocations<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.labels.iter().enumerate().map(|(i, l)| Related {
            id: i + 1,
            message: Text { text: &l.message },
            physical_location: location(self.source, self.uris, self.first, l.span),
        }))
    }
}

/// The characters of a path segment written as they are: RFC 3986's
/// unreserved ones. Everything else (space, `%`, `#`, `?`, `:`, `<`, any
/// non-ASCII byte) is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A file name as a SARIF `uri`, a valid URI reference (RFC 3986):
///
/// - a relative path stays relative (what code scanning matches against the
///   repository), each segment percent-encoded: `新品计划.plan` is
///   `%E6%96%B0%E5%93%81%E8%AE%A1%E5%88%92.plan`, and `c:d.plan` cannot be
///   taken for a scheme;
/// - an absolute path is a `file://` URI: `/tmp/a b.plan` is
///   `file:///tmp/a%20b.plan`, `C:\plans\a.plan` is `file:///C:/plans/a.plan`;
/// - backslashes are separators;
/// - standard input, shown as `<stdin>`, is `%3Cstdin%3E`: a relative
///   reference that decodes back to the name planc prints.
pub fn uri(name: &str) -> String {
    let path = name.replace('\\', "/");
    let encode = |path: &str| {
        path.split('/')
            .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
            .collect::<Vec<_>>()
            .join("/")
    };
    let bytes = path.as_bytes();
    if path.starts_with('/') {
        format!("file://{}", encode(&path))
    } else if bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes[2] == b'/'
    {
        format!("file:///{}:{}", &path[..1], encode(&path[2..]))
    } else {
        encode(&path)
    }
}

/// A fingerprint that survives unrelated edits: the rule, the text under
/// the primary span and the message — never a line number.
pub fn fingerprint(source: &Source, d: &Diagnostic) -> String {
    let text = source
        .text
        .get(d.span.start()..d.span.end())
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

#[derive(serde::Serialize)]
struct Fingerprints {
    #[serde(rename = "plancFingerprint/v1")]
    v1: String,
}

struct Result_<'a> {
    source: &'a Source<'a>,
    uris: &'a [String],
    first: usize,
    d: &'a Diagnostic,
}

impl Serialize for Result_<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (source, d) = (self.source, self.d);
        let rule_index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
        let mut text = d.message.clone();
        if !d.help.is_empty() {
            text.push_str("\nhelp: ");
            text.push_str(&d.help);
        }
        let mut o = s.serialize_struct("Result", 7)?;
        o.serialize_field("level", level(d.severity))?;
        o.serialize_field(
            "locations",
            &[Location {
                physical_location: location(source, self.uris, self.first, d.span),
            }],
        )?;
        o.serialize_field("message", &Text { text: &text })?;
        o.serialize_field(
            "partialFingerprints",
            &Fingerprints {
                v1: fingerprint(source, d),
            },
        )?;
        o.serialize_field(
            "relatedLocations",
            &RelatedLocations {
                source,
                uris: self.uris,
                first: self.first,
                labels: &d.labels,
            },
        )?;
        o.serialize_field("ruleId", d.code.name())?;
        o.serialize_field("ruleIndex", &rule_index)?;
        o.end()
    }
}

struct Results<'a> {
    sources: &'a [Source<'a>],
    uris: &'a [String],
    /// Each plan's root's index among `uris`.
    firsts: &'a [usize],
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let uris = self.uris;
        s.collect_seq(
            self.sources
                .iter()
                .zip(self.firsts)
                .flat_map(|(source, &first)| {
                    source.diagnostics.iter().map(move |d| Result_ {
                        source,
                        uris,
                        first,
                        d,
                    })
                }),
        )
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    information_uri: &'static str,
    name: &'static str,
    rules: Rules,
    version: &'static str,
}

#[derive(serde::Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    artifacts: Files<'a>,
    column_kind: &'static str,
    results: Results<'a>,
    tool: Tool,
}

#[derive(serde::Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

fn with_log<T>(sources: &[Source], then: impl FnOnce(&Log) -> T) -> T {
    // One artifact per file: every plan's root, then the files it includes.
    let mut uris: Vec<String> = Vec::new();
    let mut firsts = Vec::with_capacity(sources.len());
    for source in sources {
        firsts.push(uris.len());
        uris.extend(source.lines.parts().iter().map(|p| uri(p.name)));
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            artifacts: Files { uris: &uris },
            column_kind: "unicodeCodePoints",
            results: Results {
                sources,
                uris: &uris,
                firsts: &firsts,
            },
            tool: Tool {
                driver: Driver {
                    information_uri: "https://github.com/planc-lang/planc",
                    name: "planc",
                    rules: Rules(sources.first().map_or(crate::lang::Lang::En, |s| s.lang)),
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    then(&log)
}

/// Write one SARIF log for all the files of one `planc check` run,
/// pretty-printed and ending in a newline, as it is made.
pub fn render_to(out: &mut impl Write, sources: &[Source]) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    with_log(sources, |log| serde_json::to_writer_pretty(&mut out, log))?;
    out.write_all(b"\n")?;
    out.flush()
}

/// One SARIF log for all the files of one `planc check` run, as a value
/// (`render_to` writes the same text without building it).
pub fn render(sources: &[Source]) -> Value {
    with_log(sources, |log| serde_json::to_value(log).unwrap_or_default())
}
