//! `planc check --format github`: workflow commands that GitHub Actions shows
//! as annotations on the pull request.
//!
//! GitHub shows at most ten annotations of each level per step, so the output
//! ends with a plain summary line giving the totals.

use super::{visible, Source};
use crate::diagnostic::Severity;
use std::io::{self, Write};

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

/// Write the annotations of all the files of one `planc check` run, one
/// line at a time, and the totals.
///
/// Nothing from the plan reaches the log raw: control characters (ESC, BEL,
/// a CR inside a line…) become visible escapes such as `\u{1b}` before
/// GitHub's own escaping, so the runner's log cannot be recoloured or
/// rewritten by a plan.
pub fn render_to(out: &mut impl Write, sources: &[Source]) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let (mut errors, mut warnings) = (0, 0);
    for source in sources {
        for d in source.diagnostics {
            // Each annotation names the file of its own place.
            let part = source.lines.part(d.span.start());
            let file = escape_property(&visible(part.name, false));
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
            let start = part.line_col(d.span.start());
            let end = part.line_col(d.span.end());
            let mut message = visible(&d.message, true).into_owned();
            if !d.help.is_empty() {
                message.push_str(source.lang.pick("\nhelp: ", "\n建议："));
                message.push_str(&visible(&d.help, true));
            }
            writeln!(
                out,
                "::{level} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("planc {}", d.code.name())),
                escape_data(&message),
            )?;
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let files: usize = sources.iter().map(Source::file_count).sum();
    let lang = sources.first().map_or(crate::lang::Lang::En, |s| s.lang);
    match lang {
        crate::lang::Lang::En => writeln!(
            out,
            "planc: {}, {} in {} (GitHub shows the first 10 annotations of each level)",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(files, "file")
        )?,
        crate::lang::Lang::Zh => writeln!(
            out,
            "planc：{} 个文件中有 {errors} 个错误、{warnings} 个警告（GitHub 每一级只显示前 10 条标注）",
            files
        )?,
    }
    out.flush()
}

/// The annotations as one string (`render_to` writes the same text as it goes).
pub fn render(sources: &[Source]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and every piece is UTF-8.
    let _ = render_to(&mut out, sources);
    String::from_utf8(out).unwrap_or_default()
}
