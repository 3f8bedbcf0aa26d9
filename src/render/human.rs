//! Diagnostics for people: miette's graphical report with the source
//! snippet, every label and the help line.
//!
//! miette's own header would count columns in bytes; planc's `Named` source
//! hands it columns counted in characters by the line index.

use super::Source;
use crate::{Diagnostic, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// How to draw: colours, and the width to wrap at.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// One diagnostic as miette wants it.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: Named<'a>,
}

/// The source text under its file name, with columns counted in characters
/// by planc's line index (miette's own count is in bytes).
struct Named<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a crate::LineIndex<'a>,
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        // miette reads `column` only for the `file:line:column` header.
        let column = self.index.line_col(span.offset()).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

fn source_span(text: &str, span: crate::Span) -> SourceSpan {
    let start = span.start.min(text.len());
    SourceSpan::new(start.into(), span.end.min(text.len()).saturating_sub(start))
}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.name()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.diagnostic.help.is_empty())
            .then(|| Box::new(&self.diagnostic.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let text = self.source.text;
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            (!d.span_label.is_empty()).then(|| d.span_label.clone()),
            source_span(text, d.span),
        );
        let others = d.labels.iter().map(move |l| {
            LabeledSpan::new_with_span(Some(l.message.clone()), source_span(text, l.span))
        });
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}

/// Render every diagnostic of one file, in order.
pub fn render(source: &Source, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_context_lines(1);
    let mut out = String::new();
    for d in source.diagnostics {
        let report = Report {
            diagnostic: d,
            source: Named {
                name: source.name,
                text: source.text,
                index: &source.index,
            },
        };
        // Writing to a String cannot fail.
        let _ = handler.render_report(&mut out, &report);
        out.push('\n');
    }
    out
}

/// The closing line: `2 errors, 1 warning in acme.plan`.
pub fn summary(errors: usize, warnings: usize, files: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let what = match (errors, warnings) {
        (0, 0) => return String::new(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    };
    format!("planc: {what} in {}\n", plural(files, "file"))
}
