//! The syntax tree as the words of each output line.
//!
//! A word is a byte range of the source: strings, quantities, dates and names
//! are always written back exactly as they were written (`¥2000万` stays
//! `¥2000万`). What goes between words (`" "`, `", "`, `" .. "`) is the
//! canonical spacing, fixed here.

use super::comments::Comment;
use crate::span::Span;
use crate::syntax::ast::{Attr, AttrKey, File, Item, ItemKind, Value};
use std::ops::Range;

/// One word and what is written before it (nothing for a line's first word).
#[derive(Clone, Copy, Debug)]
pub(super) struct Word {
    pub sep: &'static str,
    pub span: Span,
}

/// What becomes one line: an item's head up to `{`, an attribute, a closing
/// `}`, or a whole one-line item.
#[derive(Clone, Debug)]
pub(super) struct Unit {
    pub words: Vec<Word>,
    /// The words of each column, for alignment: `[keyword, name, label,
    /// rest]` for a one-line item, `[key, value]` for an attribute. A column
    /// may be empty (a metric without a label).
    pub cells: Vec<Range<usize>>,
    /// A closing `}`.
    pub is_close: bool,
}

impl Unit {
    pub(super) fn span(&self) -> Span {
        let first = self.words.first().map_or(Span::default(), |w| w.span);
        let last = self.words.last().map_or(first, |w| w.span);
        first.to(last)
    }

    fn whole(words: Vec<Word>) -> Unit {
        let cells = std::iter::once(0..words.len()).collect();
        Unit {
            words,
            cells,
            is_close: false,
        }
    }
}

#[derive(Clone, Debug)]
pub(super) enum Shape {
    /// `metric revenue "营收" money`, `resource people "人员" { capacity 12 }`,
    /// `goal later "以后再说" {}`.
    OneLine(Unit),
    Block {
        head: Unit,
        attrs: Vec<Unit>,
        close: Unit,
    },
}

#[derive(Clone, Debug)]
pub(super) struct ItemWords {
    pub kind: ItemKind,
    pub shape: Shape,
}

impl ItemWords {
    /// Every unit, in source order.
    pub(super) fn units(&self) -> Vec<&Unit> {
        match &self.shape {
            Shape::OneLine(unit) => vec![unit],
            Shape::Block { head, attrs, close } => std::iter::once(head)
                .chain(attrs)
                .chain(std::iter::once(close))
                .collect(),
        }
    }
}

/// Every item of a file that parsed cleanly, as words. `comments` (in order)
/// decide where the braces are and whether an item fits on one line.
pub(super) fn items(text: &str, file: &File, comments: &[Comment]) -> Vec<ItemWords> {
    file.items
        .iter()
        .map(|item| item_words(text, item, comments))
        .collect()
}

pub(super) fn item_words(text: &str, item: &Item, comments: &[Comment]) -> ItemWords {
    let mut head = Vec::with_capacity(8);
    head.push(word("", item.keyword));
    let name_at = head.len();
    if let Some(name) = &item.name {
        head.push(word(" ", name.span));
    }
    if let Some(date) = &item.date {
        head.push(word(" ", date.span));
    }
    let label_at = head.len();
    if let Some(label) = &item.label {
        head.push(word(" ", label.span));
    }
    let rest_at = head.len();
    let label_cells = |words: &[Word]| {
        vec![
            0..1,
            name_at..label_at,
            label_at..rest_at,
            rest_at..words.len(),
        ]
    };
    if let Some(unit) = &item.unit {
        // A metric: no braces.
        head.push(word(" ", unit.span));
        let cells = label_cells(&head);
        return one_line(item.kind, head, cells);
    }
    let head_end = head.last().map_or(item.keyword.end(), |w| w.span.end());
    let open_at = next_token(text, head_end, comments);
    let open = Span::new(open_at, open_at + 1);
    let close = Span::new(item.span.end() - 1, item.span.end());
    let first_after_open = comments.partition_point(|c| c.span.start() <= open.start());
    let commented_inside = comments
        .get(first_after_open)
        .is_some_and(|c| c.span.start() < close.start());
    let fits_one_line =
        item.attrs.is_empty() || (item.kind == ItemKind::Resource && item.attrs.len() == 1);
    if fits_one_line && !commented_inside {
        let mut words = head;
        words.push(word(" ", open));
        for attr in &item.attrs {
            let mut attr_words = attr_words(attr);
            attr_words[0].sep = " ";
            words.extend(attr_words);
        }
        words.push(word(if item.attrs.is_empty() { "" } else { " " }, close));
        let cells = label_cells(&words);
        return one_line(item.kind, words, cells);
    }
    head.push(word(" ", open));
    let attrs = item
        .attrs
        .iter()
        .map(|attr| {
            let words = attr_words(attr);
            let cells = vec![0..1, 1..words.len()];
            Unit {
                words,
                cells,
                is_close: false,
            }
        })
        .collect();
    let close = Unit {
        is_close: true,
        ..Unit::whole(vec![word("", close)])
    };
    ItemWords {
        kind: item.kind,
        shape: Shape::Block {
            head: Unit::whole(head),
            attrs,
            close,
        },
    }
}

fn one_line(kind: ItemKind, words: Vec<Word>, cells: Vec<Range<usize>>) -> ItemWords {
    ItemWords {
        kind,
        shape: Shape::OneLine(Unit {
            words,
            cells,
            is_close: false,
        }),
    }
}

fn word(sep: &'static str, span: Span) -> Word {
    Word { sep, span }
}

/// The first offset at or after `from` that is neither whitespace nor inside
/// a comment.
fn next_token(text: &str, from: usize, comments: &[Comment]) -> usize {
    let mut at = from;
    loop {
        let rest = &text[at..];
        let skipped = rest.len()
            - rest
                .trim_start_matches([' ', '\t', '\r', '\n', '\u{feff}'])
                .len();
        at += skipped;
        match comments.binary_search_by_key(&at, |c| c.span.start()) {
            Ok(i) => at = comments[i].span.end(),
            Err(_) => return at,
        }
    }
}

/// An attribute's words: its key, then its value in canonical spacing.
fn attr_words(attr: &Attr) -> Vec<Word> {
    let mut words = Vec::with_capacity(8);
    words.push(word("", attr.key_span));
    let mut push = |sep: &'static str, span: Span| words.push(word(sep, span));
    match &attr.value {
        Value::Flag => {}
        Value::Window(window) => {
            push(" ", window.start.span);
            push(" .. ", window.end.span);
        }
        Value::Limits(limits) => {
            for (i, (key, number)) in limits.iter().enumerate() {
                push(list_sep(i), key.span);
                push(" ", number.span);
            }
        }
        Value::DiagNames(names) => {
            for (i, name) in names.iter().enumerate() {
                push(list_sep(i), name.span);
            }
        }
        Value::Str(s) => push(" ", s.span),
        Value::Strs(strings) => {
            for (i, s) in strings.iter().enumerate() {
                push(list_sep(i), s.span);
            }
        }
        Value::States(states) => {
            for (i, (name, state)) in states.iter().enumerate() {
                push(list_sep(i), name.span);
                push(" ", state.span);
            }
        }
        Value::Scores(scores) => {
            for (i, (name, number)) in scores.iter().enumerate() {
                push(list_sep(i), name.span);
                push(" ", number.span);
            }
        }
        Value::Word(w) => push(" ", w.span),
        Value::Target { metric, qty, by } => {
            push(" ", metric.span);
            push(" ", qty.span);
            push(" by ", by.span);
        }
        Value::Qty(qty) => push(" ", qty.span),
        Value::Split { mode, values } => {
            push(" ", mode.span);
            for (i, qty) in values.iter().enumerate() {
                push(list_sep(i), qty.span);
            }
        }
        Value::Names(names) => {
            for (i, name) in names.iter().enumerate() {
                push(list_sep(i), name.span);
            }
        }
        Value::Name(name) => push(" ", name.span),
        Value::Amounts(amounts) => {
            for (i, (name, qty)) in amounts.iter().enumerate() {
                push(list_sep(i), name.span);
                push(" ", qty.span);
            }
        }
        Value::Duration(d) if attr.key == AttrKey::Review => push(" every ", d.span),
        Value::Duration(d) => push(" ", d.span),
        Value::Win { metric, op, qty } => {
            push(" ", metric.span);
            push(" ", op.span);
            push(" ", qty.span);
        }
    }
    words
}

/// Lists are `a, b`.
fn list_sep(i: usize) -> &'static str {
    if i == 0 {
        " "
    } else {
        ", "
    }
}
