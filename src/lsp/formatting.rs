//! Format the document with `planc fmt`'s own code. A document with a syntax
//! error is left alone (its diagnostics say why), as `planc fmt` does.

use super::position::{range, Encoding};
use super::Document;
use crate::span::Span;
use lsp_types::TextEdit;

pub fn formatting(doc: &Document, encoding: Encoding) -> Option<Vec<TextEdit>> {
    let formatted = crate::format::format(&doc.text).ok()?;
    if formatted == doc.text {
        return Some(Vec::new());
    }
    let index = doc.index();
    let whole = range(&index, Span::new(0, doc.text.len()), encoding);
    Some(vec![TextEdit::new(whole, formatted)])
}
