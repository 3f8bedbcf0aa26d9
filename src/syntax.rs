//! Text to syntax tree, with recovery at item boundaries.

pub mod ast;
mod build;
mod error;
mod expected;
mod parser;
pub mod shift;

pub use error::SyntaxError;
pub use parser::Rule;

use crate::span::Span;
use ast::{Broken, File, Ident, ItemKind};
use parser::PlanParser;
use pest::Parser;

/// Parse a whole file. Never fails: every region that is not a well-formed
/// item becomes a [`Broken`] entry and a [`SyntaxError`] that says, in words,
/// what was expected at the offending token.
pub fn parse(text: &str) -> (File, Vec<SyntaxError>) {
    let mut file = File::default();
    let mut errors = Vec::new();
    let pairs = match PlanParser::parse(Rule::file, text) {
        Ok(pairs) => pairs,
        // `file` accepts any text (see `broken` in the grammar); this is a
        // safety net, not a path users should ever see.
        Err(e) => {
            let at = error::pest_position(&e);
            errors.push(SyntaxError::unreadable(text, Span::new(at, text.len())));
            file.broken.push(Broken {
                span: Span::new(0, text.len()),
                kind: None,
                name: None,
            });
            return (file, errors);
        }
    };
    for pair in pairs.flatten() {
        match pair.as_rule() {
            Rule::broken => {
                let span = Span::from(pair.as_span());
                errors.push(reparse_broken(text, span));
                file.broken.push(broken_head(text, span));
            }
            rule if build::is_item(rule) => file.items.push(build::item(pair)),
            _ => {}
        }
    }
    (file, errors)
}

/// The items of `text[range]` with their spans in the whole `text`, and the
/// syntax errors there: what [`parse`] finds in that range when it starts and
/// ends at item boundaries. The language server re-parses only the items
/// that changed (src/lsp/incremental.rs).
pub fn parse_region(text: &str, range: std::ops::Range<usize>) -> (File, Vec<SyntaxError>) {
    let mut file = File::default();
    let mut errors = Vec::new();
    let by = range.start;
    let slice = &text[range.clone()];
    let pairs = match PlanParser::parse(Rule::file, slice) {
        Ok(pairs) => pairs,
        Err(e) => {
            let at = by + error::pest_position(&e);
            errors.push(SyntaxError::unreadable(text, Span::new(at, range.end)));
            file.broken.push(Broken {
                span: Span::new(by, range.end),
                kind: None,
                name: None,
            });
            return (file, errors);
        }
    };
    for pair in pairs.flatten() {
        match pair.as_rule() {
            Rule::broken => {
                let local = Span::from(pair.as_span());
                let span = Span::new(local.start + by, local.end + by);
                errors.push(reparse_broken(text, span));
                file.broken.push(broken_head(text, span));
            }
            rule if build::is_item(rule) => {
                let mut item = build::item(pair);
                shift::item(&mut item, by);
                file.items.push(item);
            }
            _ => {}
        }
    }
    (file, errors)
}

/// Re-parse a broken region alone, to find the precise error inside it.
fn reparse_broken(text: &str, span: Span) -> SyntaxError {
    let slice = &text[span.start..span.end];
    match PlanParser::parse(Rule::item_alone, slice) {
        Err(e) => error::from_pest(text, span.start, &e),
        // The region parses alone but not in place: something around it is off.
        Ok(_) => SyntaxError::unreadable(text, span),
    }
}

/// What can still be read of a broken item's head: `battle fission …`.
fn broken_head(text: &str, span: Span) -> Broken {
    let slice = &text[span.start..span.end];
    let keyword = slice.trim_start();
    let lead = slice.len() - keyword.len();
    let first_word = keyword
        .split(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    let kind = ItemKind::from_keyword(first_word);
    let mut name = None;
    if let Some(kind) = kind {
        let rest = &keyword[kind.keyword().len()..];
        let trimmed = rest.trim_start();
        let id: String = trimmed.chars().take_while(|&c| is_word_char(c)).collect();
        let starts_ok = id
            .chars()
            .next()
            .is_some_and(|c| c == '_' || unicode_xid::UnicodeXID::is_xid_start(c));
        if starts_ok && ItemKind::from_keyword(&id).is_none() {
            let start = span.start + lead + kind.keyword().len() + (rest.len() - trimmed.len());
            name = Some(Ident {
                span: Span::new(start, start + id.len()),
                name: id,
            });
        }
    }
    Broken { span, kind, name }
}

fn is_word_char(c: char) -> bool {
    c == '_' || unicode_xid::UnicodeXID::is_xid_continue(c)
}
