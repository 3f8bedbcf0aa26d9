//! `planc fmt`: one canonical layout for a plan, every comment kept.
//!
//! The text is parsed; a file with a syntax error is refused with its
//! diagnostics, never half-formatted. The syntax tree gives the words
//! ([`words`]), a scanner finds the comments the grammar skips
//! ([`comments`]), each comment is attached to a line ([`attach`]) and the
//! lines are laid out ([`layout`]). Before the result is handed back its
//! comments are compared with the original's, and in debug builds it is
//! parsed again and compared word for word ([`verify`]): a formatter bug
//! yields an error, never a lost comment. The rules are in docs/fmt.md.

mod attach;
mod canonical;
pub mod comments;
mod layout;
mod verify;
mod words;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

/// `text` in canonical layout, or the syntax errors that prevent it.
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    format_in(text, crate::lang::Lang::En)
}

/// [`format`], its syntax errors worded in `lang`.
pub fn format_in(text: &str, lang: crate::lang::Lang) -> Result<String, Vec<Diagnostic>> {
    let (file, errors) = crate::syntax::parse(text);
    if !errors.is_empty() {
        return Err(errors.iter().map(|e| e.to_diagnostic_in(lang)).collect());
    }
    let comments = comments::scan(text);
    let ending = ending(text, &comments);
    // Full-width forms (`，`, `“…”`, `≥`, `％`, `元`) and lone `\r` line ends
    // are first rewritten in place; the rewritten text is laid out.
    let rewritten = canonical::rewrite(text, &file, &comments);
    let (text, file, comments) = match &rewritten {
        None => (text, file, comments),
        Some(canonical) => {
            let (file, errors) = crate::syntax::parse(canonical);
            if !errors.is_empty() {
                return Err(bug(
                    "the ASCII forms of its full-width marks do not parse".into()
                ));
            }
            (canonical.as_str(), file, comments::scan(canonical))
        }
    };
    let items = words::items(text, &file, &comments);
    let formatted = lay_out(text, &items, &comments, ending);
    verify::same_comments(text, &comments, &formatted).map_err(bug)?;
    // A second full parse doubles the time on very large plans; debug builds
    // (so every test) make it, release builds rely on what the tests proved.
    if cfg!(debug_assertions) {
        verify::same_plan(text, &items, &formatted).map_err(bug)?;
    }
    Ok(formatted)
}

fn lay_out(
    text: &str,
    items: &[words::ItemWords],
    comments: &[comments::Comment],
    ending: layout::Ending,
) -> String {
    let placement = attach::place(text, items, comments);
    layout::write(text, &placement, ending)
}

/// A formatter bug: the file is left as it is, and the user told so.
fn bug(why: String) -> Vec<Diagnostic> {
    vec![Diagnostic::new(
        Code::Syntax,
        Span::new(0, 0),
        format!("planc could not format this file without changing it: {why}"),
    )
    .with_help(
        "This is a bug in planc, not in your plan; the file was left as it was. \
         Please report it with the file attached.",
    )]
}

/// Line endings as the file's first line ends (`\r\n`, `\n`, or a lone
/// `\r` as old Mac files do), and a byte-order mark if it has one. Line
/// breaks inside block comments are kept as written and do not count.
fn ending(text: &str, comments: &[comments::Comment]) -> layout::Ending {
    let mut from = 0;
    let mut newline = "\n";
    while let Some(found) = text[from..].find(['\n', '\r']) {
        let at = from + found;
        let inside = comments.partition_point(|c| c.span.end() <= at);
        match comments.get(inside) {
            Some(c) if c.span.start() <= at => from = c.span.end(),
            _ => {
                newline = match &text.as_bytes()[at..] {
                    [b'\r', b'\n', ..] => "\r\n",
                    [b'\r', ..] => "\r",
                    _ => "\n",
                };
                break;
            }
        }
    }
    layout::Ending {
        newline,
        bom: text.starts_with('\u{feff}'),
    }
}

#[cfg(test)]
mod tests;
