//! `planc check --format github`: workflow commands that GitHub Actions shows
//! as annotations on the pull request.
//!
//! GitHub shows at most ten annotations of each level per step, so the output
//! ends with a plain summary line giving the totals.

use super::Source;
use crate::diagnostic::Severity;

/// Escape a command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: the message escapes, and `:` and `,` too.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(sources: &[Source]) -> String {
    let mut out = String::new();
    let (mut errors, mut warnings) = (0, 0);
    for source in sources {
        for d in source.diagnostics {
            let level = match d.severity {
                Severity::Error => {
                    errors += 1;
                    "error"
                }
                Severity::Warning => {
                    warnings += 1;
                    "warning"
                }
            };
            let start = source.index.line_col(d.span.start);
            let end = source.index.line_col(d.span.end);
            let mut message = d.message.clone();
            if !d.help.is_empty() {
                message.push_str("\nhelp: ");
                message.push_str(&d.help);
            }
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(source.name),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("planc {}", d.code.name())),
                escape_data(&message),
            ));
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "planc: {}, {} in {} (GitHub shows the first 10 annotations of each level)\n",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(sources.len(), "file")
    ));
    out
}
