//! Move a syntax tree's spans: an item parsed from a slice of the text gets
//! the spans it would have had in the whole text. Every struct is taken
//! apart field by field, so a span added to the tree later cannot be missed
//! (it is a compile error here).

use super::ast::{Attr, Ident, Item, QtyLit, StrLit, Value, WindowLit};
use crate::span::{Span, Spanned};

/// Add `by` to every span of the item.
pub fn item(item: &mut Item, by: usize) {
    let Item {
        kind: _,
        span,
        keyword,
        name,
        date,
        label,
        unit,
        attrs,
    } = item;
    if let Some(d) = date {
        spanned(d, by);
    }
    s(span, by);
    s(keyword, by);
    if let Some(n) = name {
        ident(n, by);
    }
    if let Some(l) = label {
        string(l, by);
    }
    if let Some(u) = unit {
        spanned(u, by);
    }
    for a in attrs {
        attr(a, by);
    }
}

fn s(span: &mut Span, by: usize) {
    *span = span.shifted(by);
}

fn spanned<T>(x: &mut Spanned<T>, by: usize) {
    s(&mut x.span, by);
}

fn ident(x: &mut Ident, by: usize) {
    s(&mut x.span, by);
}

fn string(x: &mut StrLit, by: usize) {
    let StrLit {
        value: _,
        span,
        bad_escape,
    } = x;
    s(span, by);
    if let Some(b) = bad_escape {
        s(b, by);
    }
}

fn qty(x: &mut QtyLit, by: usize) {
    let QtyLit {
        text: _,
        span,
        sign: _,
        currency: _,
        number: _,
        percent: _,
    } = x;
    s(span, by);
}

fn window(x: &mut WindowLit, by: usize) {
    let WindowLit { start, end, span } = x;
    spanned(start, by);
    spanned(end, by);
    s(span, by);
}

fn attr(x: &mut Attr, by: usize) {
    let Attr {
        key: _,
        key_span,
        value,
        span,
    } = x;
    s(key_span, by);
    s(span, by);
    match value {
        Value::Flag => {}
        Value::Window(w) => window(w, by),
        Value::Limits(pairs) => {
            for (k, v) in pairs {
                spanned(k, by);
                spanned(v, by);
            }
        }
        Value::DiagNames(names) => names.iter_mut().for_each(|n| spanned(n, by)),
        Value::Str(x) => string(x, by),
        Value::Strs(xs) => xs.iter_mut().for_each(|x| string(x, by)),
        Value::States(states) => {
            for (n, state) in states {
                ident(n, by);
                spanned(state, by);
            }
        }
        Value::Scores(scores) => {
            for (id, n) in scores {
                ident(id, by);
                spanned(n, by);
            }
        }
        Value::Word(w) => spanned(w, by),
        Value::Target {
            metric,
            qty: q,
            by: date,
        } => {
            ident(metric, by);
            qty(q, by);
            spanned(date, by);
        }
        Value::Qty(q) => qty(q, by),
        Value::Split { mode, values } => {
            spanned(mode, by);
            values.iter_mut().for_each(|q| qty(q, by));
        }
        Value::Names(names) => names.iter_mut().for_each(|n| ident(n, by)),
        Value::Name(n) => ident(n, by),
        Value::Amounts(amounts) => {
            for (id, q) in amounts {
                ident(id, by);
                qty(q, by);
            }
        }
        Value::Duration(d) => spanned(d, by),
        Value::Win { metric, op, qty: q } => {
            ident(metric, by);
            spanned(op, by);
            qty(q, by);
        }
    }
}
