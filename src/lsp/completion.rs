//! Completion: the item words at the top level, the attribute names of the
//! block the cursor is in, and after an attribute the names of the right
//! kind (`on` → paths, `for` → battles, `serves`/`supports`/`part_of` →
//! goals, `after` → battles or tactics, `target`/`keep`/`objective`/`win`/
//! `expects` → metrics, `needs`/`cost` → resources; in a check-in, `actual` →
//! metrics, `status` → battles and tactics then the seven states, `spent` →
//! total pools) or the words it accepts.
//!
//! The context is read from the text before the cursor with a small
//! scanner, not from the syntax tree: half-typed text does not parse, and
//! completion is asked for exactly then. The names offered come from the
//! last analysis, which keeps every item that still parses.

use super::position::Encoding;
use super::Document;
use crate::lang::Lang;
use crate::model::Model;
use crate::syntax::ast::{AttrKey, ItemKind};
use crate::syntax::is_word_char;
use lsp_types::{CompletionItem, CompletionItemKind, Position};

pub fn completion(doc: &Document, encoding: Encoding, at: Position) -> Vec<CompletionItem> {
    let cursor = doc.offset(at, encoding);
    let before = &doc.text[..cursor];
    let model = &doc.analysis.model;
    let lang = doc.analysis.lang;
    match context(before) {
        Context::None => Vec::new(),
        Context::ItemStart => ItemKind::ALL
            .iter()
            .map(|&k| match lang {
                Lang::En => keyword(k.keyword(), "item"),
                Lang::Zh => keyword(k.keyword(), crate::lang::zh::kind(k)),
            })
            .collect(),
        Context::AttrStart(block, written) => AttrKey::of(block)
            .iter()
            .filter(|a| !written.contains(a))
            .map(|a| keyword(a.word(), lang.pick("attribute", "属性")))
            .collect(),
        Context::Names(kind) => names(model, kind, lang),
        Context::Words(words) => words
            .iter()
            .map(|w| keyword(w, lang.pick("value", "取值")))
            .collect(),
        Context::Reported => names(model, ItemKind::Battle, lang)
            .into_iter()
            .chain(names(model, ItemKind::Tactic, lang))
            .collect(),
        Context::TotalPools => {
            let total = |name: &str| {
                model.resources.iter().any(|r| {
                    r.common.name() == name && r.kind == Some(crate::model::PoolKind::Total)
                })
            };
            names(model, ItemKind::Resource, lang)
                .into_iter()
                .filter(|c| total(&c.label))
                .collect()
        }
    }
}

/// What may be typed at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    None,
    ItemStart,
    /// The block's attributes, less those already written in it.
    AttrStart(ItemKind, Vec<AttrKey>),
    Names(ItemKind),
    /// After a check-in's `status`: battles and tactics.
    Reported,
    /// After a check-in's `spent`: pools with a `total`.
    TotalPools,
    Words(Vec<&'static str>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token<'a> {
    Word(&'a str),
    /// A string, number, quantity or date: a value.
    Value,
    Punct(char),
    Newline,
}

/// Read the text before the cursor and say what may come next.
pub fn context(before: &str) -> Context {
    // The word being typed is what the client filters on; the context is
    // what stands before it.
    let start = crate::syntax::trailing_word_start(before);
    let tokens = match tokens(&before[..start]) {
        Some(tokens) => tokens,
        // Inside a string or a comment: nothing to offer.
        None => return Context::None,
    };
    let mut depth = 0usize;
    let mut item: Option<ItemKind> = None;
    let mut block: Option<ItemKind> = None;
    // Tokens at the top level since the last item ended.
    let mut head = 0usize;
    // The attribute being written in the block: its key and what follows.
    let mut attr: Option<(&str, Vec<Token>)> = None;
    let mut written: Vec<AttrKey> = Vec::new();
    for token in tokens {
        match token {
            Token::Punct('{') => {
                depth += 1;
                if depth == 1 {
                    block = item;
                    attr = None;
                    written.clear();
                }
            }
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    block = None;
                    item = None;
                    head = 0;
                }
                attr = None;
            }
            _ if depth == 0 => {
                if token == Token::Newline {
                    continue;
                }
                if let Token::Word(w) = token {
                    if let Some(kind) = ItemKind::from_keyword(w) {
                        item = Some(kind);
                        head = 0;
                    }
                }
                head += 1;
                if item == Some(ItemKind::Metric) && head > 2 {
                    // `metric id "label" money` ends without a block.
                    if matches!(token, Token::Word(w) if UNITS.contains(&w)) {
                        item = None;
                        head = 0;
                    }
                }
            }
            Token::Newline => {
                let continues = attr
                    .as_ref()
                    .and_then(|(_, args)| args.last())
                    .is_some_and(|t| matches!(t, Token::Punct(',') | Token::Punct('.')));
                if !continues {
                    attr = None;
                }
            }
            token => match &mut attr {
                Some((_, args)) => args.push(token),
                None => {
                    if let Token::Word(w) = token {
                        written.extend(AttrKey::from_word(w));
                        attr = Some((w, Vec::new()));
                    }
                }
            },
        }
    }
    if depth == 0 {
        return if head == 0 {
            Context::ItemStart
        } else {
            Context::None
        };
    }
    let Some(block) = block else {
        return Context::None;
    };
    match attr {
        None => Context::AttrStart(block, written),
        Some((key, args)) => after_key(block, key, &args),
    }
}

const UNITS: [&str; 3] = ["money", "count", "percent"];

fn after_key(block: ItemKind, key: &str, args: &[Token]) -> Context {
    let first = args.is_empty();
    let element = first || args.last() == Some(&Token::Punct(','));
    let Some(key) = AttrKey::from_word(key) else {
        return Context::None;
    };
    use AttrKey::*;
    match key {
        On if first => Context::Names(ItemKind::Path),
        For if first => Context::Names(ItemKind::Battle),
        PartOf if first => Context::Names(ItemKind::Goal),
        Serves | Supports if element => Context::Names(ItemKind::Goal),
        After if element && block == ItemKind::Tactic => Context::Names(ItemKind::Tactic),
        After if element => Context::Names(ItemKind::Battle),
        Target | Win | Keep if first => Context::Names(ItemKind::Metric),
        Objective | Expects if element => Context::Names(ItemKind::Metric),
        Needs | Cost if element => Context::Names(ItemKind::Resource),
        Actual if element => Context::Names(ItemKind::Metric),
        Spent if element => Context::TotalPools,
        Status if element => Context::Reported,
        Status
            if matches!(args.last(), Some(Token::Word(_)))
                && (args.len() == 1 || args[args.len() - 2] == Token::Punct(',')) =>
        {
            Context::Words(
                crate::model::ItemState::ALL
                    .iter()
                    .map(|s| s.word())
                    .collect(),
            )
        }
        Perspective if first => Context::Words(
            crate::model::Perspective::ALL
                .iter()
                .map(|p| p.word())
                .collect(),
        ),
        Kind if first => Context::Words(vec![
            "acquisition",
            "product",
            "conversion",
            "retention",
            "organization",
        ]),
        Review if first => Context::Words(vec!["every"]),
        Split | Milestones if first => Context::Words(vec!["quarterly", "monthly"]),
        Limits if element => Context::Words(vec!["main_paths", "concurrent_battles", "owner_load"]),
        Alerts if element => Context::Words(vec!["at_risk", "off_track"]),
        Target if args.len() == 2 => Context::Words(vec!["by"]),
        _ => Context::None,
    }
}

/// The tokens of `text`, or `None` when it ends inside a string or comment.
fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => out.push(Token::Newline),
            c if c.is_whitespace() => {}
            '/' if text[i..].starts_with("//") => {
                let end = text[i..].find('\n')?;
                while chars.peek().is_some_and(|&(j, _)| j < i + end) {
                    chars.next();
                }
            }
            '/' if text[i..].starts_with("/*") => {
                let end = text[i + 2..].find("*/")? + i + 4;
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
            }
            '"' => {
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\n' => {
                            // A string may not span lines: the line ends it.
                            out.push(Token::Newline);
                            closed = true;
                            break;
                        }
                        _ => {}
                    }
                }
                if !closed {
                    return None;
                }
                out.push(Token::Value);
            }
            c if c.is_ascii_digit() || "¥$€£+-%".contains(c) => {
                // `¥2000万`, `40%`, `2026-04-01`, `1.5M`; but `..` is punctuation.
                let part_of_value = |j: usize, c: char| {
                    is_word_char(c)
                        || c == '-'
                        || c == '%'
                        || (c == '.' && text[j + 1..].starts_with(|d: char| d.is_ascii_digit()))
                };
                while chars.peek().is_some_and(|&(j, c)| part_of_value(j, c)) {
                    chars.next();
                }
                out.push(Token::Value);
            }
            c if is_word_char(c) => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, c)) = chars.peek() {
                    if !is_word_char(c) {
                        break;
                    }
                    end = j + c.len_utf8();
                    chars.next();
                }
                out.push(Token::Word(&text[i..end]));
            }
            c => out.push(Token::Punct(c)),
        }
    }
    Some(out)
}

fn keyword(word: &str, detail: &str) -> CompletionItem {
    CompletionItem {
        label: word.to_string(),
        kind: Some(CompletionItemKind::KEYWORD),
        detail: Some(detail.to_string()),
        ..CompletionItem::default()
    }
}

fn names(model: &Model, kind: ItemKind, lang: Lang) -> Vec<CompletionItem> {
    let commons: Vec<&crate::model::Common> = match kind {
        ItemKind::Resource => model.resources.iter().map(|r| &r.common).collect(),
        ItemKind::Metric => model.metrics.iter().map(|m| &m.common).collect(),
        ItemKind::Goal => model.goals.iter().map(|g| &g.common).collect(),
        ItemKind::Path => model.paths.iter().map(|p| &p.common).collect(),
        ItemKind::Battle => model.battles.iter().map(|b| &b.common).collect(),
        ItemKind::Tactic => model.tactics.iter().map(|t| &t.common).collect(),
        ItemKind::Plan | ItemKind::Positioning | ItemKind::Checkin => Vec::new(),
    };
    commons
        .into_iter()
        .map(|c| CompletionItem {
            label: c.name().to_string(),
            kind: Some(match kind {
                ItemKind::Metric => CompletionItemKind::CONSTANT,
                ItemKind::Resource => CompletionItemKind::VARIABLE,
                ItemKind::Goal => CompletionItemKind::CLASS,
                ItemKind::Path => CompletionItemKind::MODULE,
                ItemKind::Battle => CompletionItemKind::EVENT,
                _ => CompletionItemKind::FUNCTION,
            }),
            detail: Some(match lang {
                Lang::En => c.describe(kind),
                Lang::Zh => crate::lang::zh::describe(c, kind),
            }),
            ..CompletionItem::default()
        })
        .collect()
}
