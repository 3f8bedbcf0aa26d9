//! Node identifiers derived from item names, so that they stay the same
//! when the plan is edited elsewhere and diagrams diff line by line.

use crate::syntax::ast::ItemKind;
use std::fmt::Write;

/// Which item a node draws: its kind, its name, and — only for names
/// defined twice (a `duplicate-name` error) — which definition it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeKey {
    pub kind: ItemKind,
    pub name: String,
    /// 1 for the first item of this kind with this name, 2 for the second…
    pub occurrence: usize,
}

impl NodeKey {
    /// The readable identifier DOT gets (quoted there): `goal:营收_2026`,
    /// `goal:营收_2026#2` for a second definition.
    pub fn readable(&self) -> String {
        let mut id = format!("{}:{}", self.kind.keyword(), self.name);
        if self.occurrence > 1 {
            let _ = write!(id, "#{}", self.occurrence);
        }
        id
    }

    /// An identifier of ASCII letters, digits and `_` only, for Mermaid and
    /// SVG `id`s. Different keys always give different identifiers:
    ///
    /// - an all-ASCII name is kept: `goal_revenue_2026`;
    /// - any other name is marked with `x` after the kind, keeps its ASCII
    ///   letters and digits and writes every other character as `_hex_`:
    ///   `goalx__8425__6536__5f_2026` for `营收_2026`;
    /// - a second definition puts its number before the `_`: `goal2_a`.
    pub fn ascii(&self) -> String {
        let plain = self
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
        let mut id = self.kind.keyword().to_string();
        if !plain {
            id.push('x');
        }
        if self.occurrence > 1 {
            let _ = write!(id, "{}", self.occurrence);
        }
        id.push('_');
        for c in self.name.chars() {
            if plain || c.is_ascii_alphanumeric() {
                id.push(c);
            } else {
                let _ = write!(id, "_{:x}_", c as u32);
            }
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn key(kind: ItemKind, name: &str, occurrence: usize) -> NodeKey {
        NodeKey {
            kind,
            name: name.to_string(),
            occurrence,
        }
    }

    #[test]
    fn ids_read_like_the_names() {
        assert_eq!(
            key(ItemKind::Goal, "revenue_2026", 1).ascii(),
            "goal_revenue_2026"
        );
        assert_eq!(
            key(ItemKind::Goal, "营收_2026", 1).ascii(),
            "goalx__8425__6536__5f_2026"
        );
        assert_eq!(key(ItemKind::Tactic, "end", 2).ascii(), "tactic2_end");
        assert_eq!(key(ItemKind::Goal, "营收", 2).readable(), "goal:营收#2");
    }

    #[test]
    fn different_keys_give_different_ids() {
        let names = [
            "a", "a_", "a__", "_a", "a_61_", "x_61_", "营", "_8425_", "x__8425_", "营_", "a2",
            "ab", "a_b", "end", "o", "x", "2", "e\u{301}", "é",
        ];
        let mut seen = HashSet::new();
        for kind in [
            ItemKind::Goal,
            ItemKind::Path,
            ItemKind::Battle,
            ItemKind::Tactic,
        ] {
            for name in names {
                for occurrence in 1..=12 {
                    let id = key(kind, name, occurrence).ascii();
                    assert!(
                        id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                        "{id}"
                    );
                    assert!(seen.insert(id.clone()), "{id} given twice");
                }
            }
        }
    }
}
