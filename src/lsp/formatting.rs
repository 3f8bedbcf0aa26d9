//! Format the document with `planc fmt`'s own code. A document with a syntax
//! error is left alone (its diagnostics say why), as `planc fmt` does.

use super::position::{range, Encoding};
use super::Document;
use crate::span::Span;
use lsp_types::TextEdit;

pub fn formatting(doc: &Document, encoding: Encoding) -> Option<Vec<TextEdit>> {
    // This file alone, in a plan of several files too.
    let text = doc.own_text();
    let formatted = crate::format::format(text).ok()?;
    if formatted == text {
        return Some(Vec::new());
    }
    let index = doc.index();
    let whole = range(&index, Span::new(0, text.len()), encoding);
    Some(vec![TextEdit::new(whole, formatted)])
}
