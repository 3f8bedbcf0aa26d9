//! planc's diagnostics as LSP diagnostics: the same names (as the code, with
//! a link to the diagnostic's page in docs/), severities, messages and help
//! lines as `planc check`; every label becomes related information.

use super::position::{range, Encoding};
use super::Document;
use crate::diagnostic::{Diagnostic, Severity};
use crate::line_index::LineIndex;
use crate::render::sarif::DOCS_BASE;
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Uri,
};

/// The diagnostics of one file: in a plan of several files, those whose
/// primary place is in it, their labels in whichever file they point into.
pub fn publish(doc: &Document, encoding: Encoding) -> PublishDiagnosticsParams {
    PublishDiagnosticsParams {
        uri: doc.uri.clone(),
        diagnostics: doc
            .analysis
            .diagnostics
            .iter()
            .filter(|d| doc.here(d.span))
            .map(|d| convert_in(doc, d, encoding))
            .collect(),
        version: Some(doc.version),
    }
}

/// One diagnostic of a document's plan, each place in its own file.
pub fn convert_in(doc: &Document, d: &Diagnostic, encoding: Encoding) -> lsp_types::Diagnostic {
    let index = doc.index();
    let mut converted = convert(d, &doc.uri, &index, encoding);
    converted.range = doc.range(d.span, encoding);
    if let Some(related) = &mut converted.related_information {
        for (r, label) in related.iter_mut().zip(&d.labels) {
            r.location = doc.location(label.span, encoding);
        }
    }
    converted
}

/// The page that explains a diagnostic, as `planc explain NAME` prints it.
pub fn docs_link(name: &str) -> Option<Uri> {
    format!("{DOCS_BASE}{name}.md").parse().ok()
}

pub fn convert(
    d: &Diagnostic,
    uri: &Uri,
    index: &LineIndex,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if !d.help.is_empty() {
        message.push_str("\nhelp: ");
        message.push_str(&d.help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(index, l.span, encoding)),
            message: l.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(index, d.span, encoding),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.name().to_string())),
        code_description: docs_link(d.code.name()).map(|href| CodeDescription { href }),
        source: Some("planc".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
