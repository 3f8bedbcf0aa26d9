//! Diagnostics for people: miette's graphical report with the source
//! excerpts, every label and the help line.
//!
//! miette never sees the whole file. For each diagnostic, planc cuts the
//! excerpts it will show (a few lines around each place), makes them safe to
//! print, and hands miette only that text, with the spans moved into it
//! ([`Excerpts`]). So:
//!
//! - rendering costs the size of the excerpts, not of the file (miette's own
//!   `&str` source scans from the start of the text for every label);
//! - the primary place comes first, and its header `╭─[file:line:col]` is the
//!   place that JSON, SARIF and GitHub give;
//! - places far apart get excerpts of their own, never the lines between;
//! - no control character from the plan reaches the terminal, and no line
//!   longer than [`MAX_LINE_CHARS`] characters is echoed whole.
//!
//! Lines, columns and line ends are the [`LineIndex`]'s: miette's own count
//! is in bytes and takes a lone `\r` for a line end in one place and not in
//! another.

use super::{visible, Source};
use crate::lang::Lang;
use crate::line_index::LineIndex;
use crate::{Diagnostic, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::io;

/// How to draw: colours, and the width to wrap at.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Places of one diagnostic drawn: the primary one and the first labels.
/// The others are counted in a note (every one is in `--format json`).
pub const MAX_PLACES: usize = 8;
/// Lines shown above and below each place.
const CONTEXT: usize = 1;
/// A place joins its neighbour's excerpt only while the excerpt stays this short.
pub const MAX_EXCERPT_LINES: usize = 12;
/// A span over more lines than this is drawn by its first line.
const MAX_SPAN_LINES: usize = 4;
/// Characters of one source line shown; a longer line is cut around the
/// place, with `…` where it is cut.
pub const MAX_LINE_CHARS: usize = 240;
/// Characters shown before the place on a line that is cut.
const LEAD_CHARS: usize = 60;
/// Characters of a message, label or help kept; the rest becomes `…`.
const MAX_MESSAGE_CHARS: usize = 2_000;

/// One place of a diagnostic, in its own file's text.
struct Place {
    /// Which file of the plan ([`Source::lines`]).
    file: usize,
    start: usize,
    end: usize,
    /// 0-based lines of the span's first and last character.
    first_line: usize,
    last_line: usize,
    label: Option<String>,
    primary: bool,
}

/// A run of consecutive lines shown as one excerpt, and its places.
struct Group {
    file: usize,
    first: usize,
    last: usize,
    places: Vec<usize>,
}

/// One excerpt inside [`Excerpts::text`].
struct Chunk {
    /// The file it is cut from, made printable.
    name: String,
    /// Where it starts and ends in the excerpts' text.
    start: usize,
    end: usize,
    /// The 0-based line of the original text its first line is.
    first_line: usize,
    /// Where each of its lines starts in the excerpts' text.
    line_starts: Vec<usize>,
}

/// A place moved into the excerpts' text.
struct Drawn {
    span: SourceSpan,
    label: Option<String>,
    primary: bool,
    /// 0-based line and column in the original text, for the header.
    line: usize,
    column: usize,
}

/// What miette sees of one diagnostic: the excerpts, one after another
/// (the primary place's first), made printable, and the places moved into
/// them. miette's line numbers and header come from the original text.
struct Excerpts {
    text: String,
    chunks: Vec<Chunk>,
    places: Vec<Drawn>,
}

/// Snap an offset down to a character boundary of `text`.
fn floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// At most `n` characters forward from `from` (a boundary), stopping at `limit`.
fn forward(text: &str, from: usize, n: usize, limit: usize) -> usize {
    text[from..limit]
        .char_indices()
        .nth(n)
        .map_or(limit, |(i, _)| from + i)
}

/// At most `n` characters back from `from` (a boundary), stopping at `limit`.
fn backward(text: &str, from: usize, n: usize, limit: usize) -> usize {
    text[limit..from]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(from, |(i, _)| limit + i)
}

/// A message, label or help line made printable and of sane length.
fn message(text: &str) -> String {
    let text = visible(text, true);
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

/// The part of one line that is shown: `start..end` of the original text,
/// and whether it was cut on either side.
struct Window {
    start: usize,
    end: usize,
}

impl Window {
    /// The shown part of `line`: all of it when short, else the
    /// [`MAX_LINE_CHARS`] characters around `anchor`.
    fn of(index: &LineIndex, line: usize, anchor: Option<usize>) -> Window {
        let text = index.text();
        let (start, end) = (index.line_start(line), index.line_end(line));
        let whole = Window { start, end };
        if end - start <= MAX_LINE_CHARS || forward(text, start, MAX_LINE_CHARS, end) == end {
            return whole;
        }
        let anchor = anchor.map_or(start, |a| floor(text, a.clamp(start, end)));
        // Near the start: show the start.
        let lead_room = forward(text, start, MAX_LINE_CHARS - LEAD_CHARS, end);
        let from = if anchor < lead_room {
            start
        } else {
            backward(text, anchor, LEAD_CHARS, start)
        };
        Window {
            start: from,
            end: forward(text, from, MAX_LINE_CHARS, end),
        }
    }
}

impl Excerpts {
    fn new(source: &Source, d: &Diagnostic) -> (Excerpts, usize) {
        let parts = source.lines.parts();
        // The empty "line" after a final line end is shown only when a place is on it.
        let last_lines: Vec<usize> = parts
            .iter()
            .map(|part| {
                let index = &part.index;
                let lines = index.line_count();
                if lines > 1 && index.line_text(lines - 1).is_empty() {
                    lines - 2
                } else {
                    lines - 1
                }
            })
            .collect();
        let shown_labels = d.labels.len().min(MAX_PLACES - 1);
        let hidden = d.labels.len() - shown_labels;
        let place = |span: crate::Span, label: &str, primary: bool| {
            // Each place in its own file.
            let file = parts
                .partition_point(|p| p.base <= span.start())
                .saturating_sub(1);
            let part = &parts[file];
            let (index, text) = (&part.index, part.index.text());
            let span = part.local(span);
            let start = floor(text, span.start());
            let mut end = floor(text, span.end()).max(start);
            let first_line = index.line_of(start);
            let mut last_line = if end > start {
                index.line_of(end - 1)
            } else {
                first_line
            };
            if last_line - first_line >= MAX_SPAN_LINES {
                end = index.line_end(first_line).max(start);
                last_line = first_line;
            }
            Place {
                file,
                start,
                end,
                first_line,
                last_line,
                label: (!label.is_empty()).then(|| message(label)),
                primary,
            }
        };
        let places: Vec<Place> = std::iter::once(place(d.span, &d.span_label, true))
            .chain(
                d.labels[..shown_labels]
                    .iter()
                    .map(|l| place(l.span, &l.message, false)),
            )
            .collect();

        // Places in reading order, gathered into excerpts of nearby lines.
        // Files in the plan's order; excerpts never mix two files.
        let mut order: Vec<usize> = (0..places.len()).collect();
        order.sort_by_key(|&i| {
            let p = &places[i];
            (p.file, p.first_line, p.start, !p.primary)
        });
        let mut groups: Vec<Group> = Vec::new();
        for i in order {
            let p = &places[i];
            let from = p.first_line.saturating_sub(CONTEXT);
            let to = (p.last_line + CONTEXT)
                .min(last_lines[p.file])
                .max(p.last_line);
            match groups.last_mut() {
                Some(g)
                    if g.file == p.file
                        && (p.first_line <= g.last
                            || (from <= g.last + 1
                                && to.max(g.last) - g.first < MAX_EXCERPT_LINES)) =>
                {
                    g.last = g.last.max(to);
                    g.places.push(i);
                }
                previous => {
                    let first = previous
                        .filter(|g| g.file == p.file)
                        .map_or(from, |g| from.max(g.last + 1));
                    groups.push(Group {
                        file: p.file,
                        first,
                        last: to,
                        places: vec![i],
                    });
                }
            }
        }
        // The primary place's excerpt first: its header is the diagnostic's place.
        if let Some(at) = groups.iter().position(|g| g.places.contains(&0)) {
            let primary = groups.remove(at);
            groups.insert(0, primary);
        }

        let mut out = Excerpts {
            text: String::new(),
            chunks: Vec::with_capacity(groups.len()),
            places: Vec::with_capacity(places.len()),
        };
        let mut drawn: Vec<Option<Drawn>> = places.iter().map(|_| None).collect();
        for g in &groups {
            let part = &parts[g.file];
            let (index, text) = (&part.index, part.index.text());
            let mut chunk = Chunk {
                name: visible(part.name, false).into_owned(),
                start: out.text.len(),
                end: 0,
                first_line: g.first,
                line_starts: Vec::with_capacity(g.last - g.first + 1),
            };
            // Where each place's start and end land, once their lines are written.
            let mut starts = vec![None; places.len()];
            let mut ends = vec![None; places.len()];
            for line in g.first..=g.last {
                chunk.line_starts.push(out.text.len());
                let on_line = |i: &&usize| places[**i].first_line == line;
                let anchor = g
                    .places
                    .iter()
                    .filter(on_line)
                    .find(|&&i| places[i].primary)
                    .or_else(|| g.places.iter().find(on_line))
                    .map(|&i| places[i].start)
                    .or_else(|| {
                        g.places
                            .iter()
                            .find(|&&i| places[i].last_line == line)
                            .map(|&i| places[i].end)
                    });
                let window = Window::of(index, line, anchor);
                let (line_start, line_end) = (index.line_start(line), index.line_end(line));
                if window.start > line_start {
                    out.text.push('…');
                }
                // Offsets of the window's characters in the excerpts' text.
                let shown_at = out.text.len();
                let map = |offset: usize| -> usize {
                    let offset = offset.clamp(window.start, window.end);
                    shown_at
                        + text[window.start..offset]
                            .chars()
                            .map(|c| visible(c.encode_utf8(&mut [0; 4]), false).len())
                            .sum::<usize>()
                };
                for &i in &g.places {
                    let p = &places[i];
                    if p.first_line == line {
                        starts[i] = Some(map(p.start));
                    }
                    if p.last_line == line {
                        // A span that ends in or after the line end ends at the text's end.
                        ends[i] = Some(map(p.end.min(line_end)));
                    }
                }
                out.text
                    .push_str(&visible(&text[window.start..window.end], false));
                if window.end < line_end {
                    out.text.push('…');
                }
                out.text.push('\n');
            }
            chunk.end = out.text.len();
            for &i in &g.places {
                let p = &places[i];
                let (Some(start), Some(end)) = (starts[i], ends[i]) else {
                    continue;
                };
                let at = index.line_col(p.start);
                drawn[i] = Some(Drawn {
                    span: SourceSpan::new(start.into(), end.max(start) - start),
                    label: p.label.clone(),
                    primary: p.primary,
                    line: at.line - 1,
                    column: at.column - 1,
                });
            }
            out.chunks.push(chunk);
        }
        out.places = drawn.into_iter().flatten().collect();
        (out, hidden)
    }

    fn chunk(&self, offset: usize, end: usize) -> Option<&Chunk> {
        self.chunks
            .iter()
            .find(|c| c.start <= offset && offset < c.end && end <= c.end)
    }
}

impl SourceCode for Excerpts {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (offset, end) = (span.offset(), span.offset() + span.len());
        // A span across two excerpts does not exist: miette then keeps them apart.
        let chunk = self.chunk(offset, end).ok_or(MietteError::OutOfBounds)?;
        let starts = &chunk.line_starts;
        let line_at = |o: usize| starts.partition_point(|&s| s <= o) - 1;
        let first = line_at(offset);
        let last = line_at(end.saturating_sub(1).max(offset));
        let from = first.saturating_sub(before);
        let to = (last + after).min(starts.len() - 1);
        let data_end = starts.get(to + 1).copied().unwrap_or(chunk.end);
        if before == 0 {
            // What miette reads for the header: the place's own line and column.
            let place = self
                .places
                .iter()
                .filter(|p| p.span.offset() == offset)
                .max_by_key(|p| p.primary);
            let (line, column) =
                place.map_or((chunk.first_line + first, 0), |p| (p.line, p.column));
            return Ok(Box::new(MietteSpanContents::new_named(
                chunk.name.clone(),
                &self.text.as_bytes()[offset..data_end],
                SourceSpan::new(offset.into(), data_end - offset),
                line,
                column,
                to - first + 1,
            )));
        }
        let data_start = starts[from];
        Ok(Box::new(MietteSpanContents::new_named(
            chunk.name.clone(),
            &self.text.as_bytes()[data_start..data_end],
            SourceSpan::new(data_start.into(), data_end - data_start),
            chunk.first_line + from,
            0,
            to - from + 1,
        )))
    }
}

/// One diagnostic as miette wants it.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    message: String,
    help: String,
    excerpts: Excerpts,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

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
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.excerpts)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.excerpts.places.iter().map(|p| {
            if p.primary {
                LabeledSpan::new_primary_with_span(p.label.clone(), p.span)
            } else {
                LabeledSpan::new_with_span(p.label.clone(), p.span)
            }
        })))
    }
}

/// Chinese has no spaces between words: a line may break before or after
/// any Chinese character, except before closing punctuation (，。）”) or
/// after opening punctuation (“（), and never inside `code`.
fn chinese_words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    fn wide(c: char) -> bool {
        matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”' | '‘' | '’' | '…' | '—')
    }
    fn closing(c: char) -> bool {
        matches!(
            c,
            '，' | '。' | '、' | '：' | '；' | '！' | '？' | '）' | '”' | '’' | '》' | '…'
        )
    }
    fn opening(c: char) -> bool {
        matches!(c, '（' | '“' | '‘' | '《')
    }
    let mut cuts = Vec::new();
    let mut prev: Option<char> = None;
    let mut code = false;
    for (i, c) in line.char_indices() {
        if let Some(p) = prev {
            let cut = if p == ' ' {
                c != ' '
            } else {
                !code
                    && c != ' '
                    && c != '`'
                    && p != '`'
                    && !closing(c)
                    && !opening(p)
                    && (wide(c) || wide(p))
            };
            if cut {
                cuts.push(i);
            }
        }
        if c == '`' {
            code = !code;
        }
        prev = Some(c);
    }
    cuts.push(line.len());
    let mut start = 0;
    Box::new(cuts.into_iter().map(move |end| {
        let word = textwrap::core::Word::from(&line[start..end]);
        start = end;
        word
    }))
}

fn handler_in(style: Style, lang: Lang) -> GraphicalReportHandler {
    let handler = handler(style);
    match lang {
        Lang::En => handler,
        Lang::Zh => handler.with_word_separator(textwrap::WordSeparator::Custom(chinese_words)),
    }
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        // Never break `2026-06-30` or `cost-of-sales` at its hyphen.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_context_lines(CONTEXT)
}

/// Render one diagnostic into `out`.
fn render_one(handler: &GraphicalReportHandler, source: &Source, d: &Diagnostic, out: &mut String) {
    let (excerpts, hidden) = Excerpts::new(source, d);
    let report = Report {
        diagnostic: d,
        message: message(&d.message),
        help: message(&d.help),
        excerpts,
    };
    // Writing to a String cannot fail.
    match source.lang {
        Lang::En => {
            let _ = handler.render_report(out, &report);
        }
        Lang::Zh => {
            // miette's own word: `help:` becomes `建议：`, the same width.
            let mut one = String::new();
            let _ = handler.render_report(&mut one, &report);
            for line in one.split_inclusive('\n') {
                match line.strip_prefix("  help: ") {
                    Some(rest) => {
                        out.push_str("  建议：");
                        out.push_str(rest);
                    }
                    None => out.push_str(line),
                }
            }
        }
    }
    if hidden > 0 {
        out.push_str(&match source.lang {
            Lang::En => format!(
                "  note: {hidden} more place{} not shown; `planc check --format json` lists every one.\n",
                if hidden == 1 { " is" } else { "s are" }
            ),
            Lang::Zh => format!(
                "  注：还有 {hidden} 处没有显示；`planc check --format json` 会全部列出。\n"
            ),
        });
    }
    out.push('\n');
}

/// Render every diagnostic of one file, in order, into `out` as each is
/// ready: memory stays that of one diagnostic's rendering.
pub fn render_to(out: &mut impl io::Write, source: &Source, style: Style) -> io::Result<()> {
    let handler = handler_in(style, source.lang);
    let mut one = String::new();
    for d in source.diagnostics {
        one.clear();
        render_one(&handler, source, d, &mut one);
        out.write_all(one.as_bytes())?;
    }
    Ok(())
}

/// Render every diagnostic of one file, in order.
pub fn render(source: &Source, style: Style) -> String {
    let handler = handler_in(style, source.lang);
    let mut out = String::new();
    for d in source.diagnostics {
        render_one(&handler, source, d, &mut out);
    }
    out
}

/// The closing line in `lang`: `planc：2 个错误、1 个警告，共 1 个文件`.
pub fn summary_in(lang: Lang, errors: usize, warnings: usize, files: usize) -> String {
    if lang == Lang::En {
        return summary(errors, warnings, files);
    }
    let what = match (errors, warnings) {
        (0, 0) => return String::new(),
        (e, 0) => format!("{e} 个错误"),
        (0, w) => format!("{w} 个警告"),
        (e, w) => format!("{e} 个错误、{w} 个警告"),
    };
    format!("planc：{files} 个文件中有 {what}\n")
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
