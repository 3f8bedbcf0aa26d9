//! `planc fmt`: one canonical layout for a plan, every comment kept.
//!
//! The text is parsed; a file with a syntax error is refused with its
//! diagnostics, never half-formatted. The syntax tree gives the words
//! ([`words`]), a scanner finds the comments the grammar skips
//! ([`comments`]), each comment is attached to a line ([`attach`]) and the
//! lines are laid out ([`layout`]), a few hundred items at a time as the
//! parser hands them on (`format_in`). Before the result is handed back its
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
///
/// Items are laid out a few hundred at a time as they are read, so a large
/// plan's syntax tree and lines are never all held (a plan of 100 000
/// battles took 2.6 GB laid out whole). A plan with a full-width form to
/// rewrite, or a lone `\r`, is laid out whole ([`format_whole`]); so is
/// every plan in debug builds too, and the two must agree.
pub fn format_in(text: &str, lang: crate::lang::Lang) -> Result<String, Vec<Diagnostic>> {
    if canonical::has_lone_cr(text) {
        return format_whole(text, lang);
    }
    let comments = comments::scan(text);
    let mut stream = Stream {
        text,
        comments: &comments,
        writer: layout::Writer::new(text, ending(text, &comments)),
        cursor: attach::Cursor::default(),
        held: Vec::new(),
        rewrite: false,
        read_to: 0,
        broken: false,
    };
    let (_, errors) = crate::syntax::parse_each(text, |item| stream.push(&item));
    if !errors.is_empty() {
        return Err(errors.iter().map(|e| e.to_diagnostic_in(lang)).collect());
    }
    // Text that no item holds (a region that did not parse) is a syntax
    // error, reported above; this is a safety net.
    if stream.rewrite || stream.broken || !stream.only_gap(text.len()) {
        return format_whole(text, lang);
    }
    let formatted = stream.finish();
    verify::same_comments(text, &comments, &formatted).map_err(bug)?;
    if cfg!(debug_assertions) && format_whole(text, lang).as_ref() != Ok(&formatted) {
        return Err(bug("laid out a few items at a time, it differs".into()));
    }
    Ok(formatted)
}

/// How many items are laid out at a time, at least; two in debug builds,
/// so that every test of a few items lays them out in several steps (and
/// compares that with the layout of the whole).
const STREAM_ITEMS: usize = if cfg!(debug_assertions) { 2 } else { 512 };

/// The items read so far and not laid out yet, and the layout so far.
struct Stream<'t> {
    text: &'t str,
    comments: &'t [comments::Comment],
    writer: layout::Writer<'t>,
    cursor: attach::Cursor,
    held: Vec<words::ItemWords>,
    /// An item holds a full-width form: the plan is laid out whole instead.
    rewrite: bool,
    /// Where the last item read ends.
    read_to: usize,
    /// Something other than spaces and comments lies between two items:
    /// a region that did not parse, so the plan is refused and its comments
    /// need not (and cannot) all be placed; nothing more is laid out.
    broken: bool,
}

impl Stream<'_> {
    fn push(&mut self, item: &crate::syntax::ast::Item) {
        if !self.only_gap(item.span.start()) {
            self.broken = true;
        }
        self.read_to = item.span.end();
        if self.broken {
            return;
        }
        if self.rewrite || canonical::needs_rewrite(self.text, item) {
            self.rewrite = true;
            return;
        }
        let words = words::item_words(self.text, item, self.comments);
        // The items held are laid out before a block item with no comment
        // between it and the one before: nothing they hold (a table, a
        // comment's place) goes on past it.
        if self.held.len() >= STREAM_ITEMS && self.apart(&words) {
            self.lay_out(false);
        }
        self.held.push(words);
    }

    /// Whether only spaces, line ends, a byte-order mark and comments lie
    /// between the last item read and `to`.
    fn only_gap(&self, to: usize) -> bool {
        let bytes = self.text.as_bytes();
        let mut at = self.read_to;
        while at < to {
            match bytes[at] {
                b' ' | b'\t' | b'\n' | b'\r' => at += 1,
                _ if self.text[at..].starts_with('\u{feff}') => at += '\u{feff}'.len_utf8(),
                _ => {
                    let i = self.comments.partition_point(|c| c.span.start() < at);
                    match self.comments.get(i) {
                        Some(c) if c.span.start() == at && c.span.end() > at => at = c.span.end(),
                        _ => return false,
                    }
                }
            }
        }
        true
    }

    fn apart(&self, next: &words::ItemWords) -> bool {
        let (Some(before), words::Shape::Block { head, .. }) = (self.held.last(), &next.shape)
        else {
            return false;
        };
        let end = before.units().last().map_or(0, |u| u.span().end());
        let start = head.span().start();
        let first_after = self.comments.partition_point(|c| c.span.start() < end);
        self.comments
            .get(first_after)
            .is_none_or(|c| c.span.start() >= start)
    }

    fn lay_out(&mut self, last: bool) {
        let placement =
            attach::place_from(self.text, &self.held, self.comments, &mut self.cursor, last);
        self.writer.items(&placement.items);
        self.writer.tail(&placement.tail);
        self.writer.flush();
        drop(placement);
        self.held.clear();
    }

    fn finish(mut self) -> String {
        self.lay_out(true);
        self.writer.finish()
    }
}

/// [`format_in`] with the whole syntax tree at once.
fn format_whole(text: &str, lang: crate::lang::Lang) -> Result<String, Vec<Diagnostic>> {
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
