//! The ASCII forms of what Chinese keyboards type, and line breaks planc can
//! lay out.
//!
//! planc reads `，` `“…”` `％` `≥ ≤ ＞ ＜ ＝` `￥` and `元` after a yuan amount
//! (LANGUAGE.md, "Chinese keyboards"); `planc fmt` writes `,` `"…"` `%`
//! `>= <= > < =` `¥` and drops the `元`. Commas need nothing here (the layout
//! writes every list separator itself); quantities, comparisons and strings
//! are rewritten in place before the layout. A lone `\r` (an old Mac line
//! end) outside comments becomes `\n` for the layout, which then writes the
//! file's own line ending.

use super::comments::{Comment, CommentKind};
use crate::span::Span;
use crate::syntax::ast::{File, Item, QtyLit, StrLit, Value};
use crate::syntax::{ascii_string, is_curly};

/// `text` with its full-width forms in ASCII and its lone `\r`s as `\n`, or
/// `None` when there are none (the common case, and no copy is made).
pub(super) fn rewrite(text: &str, file: &File, comments: &[Comment]) -> Option<String> {
    let mut edits = Edits {
        text,
        list: Vec::new(),
    };
    for item in &file.items {
        edits.item(item);
    }
    let lone_cr = has_lone_cr(text);
    if edits.list.is_empty() && !lone_cr {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    if lone_cr {
        let mut comments = comments
            .iter()
            .filter(|c| c.kind == CommentKind::Block)
            .peekable();
        for at in 0..bytes.len() {
            while comments.peek().is_some_and(|c| c.span.end() <= at) {
                comments.next();
            }
            let in_comment = comments.peek().is_some_and(|c| c.span.start() <= at);
            if bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n') && !in_comment {
                bytes[at] = b'\n';
            }
        }
    }
    // `\r` → `\n` keeps every byte offset and every character boundary.
    let lines = String::from_utf8(bytes).unwrap_or_else(|_| text.to_string());
    let mut list = edits.list;
    list.sort_by_key(|(span, _)| span.start());
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, ascii) in list {
        out.push_str(&lines[at..span.start()]);
        out.push_str(&ascii);
        at = span.end();
    }
    out.push_str(&lines[at..]);
    Some(out)
}

/// Whether an item holds a full-width form to rewrite.
pub(super) fn needs_rewrite(text: &str, item: &Item) -> bool {
    let mut edits = Edits {
        text,
        list: Vec::new(),
    };
    edits.item(item);
    !edits.list.is_empty()
}

/// Whether a line ends in a lone `\r` (outside comments or not).
pub(super) fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.contains('\r')
        && bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

struct Edits<'t> {
    text: &'t str,
    list: Vec<(Span, String)>,
}

impl Edits<'_> {
    fn item(&mut self, item: &Item) {
        if let Some(label) = &item.label {
            self.string(label);
        }
        for attr in &item.attrs {
            match &attr.value {
                Value::Str(s) => self.string(s),
                Value::Strs(strings) => strings.iter().for_each(|s| self.string(s)),
                Value::Target { qty, .. } | Value::Qty(qty) => self.quantity(qty),
                Value::Split { values, .. } => values.iter().for_each(|q| self.quantity(q)),
                Value::Amounts(amounts) => amounts.iter().for_each(|(_, q)| self.quantity(q)),
                Value::Win { op, qty, .. } => {
                    if self.text[op.span.start()..op.span.end()] != op.value {
                        self.list.push((op.span, op.value.clone()));
                    }
                    self.quantity(qty);
                }
                _ => {}
            }
        }
    }

    fn quantity(&mut self, qty: &QtyLit) {
        // The syntax tree's `text` is already the ASCII form.
        if self.text[qty.span.start()..qty.span.end()] != qty.text {
            self.list.push((qty.span, qty.text.to_string()));
        }
    }

    fn string(&mut self, s: &StrLit) {
        let written = &self.text[s.span.start()..s.span.end()];
        if is_curly(written) {
            self.list.push((s.span, ascii_string(written)));
        }
    }
}
