//! What a fault already reported could explain, item by item (LANGUAGE.md:
//! "decided item by item, never plan-wide"). A check leaves a diagnostic
//! out only when fixing a reported fault could make it go away *for this
//! item*:
//!
//! - an unknown name (or a name of the wrong kind) whose closest match is
//!   this item: fixing the spelling makes the reference point here;
//! - a broken item whose text names it: once it parses, it may point here;
//! - a damaged item (an invalid literal, whose use lowering had to drop)
//!   whose text names it: once the literal is fixed, the use is back.

use crate::model::Set as HashSet;
use crate::model::{ItemId, Model};
use crate::resolve::ResolveError;

pub(super) struct Excuses<'a> {
    /// The items the closest name of an unresolved reference is.
    meant: HashSet<ItemId>,
    /// Every word in the text of a broken item.
    broken: HashSet<&'a str>,
    /// Every word in the text of a damaged item.
    damaged: HashSet<&'a str>,
}

impl<'a> Excuses<'a> {
    pub(super) fn new(model: &Model, text: &'a str, unresolved: &[ResolveError]) -> Excuses<'a> {
        let meant = unresolved
            .iter()
            .filter_map(|e| match e {
                ResolveError::UnknownName {
                    attr, suggestion, ..
                }
                | ResolveError::WrongKind {
                    attr, suggestion, ..
                } => {
                    let id = model.lookup(suggestion.as_deref()?)?;
                    attr.expects.contains(&id.kind).then_some(id)
                }
                _ => None,
            })
            .collect();
        let mut broken = HashSet::default();
        for b in &model.broken {
            words(text, b.span, &mut broken);
        }
        let mut damaged = HashSet::default();
        let commons = model
            .goals
            .iter()
            .map(|g| &g.common)
            .chain(model.paths.iter().map(|p| &p.common))
            .chain(model.battles.iter().map(|b| &b.common))
            .chain(model.tactics.iter().map(|t| &t.common));
        for c in commons.filter(|c| c.damaged) {
            words(text, c.span, &mut damaged);
        }
        Excuses {
            meant,
            broken,
            damaged,
        }
    }

    /// Whether a reference that did not resolve was probably meant for this
    /// item (its closest name is this item's).
    pub(super) fn meant(&self, id: ItemId) -> bool {
        self.meant.contains(&id)
    }

    /// Whether a broken item's text names this.
    pub(super) fn broken_names(&self, name: &str) -> bool {
        self.broken.contains(name)
    }

    /// Whether a damaged item's text names this.
    pub(super) fn damaged_names(&self, name: &str) -> bool {
        self.damaged.contains(name)
    }

    /// Whether a reported fault could be the reason nothing points at this
    /// item: a misspelt reference meant for it, or a broken item naming it.
    pub(super) fn could_point_at(&self, id: ItemId, name: &str) -> bool {
        self.meant(id) || self.broken_names(name)
    }
}

/// The names written in `text[span]`: identifiers outside comments and
/// strings (a comment or a label naming an item points at nothing, and
/// `planc fmt` may move comments from one item to the next).
fn words<'a>(text: &'a str, span: crate::span::Span, into: &mut HashSet<&'a str>) {
    let Some(slice) = text.get(span.start()..span.end()) else {
        return;
    };
    let word = |c: char| c == '_' || unicode_xid::UnicodeXID::is_xid_continue(c);
    let mut rest = slice;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("//") {
            rest = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if rest.starts_with("/*") {
            rest = rest[2..].find("*/").map_or("", |i| &rest[i + 4..]);
        } else if c == '"' || c == '“' {
            // A string runs to its closing quote, or to the end of the line.
            let body = &rest[c.len_utf8()..];
            let mut end = body.len();
            let mut escaped = false;
            for (i, ch) in body.char_indices() {
                match ch {
                    '\n' => {
                        end = i;
                        break;
                    }
                    '\\' if !escaped => {
                        escaped = true;
                        continue;
                    }
                    '"' | '”' if !escaped => {
                        end = i + ch.len_utf8();
                        break;
                    }
                    _ => {}
                }
                escaped = false;
            }
            rest = &body[end..];
        } else if word(c) {
            let len = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
            into.insert(&rest[..len]);
            rest = &rest[len..];
        } else {
            rest = &rest[c.len_utf8()..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::words;
    use crate::model::Set as HashSet;
    use crate::span::Span;

    #[test]
    fn names_outside_comments_and_strings() {
        let text = "battle b \"a «x» \\\" y\" { on p // c\n /* d */ needs e 1 }";
        let mut found = HashSet::default();
        words(text, Span::new(0, text.len()), &mut found);
        let mut found: Vec<&str> = found.into_iter().collect();
        found.sort_unstable();
        assert_eq!(found, ["1", "b", "battle", "e", "needs", "on", "p"]);
    }
}
