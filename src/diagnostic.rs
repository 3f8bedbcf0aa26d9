//! The one neutral diagnostic type. Every phase converts its own errors into
//! it; the terminal, JSON, SARIF, GitHub and language-server outputs all read
//! it and nothing else.

mod code;

pub use code::Code;

use crate::span::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A secondary place that contributes to a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Where the fault is.
    pub span: Span,
    /// What the caret under `span` says.
    pub span_label: String,
    /// Every other place that contributes.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: String,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            span,
            span_label: String::new(),
            labels: Vec::new(),
            help: String::new(),
        }
    }

    pub fn with_span_label(mut self, text: impl Into<String>) -> Self {
        self.span_label = text.into();
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort diagnostics the way people read a file: by place, then by name.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.code.name(), &a.message).cmp(&(b.span.start, b.code.name(), &b.message))
    });
}
