//! Which line each comment belongs to.
//!
//! Every comment is attached to one output line (a unit of [`words`]):
//!
//! - **trailing**: it starts on the line where the previous line ends, and no
//!   code follows it on its line: it stays at the end of that line;
//! - **before**: on a line of its own before the next line. A comment in
//!   front of a line's first word (`/* c */ owner "x"`) goes there too, and so
//!   does a `//` comment or a block comment over several lines written in the
//!   middle of a line (`needs people 4, // sales`);
//! - **inline**: a one-line `/* … */` in the middle of a line stays where it
//!   is, in front of the next word.
//!
//! Blank lines are remembered as a flag on what follows them.
//!
//! [`words`]: super::words

use super::comments::Comment;
use super::words::{ItemWords, Shape, Unit};
use crate::syntax::ast::ItemKind;

/// A comment on a line of its own.
#[derive(Clone, Copy, Debug)]
pub(super) struct Own {
    pub comment: Comment,
    pub blank_before: bool,
}

/// One output line with its comments.
#[derive(Clone, Debug)]
pub(super) struct Placed<'a> {
    pub unit: &'a Unit,
    /// Comments on lines of their own before this line, in order.
    pub before: Vec<Own>,
    /// A blank line in the source just before this line (after `before`).
    pub blank_before: bool,
    /// One-line block comments kept in the line, in front of word `.0`
    /// (never the first).
    pub inline: Vec<(usize, Comment)>,
    /// Comments at the end of the line.
    pub trailing: Vec<Comment>,
}

#[derive(Clone, Debug)]
pub(super) enum PlacedShape<'a> {
    OneLine(Placed<'a>),
    Block {
        head: Placed<'a>,
        attrs: Vec<Placed<'a>>,
        close: Placed<'a>,
    },
}

#[derive(Clone, Debug)]
pub(super) struct PlacedItem<'a> {
    pub kind: ItemKind,
    pub shape: PlacedShape<'a>,
}

impl PlacedItem<'_> {
    /// The item's first line: where its leading comments are.
    pub(super) fn first(&self) -> &Placed<'_> {
        match &self.shape {
            PlacedShape::OneLine(line) => line,
            PlacedShape::Block { head, .. } => head,
        }
    }
}

/// The whole file: its items, and the comments after the last one.
#[derive(Clone, Debug)]
pub(super) struct Placement<'a> {
    pub items: Vec<PlacedItem<'a>>,
    pub tail: Vec<Own>,
}

/// Attach every comment (in source order) to a line.
pub(super) fn place<'a>(text: &str, items: &'a [ItemWords], comments: &[Comment]) -> Placement<'a> {
    place_from(text, items, comments, &mut Cursor::default(), true)
}

/// Where placing stopped: the first comment not placed yet, and the end of
/// the last thing placed (a line, or a comment).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Cursor {
    next: usize,
    at: usize,
}

/// [`place`] for some items of the file, from `from` on, which it moves on.
/// Unless `last`, the comments after these items are left for the next
/// call, which must begin at an item with no comment before it (so none
/// of these lines gains a trailing comment from the next).
pub(super) fn place_from<'a>(
    text: &str,
    items: &'a [ItemWords],
    comments: &[Comment],
    from: &mut Cursor,
    last: bool,
) -> Placement<'a> {
    let units: Vec<&Unit> = items.iter().flat_map(ItemWords::units).collect();
    let mut placed: Vec<Placed> = Vec::with_capacity(units.len());
    let mut next = from.next;
    // The end of the last thing placed: a line, or a comment.
    let mut cursor = from.at;
    for unit in units {
        let span = unit.span();
        let gap_end = next + comments[next..].partition_point(|c| c.span.start() < span.start());
        let mut gap = &comments[next..gap_end];
        if let Some(previous) = placed.last_mut() {
            let chain = same_line_chain(text, cursor, gap);
            if chain > 0 {
                let chain_end = gap[chain - 1].span.end();
                // Code right after the chain on its line takes it as its own,
                // except a closing brace, which never takes comments.
                if unit.is_close || text[chain_end..span.start()].contains('\n') {
                    previous.trailing.extend_from_slice(&gap[..chain]);
                    cursor = chain_end;
                    gap = &gap[chain..];
                }
            }
        }
        let mut line = Placed {
            unit,
            before: Vec::new(),
            blank_before: false,
            inline: Vec::new(),
            trailing: Vec::new(),
        };
        for comment in gap {
            line.before.push(Own {
                comment: *comment,
                blank_before: blank_between(text, cursor, comment.span.start()),
            });
            cursor = comment.span.end();
        }
        line.blank_before = blank_between(text, cursor, span.start());
        let inner_end =
            gap_end + comments[gap_end..].partition_point(|c| c.span.start() < span.end());
        let mut hoisted = false;
        for comment in &comments[gap_end..inner_end] {
            if comment.fits_inline(text) {
                let at = unit
                    .words
                    .partition_point(|w| w.span.start() < comment.span.end());
                line.inline.push((at, *comment));
            } else {
                // The blank line before the line now goes before its first
                // moved comment.
                line.before.push(Own {
                    comment: *comment,
                    blank_before: !hoisted && line.blank_before,
                });
                hoisted = true;
            }
        }
        if hoisted {
            line.blank_before = false;
        }
        cursor = span.end();
        next = inner_end;
        placed.push(line);
    }
    *from = Cursor { next, at: cursor };
    if !last {
        return Placement {
            items: regroup(items, placed),
            tail: Vec::new(),
        };
    }
    let mut rest = &comments[next..];
    if let Some(last) = placed.last_mut() {
        let chain = same_line_chain(text, cursor, rest);
        last.trailing.extend_from_slice(&rest[..chain]);
        if chain > 0 {
            cursor = rest[chain - 1].span.end();
        }
        rest = &rest[chain..];
    }
    let mut tail = Vec::with_capacity(rest.len());
    for comment in rest {
        tail.push(Own {
            comment: *comment,
            blank_before: blank_between(text, cursor, comment.span.start()),
        });
        cursor = comment.span.end();
    }
    Placement {
        items: regroup(items, placed),
        tail,
    }
}

/// The placed lines back into their items.
fn regroup<'a>(items: &'a [ItemWords], placed: Vec<Placed<'a>>) -> Vec<PlacedItem<'a>> {
    let mut lines = placed.into_iter();
    let mut take = || lines.next().expect("one placed line per unit");
    items
        .iter()
        .map(|item| PlacedItem {
            kind: item.kind,
            shape: match &item.shape {
                Shape::OneLine(_) => PlacedShape::OneLine(take()),
                Shape::Block { attrs, .. } => {
                    let head = take();
                    let attrs = attrs.iter().map(|_| take()).collect();
                    let close = take();
                    PlacedShape::Block { head, attrs, close }
                }
            },
        })
        .collect()
}

/// How many of `comments` follow `from` without a line break between each
/// and the one before.
fn same_line_chain(text: &str, from: usize, comments: &[Comment]) -> usize {
    let mut end = from;
    comments
        .iter()
        .take_while(|c| {
            let same = !text[end..c.span.start()].contains('\n');
            end = c.span.end();
            same
        })
        .count()
}

/// Whether the whitespace between two offsets holds an empty line.
fn blank_between(text: &str, from: usize, to: usize) -> bool {
    text[from..to].bytes().filter(|&b| b == b'\n').count() >= 2
}
