//! Parse only what changed. The text is cut into chunks at the lines where
//! an item starts (an item word first on the line, outside block comments):
//! the same boundaries at which the parser recovers, so each chunk parses
//! alone exactly as it does inside the whole text. A chunk that parses
//! cleanly is kept, by its text, for the next version; after a change only
//! the chunks whose text differs are parsed again. Chunks with a syntax
//! error are parsed in the context of the whole text every time (their
//! messages may name what follows), and never kept.
//!
//! Lowering, resolution and the checks then run on the whole tree, as for
//! `planc check`: the result is the same [`Analysis`], only sooner (tested
//! against [`crate::analyze`] on every prefix of every test plan).

use crate::analysis::{analyze_parsed, Analysis};
use crate::syntax::ast::{File, Item, ItemKind};
use crate::syntax::{parse_region, shift};
use std::collections::HashMap;
use std::ops::Range;

#[derive(Default)]
pub struct Incremental {
    /// Chunk text → its items, spans relative to the chunk's start.
    kept: HashMap<String, Vec<Item>>,
    /// The language the server speaks (its client's locale; the plan's
    /// `lang` decides when the locale does not force Chinese).
    pub lang: crate::lang::LangPref,
}

impl Incremental {
    pub fn analyze(&mut self, text: &str) -> Analysis {
        let mut file = File::default();
        let mut errors = Vec::new();
        let mut kept = HashMap::with_capacity(self.kept.len());
        for range in chunks(text) {
            let chunk = &text[range.clone()];
            let found = match self.kept.remove_entry(chunk) {
                Some(entry) => Some(entry),
                None => kept
                    .get_key_value(chunk)
                    .map(|(k, v): (&String, &Vec<Item>)| (k.clone(), v.clone())),
            };
            let (key, items) = match found {
                Some(entry) => entry,
                None => {
                    let (alone, alone_errors) = parse_region(chunk, 0..chunk.len());
                    if !alone_errors.is_empty() || !alone.broken.is_empty() {
                        let (part, part_errors) = parse_region(text, range);
                        file.items.extend(part.items);
                        file.broken.extend(part.broken);
                        errors.extend(part_errors);
                        continue;
                    }
                    (chunk.to_string(), alone.items)
                }
            };
            file.items.extend(items.iter().map(|item| {
                let mut item = item.clone();
                shift::item(&mut item, range.start);
                item
            }));
            kept.insert(key, items);
        }
        self.kept = kept;
        analyze_parsed(file, text, &errors, &[], self.lang)
    }
}

/// The chunks of a text: cut before every line whose first word is an item
/// word, unless that line starts inside a block comment.
pub fn chunks(text: &str) -> Vec<Range<usize>> {
    let comments = crate::format::comments::scan(text);
    let mut in_comment = comments.iter().map(|c| c.span).peekable();
    let mut cuts = vec![0];
    let mut line_start = 0;
    while let Some(newline) = text[line_start..].find('\n') {
        line_start += newline + 1;
        let rest = &text[line_start..];
        let word = rest.trim_start_matches([' ', '\t']);
        let starts_item = ItemKind::ALL.iter().any(|k| {
            word.strip_prefix(k.keyword()).is_some_and(|after| {
                !after
                    .chars()
                    .next()
                    .is_some_and(unicode_xid::UnicodeXID::is_xid_continue)
            })
        });
        if !starts_item {
            continue;
        }
        while in_comment.peek().is_some_and(|c| c.end() <= line_start) {
            in_comment.next();
        }
        let inside = in_comment
            .peek()
            .is_some_and(|c| c.start() < line_start && line_start < c.end());
        if !inside {
            cuts.push(line_start);
        }
    }
    cuts.push(text.len());
    cuts.dedup();
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}
