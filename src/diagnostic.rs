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
    /// The typed fault it says in words, for tools that act on it.
    pub origin: Origin,
}

/// What a diagnostic was made from. Quick fixes match on this, never on the
/// words or by finding the item again from a span.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Origin {
    /// A phase whose faults tools do not act on (syntax, lowering).
    #[default]
    Other,
    Resolve(Box<crate::resolve::ResolveError>),
    Check(Box<crate::check::Finding>),
}

// Nothing in a finding or a resolve error is a float.
impl Eq for Origin {}

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
            origin: Origin::Other,
        }
    }

    pub fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
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
        (a.span.start(), a.code.name(), &a.message).cmp(&(
            b.span.start(),
            b.code.name(),
            &b.message,
        ))
    });
}
