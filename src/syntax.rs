//! Text to syntax tree, with recovery at item boundaries.

pub mod ast;
mod build;
mod error;
mod expected;
mod hint;
mod parser;
pub mod shift;

pub(crate) use build::{ascii_string, is_curly};
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
    let mut items = Vec::new();
    let (broken, errors) = parse_each(text, |item| items.push(item));
    (File { items, broken }, errors)
}

/// Parse a whole file, handing each item to `on_item` as soon as it is read,
/// so a caller that lowers items one by one never holds the whole tree.
/// Returns the broken regions and the syntax errors.
pub fn parse_each(text: &str, on_item: impl FnMut(ast::Item)) -> (Vec<Broken>, Vec<SyntaxError>) {
    parse_range(text, 0..text.len(), on_item)
}

/// [`parse_each`] over `text[range]`, with spans in the whole text.
fn parse_range(
    text: &str,
    range: std::ops::Range<usize>,
    mut on_item: impl FnMut(ast::Item),
) -> (Vec<Broken>, Vec<SyntaxError>) {
    let mut file = File::default();
    let mut errors = Vec::new();
    let mut at = range.start;
    // One item at a time (`next_item` in the grammar): pest keeps one item's
    // tokens in memory, not the whole file's.
    while at < range.end {
        let rest = &text[at..range.end];
        let next = match PlanParser::parse(Rule::next_item, rest) {
            Ok(mut pairs) => pairs.next(),
            // `next_item` accepts any text (see `broken` in the grammar);
            // this is a safety net, not a path users should ever see.
            Err(e) => {
                let from = at + error::pest_position(&e);
                errors.push(SyntaxError::unreadable(text, Span::new(from, range.end)));
                file.broken.push(Broken {
                    span: Span::new(at, range.end),
                    kind: None,
                    name: None,
                });
                break;
            }
        };
        let Some(next) = next else { break };
        let end = at + next.as_span().end();
        let Some(pair) = next.into_inner().next() else {
            break;
        };
        match pair.as_rule() {
            Rule::broken => {
                let span = Span::from(pair.as_span()).shifted(at);
                errors.push(reparse_broken(text, span));
                file.broken.push(broken_head(text, span));
            }
            rule if build::is_item(rule) => {
                let mut item = build::item(pair);
                shift::item(&mut item, at);
                on_item(item);
            }
            _ => break, // the end of the file
        }
        if end <= at {
            break;
        }
        at = end;
    }
    (file.broken, errors)
}

/// The items of `text[range]` with their spans in the whole `text`, and the
/// syntax errors there: what [`parse`] finds in that range when it starts and
/// ends at item boundaries. The language server re-parses only the items
/// that changed (src/lsp/incremental.rs).
pub fn parse_region(text: &str, range: std::ops::Range<usize>) -> (File, Vec<SyntaxError>) {
    let mut items = Vec::new();
    let (broken, errors) = parse_range(text, range, |item| items.push(item));
    (File { items, broken }, errors)
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

/// A character that can continue a name (Unicode XID, or `_`).
pub(crate) fn is_word_char(c: char) -> bool {
    c == '_' || unicode_xid::UnicodeXID::is_xid_continue(c)
}

/// Where the word that ends `text` starts (`text.len()` when it ends in
/// no word character).
pub(crate) fn trailing_word_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(text.len(), |(i, _)| i)
}
