//! Placed lines to text: indentation, blank lines and aligned columns.
//!
//! The rules (docs/fmt.md says them for users):
//!
//! - items are separated by one blank line, except one-line items of the same
//!   kind written without a blank line between them: they form a table;
//! - inside a block, attributes are indented by two spaces, one per line, and
//!   a blank line between groups of attributes is kept (at most one);
//! - a table aligns its columns (name, label, the rest), and a `positioning`
//!   block aligns its values after the longest key of each group;
//! - trailing comments of a group of lines (a table, or attributes between
//!   blank lines) start in one column, one space after the longest line.

use super::attach::{Own, Placed, PlacedItem, PlacedShape, Placement};
use super::comments::Comment;
use crate::syntax::ast::ItemKind;
use unicode_width::UnicodeWidthStr;

const INDENT: &str = "  ";

/// How the file's lines end and whether it starts with a byte-order mark;
/// both are kept as they were.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ending {
    pub newline: &'static str,
    pub bom: bool,
}

enum Line<'t> {
    Blank,
    Comment {
        indent: bool,
        text: &'t str,
    },
    Row {
        indent: bool,
        /// The cells of a row that aligns its columns with others (until
        /// they are joined), else the row's text.
        cells: Vec<String>,
        trailing: String,
        /// Rows of one group align their columns.
        align: Option<usize>,
        /// Rows of one group align their trailing comments.
        trail: usize,
    },
}

/// A row's contents: its cells if it aligns, else its text as one cell.
fn contents(text: &str, line: &Placed, align: Option<usize>) -> Vec<String> {
    if align.is_some() {
        cells(text, line)
    } else {
        vec![row_text(text, line)]
    }
}

/// The formatted text.
pub(super) fn write(text: &str, placement: &Placement, ending: Ending) -> String {
    let mut writer = Writer::new(text, ending);
    writer.items(&placement.items);
    writer.tail(&placement.tail);
    writer.finish()
}

/// The formatted text, written a few items at a time: the lines so far
/// become text at each [`Writer::flush`], so a large plan's lines are never
/// all held at once. Flush only before a block item: no alignment group (a
/// table of one-line items) goes on past a flush.
pub(super) struct Writer<'t> {
    lines: Lines<'t>,
    previous: Option<(ItemKind, bool)>,
    table: usize,
    ending: Ending,
    out: String,
}

impl<'t> Writer<'t> {
    pub(super) fn new(text: &'t str, ending: Ending) -> Writer<'t> {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        if ending.bom {
            out.push('\u{feff}');
        }
        Writer {
            lines: Lines {
                text,
                lines: Vec::new(),
                groups: 0,
                first_group: 0,
                after_blank: true,
            },
            previous: None,
            table: 0,
            ending,
            out,
        }
    }

    pub(super) fn items(&mut self, items: &[PlacedItem]) {
        let out = &mut self.lines;
        for item in items {
            let one_line = matches!(item.shape, PlacedShape::OneLine(_));
            let first = item.first();
            let blank_in_source =
                first.blank_before || first.before.iter().any(|own| own.blank_before);
            let same_table =
                one_line && self.previous == Some((item.kind, true)) && !blank_in_source;
            // Items are apart, unless they make a table.
            let apart = self.previous.is_some() && !blank_in_source && !same_table;
            if !same_table {
                self.table = out.group();
            }
            match &item.shape {
                PlacedShape::OneLine(line) => {
                    out.placed(line, false, apart, Some(self.table), self.table);
                }
                PlacedShape::Block { head, attrs, close } => {
                    let trail = out.group();
                    out.placed(head, false, apart, None, trail);
                    out.body(item, attrs, close);
                }
            }
            self.previous = Some((item.kind, one_line));
        }
    }

    /// The comments after the last item.
    pub(super) fn tail(&mut self, tail: &[Own]) {
        for own in tail {
            self.lines.own(own, false, false);
        }
    }

    /// The lines so far, as text.
    pub(super) fn flush(&mut self) {
        self.lines.write_to(&mut self.out, self.ending);
    }

    pub(super) fn finish(mut self) -> String {
        self.flush();
        self.out
    }
}

struct Lines<'t> {
    text: &'t str,
    lines: Vec<Line<'t>>,
    groups: usize,
    /// The first group of the lines held (those before are written).
    first_group: usize,
    /// Whether the last line written is blank, or none is.
    after_blank: bool,
}

impl<'t> Lines<'t> {
    fn group(&mut self) -> usize {
        self.groups += 1;
        self.groups
    }

    /// A blank line, unless at the start or after another.
    fn blank(&mut self) {
        let after_blank = match self.lines.last() {
            None => self.after_blank,
            Some(line) => matches!(line, Line::Blank),
        };
        if !after_blank {
            self.lines.push(Line::Blank);
        }
    }

    fn own(&mut self, own: &Own, indent: bool, force_blank: bool) {
        if own.blank_before || force_blank {
            self.blank();
        }
        self.lines.push(Line::Comment {
            indent,
            text: own.comment.text(self.text),
        });
    }

    /// A line with the comments before it. `apart` asks for a blank line
    /// before it all.
    fn placed(
        &mut self,
        line: &Placed,
        indent: bool,
        apart: bool,
        align: Option<usize>,
        trail: usize,
    ) {
        for (i, own) in line.before.iter().enumerate() {
            self.own(own, indent, apart && i == 0);
        }
        if line.blank_before || (apart && line.before.is_empty()) {
            self.blank();
        }
        self.lines.push(Line::Row {
            indent,
            cells: contents(self.text, line, align),
            trailing: trailing(self.text, &line.trailing),
            align,
            trail,
        });
    }

    /// The attributes of a block, then its closing brace.
    fn body(&mut self, item: &PlacedItem, attrs: &[Placed], close: &Placed) {
        let body_start = self.lines.len();
        let mut run = self.group();
        let align = item.kind == ItemKind::Positioning;
        for line in attrs.iter().chain(std::iter::once(close)) {
            let is_close = std::ptr::eq(line, close);
            for own in &line.before {
                let blank = own.blank_before && self.lines.len() > body_start;
                self.own(
                    &Own {
                        blank_before: blank,
                        ..*own
                    },
                    true,
                    false,
                );
                if blank {
                    run = self.group();
                }
            }
            if is_close {
                let trail = self.group();
                self.lines.push(Line::Row {
                    indent: false,
                    cells: contents(self.text, line, None),
                    trailing: trailing(self.text, &line.trailing),
                    align: None,
                    trail,
                });
            } else {
                if line.blank_before && self.lines.len() > body_start {
                    self.blank();
                    run = self.group();
                }
                let align = align.then_some(run);
                self.lines.push(Line::Row {
                    indent: true,
                    cells: contents(self.text, line, align),
                    trailing: trailing(self.text, &line.trailing),
                    align,
                    trail: run,
                });
            }
        }
    }

    /// The lines held, as text after `out`; then none are held.
    fn write_to(&mut self, out: &mut String, ending: Ending) {
        let Some(last) = self.lines.last() else {
            return;
        };
        self.after_blank = matches!(last, Line::Blank);
        let mut lines = std::mem::take(&mut self.lines);
        // Group ids of these lines, from 0.
        let first = self.first_group;
        self.first_group = self.groups;
        let groups = self.groups - first;
        let id = |group: usize| group.saturating_sub(first);
        // Column widths of each alignment group.
        let mut widths: Vec<Vec<usize>> = vec![Vec::new(); groups + 1];
        for line in &lines {
            if let Line::Row {
                cells,
                align: Some(group),
                ..
            } = line
            {
                let w = &mut widths[id(*group)];
                w.resize(w.len().max(cells.len()), 0);
                for (i, cell) in cells.iter().enumerate() {
                    w[i] = w[i].max(cell.width());
                }
            }
        }
        // Aligned rows become text too; then the column of each group's
        // trailing comments.
        let mut columns = vec![0; groups + 1];
        for line in &mut lines {
            if let Line::Row {
                cells,
                align,
                trailing,
                trail,
                ..
            } = line
            {
                if let Some(group) = align {
                    *cells = vec![join(cells, &widths[id(*group)])];
                }
                if !trailing.is_empty() {
                    columns[id(*trail)] = columns[id(*trail)].max(cells[0].width() + 1);
                }
            }
        }
        for line in &lines {
            match line {
                Line::Blank => {}
                Line::Comment { indent, text } => {
                    if *indent {
                        out.push_str(INDENT);
                    }
                    out.push_str(text);
                }
                Line::Row {
                    indent,
                    cells,
                    trailing,
                    trail,
                    ..
                } => {
                    if *indent {
                        out.push_str(INDENT);
                    }
                    let row = &cells[0];
                    out.push_str(row);
                    if !trailing.is_empty() {
                        let pad = columns[id(*trail)].saturating_sub(row.width()).max(1);
                        out.extend(std::iter::repeat_n(' ', pad));
                        out.push_str(trailing);
                    }
                }
            }
            out.push_str(ending.newline);
        }
    }
}

/// A row's words as one text, in canonical spacing.
fn row_text(text: &str, line: &Placed) -> String {
    let mut row = String::new();
    let mut inline = line.inline.iter().peekable();
    for (i, word) in line.unit.words.iter().enumerate() {
        if i > 0 {
            row.push_str(word.sep);
        }
        while let Some((_, comment)) = inline.next_if(|(at, _)| *at <= i) {
            row.push_str(comment.text(text));
            row.push(' ');
        }
        row.push_str(&text[word.span.start()..word.span.end()]);
    }
    row
}

/// A row's cells: the words of each column, with the comments kept inline.
fn cells(text: &str, line: &Placed) -> Vec<String> {
    let unit = line.unit;
    let mut inline = line.inline.iter().peekable();
    unit.cells
        .iter()
        .map(|range| {
            let mut cell = String::new();
            for i in range.clone() {
                let word = unit.words[i];
                // Cells are joined by a space, which stands for the one
                // in front of a cell's first word (`review` `every 2w`).
                if i == range.start {
                    cell.push_str(word.sep.trim_start());
                } else {
                    cell.push_str(word.sep);
                }
                while let Some((_, comment)) = inline.next_if(|(at, _)| *at <= i) {
                    cell.push_str(comment.text(text));
                    cell.push(' ');
                }
                cell.push_str(&text[word.span.start()..word.span.end()]);
            }
            cell
        })
        .collect()
}

fn trailing(text: &str, comments: &[Comment]) -> String {
    let texts: Vec<&str> = comments.iter().map(|c| c.text(text)).collect();
    texts.join(" ")
}

/// Cells joined by one space, each but the last padded to its column's
/// width; a column empty in every row takes no space.
fn join(cells: &[String], widths: &[usize]) -> String {
    let mut row = String::new();
    let last = cells.len().saturating_sub(1);
    for (i, cell) in cells.iter().enumerate() {
        if widths[i] == 0 {
            continue;
        }
        if !row.is_empty() {
            row.push(' ');
        }
        row.push_str(cell);
        if i < last {
            row.extend(std::iter::repeat_n(' ', widths[i] - cell.width()));
        }
    }
    row.truncate(row.trim_end().len());
    row
}
