//! The one table of references: which attribute of which item names which
//! kind of item, and which of them are edges of the plan graph.
//!
//! Resolution, the graph, unused-name detection, hover, references and
//! rename, and `planc build` all walk `Model::refs()`, so a
//! new reference attribute is one row in `reference_table!` below (and, if
//! its value is a new struct, an `impl Refers` for it).

use super::{
    Battle, Checkin, Goal, ItemId, Model, Path, Quantity, Ref, Reported, Tactic, Target, Use, Win,
};
use crate::syntax::ast::{AttrKey, ItemKind};
use serde::Serialize;

/// A reference that links two strategy items: an edge of the plan graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    Serves,
    On,
    For,
    Supports,
    After,
    #[serde(rename = "part_of")]
    PartOf,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 6] = [
        EdgeKind::Serves,
        EdgeKind::On,
        EdgeKind::For,
        EdgeKind::Supports,
        EdgeKind::After,
        EdgeKind::PartOf,
    ];

    pub fn word(self) -> &'static str {
        match self {
            EdgeKind::Serves => "serves",
            EdgeKind::On => "on",
            EdgeKind::For => "for",
            EdgeKind::Supports => "supports",
            EdgeKind::After => "after",
            EdgeKind::PartOf => "part_of",
        }
    }
}

/// One reference attribute: a row of the table.
#[derive(Debug, PartialEq, Eq)]
pub struct RefAttr {
    /// The kind of item that writes it.
    pub from: ItemKind,
    pub key: AttrKey,
    /// The kinds of item it may name.
    pub expects: &'static [ItemKind],
    /// The edge it is in the plan graph, if it links two strategy items.
    pub edge: Option<EdgeKind>,
    /// Whether naming a metric or resource here uses it (`unused-metric`,
    /// `unused-resource`): a record of what happened is not a use.
    pub uses: bool,
}

impl RefAttr {
    /// The row of an attribute of an item kind, if it is a reference.
    pub fn of(from: ItemKind, key: AttrKey) -> Option<&'static RefAttr> {
        TABLE.iter().find(|a| a.from == from && a.key == key)
    }

    /// How messages name the attribute: "`serves`", or "a battle's `after`"
    /// where the same word names other kinds elsewhere.
    pub fn via(&self) -> String {
        let shared = TABLE
            .iter()
            .any(|a| a.key == self.key && a.expects != self.expects);
        if shared {
            format!(
                "{} {}'s `{}`",
                a_or_an(self.from),
                self.from.keyword(),
                self.key.word()
            )
        } else {
            format!("`{}`", self.key.word())
        }
    }
}

fn a_or_an(kind: ItemKind) -> &'static str {
    kind.a().split(' ').next().unwrap_or("a")
}

/// What holds a reference: a bare name, or a name with the amount written
/// beside it (measured in the named item's unit).
pub trait Refers {
    fn reference(&self) -> &Ref;
    fn quantity(&self) -> Option<&Quantity> {
        None
    }
}

impl Refers for Ref {
    fn reference(&self) -> &Ref {
        self
    }
}

impl Refers for Use {
    fn reference(&self) -> &Ref {
        &self.what
    }
    fn quantity(&self) -> Option<&Quantity> {
        Some(&self.qty)
    }
}

impl Refers for Target {
    fn reference(&self) -> &Ref {
        &self.metric
    }
    fn quantity(&self) -> Option<&Quantity> {
        Some(&self.qty)
    }
}

impl Refers for Win {
    fn reference(&self) -> &Ref {
        &self.metric
    }
    fn quantity(&self) -> Option<&Quantity> {
        Some(&self.qty)
    }
}

impl Refers for Reported {
    fn reference(&self) -> &Ref {
        &self.what
    }
}

/// A reference as written in the plan.
#[derive(Clone, Copy, Debug)]
pub struct Reference<'a> {
    /// The item that writes it.
    pub from: ItemId,
    pub attr: &'static RefAttr,
    pub to: &'a Ref,
    /// The amount written with the name (`objective revenue +¥800万`).
    pub quantity: Option<&'a Quantity>,
}

impl Reference<'_> {
    /// The item it names, once resolved.
    pub fn target(&self) -> Option<ItemId> {
        self.to.item()
    }
}

/// The fewest items one task of [`Model::for_each_ref`] and
/// [`Model::any_ref`] walks: enough that a task costs little beside them.
const RUN: usize = 4096;

macro_rules! edge {
    () => {
        None
    };
    ($edge:ident) => {
        Some(EdgeKind::$edge)
    };
}

macro_rules! row {
    ($kind:ident, $key:ident, [$($to:ident),+], $($edge:ident)?, $uses:literal) => {
        RefAttr {
            from: ItemKind::$kind,
            key: AttrKey::$key,
            expects: &[$(ItemKind::$to),+],
            edge: edge!($($edge)?),
            uses: $uses,
        }
    };
}

/// The table, and from it the walks over every item's references (in the
/// order of the rows, which is the order resolution reports in).
macro_rules! reference_table {
    ($(
        $kind:ident in $list:ident {
            $($field:ident: $key:ident -> [$($to:ident),+] $(edge $edge:ident)?, uses $uses:literal;)*
        }
    )*) => {
        /// Every reference attribute of the language, once.
        pub const TABLE: &[RefAttr] = &[$($(row!($kind, $key, [$($to),+], $($edge)?, $uses),)*)*];

        $(
            impl $kind {
                /// This item's references: (attribute, name, amount written with it).
                pub fn refs(&self) -> impl Iterator<Item = (&'static RefAttr, &Ref, Option<&Quantity>)> + '_ {
                    std::iter::empty()
                    $(.chain(self.$field.iter().map(|x| {
                        const ROW: &RefAttr = &row!($kind, $key, [$($to),+], $($edge)?, $uses);
                        (ROW, x.reference(), x.quantity())
                    })))*
                }
            }
        )*

        impl Model {
            /// Every reference of the plan: item kind by item kind in the
            /// table's order, items in source order, attributes in the
            /// table's order.
            pub fn refs(&self) -> impl Iterator<Item = Reference<'_>> + '_ {
                std::iter::empty()
                $(.chain(self.$list.iter().enumerate().flat_map(|(index, item)| {
                    let from = ItemId { kind: ItemKind::$kind, index };
                    item.refs().map(move |(attr, to, quantity)| Reference { from, attr, to, quantity })
                })))*
            }

            /// `f` of every reference, on all of rayon's threads, a run of
            /// items each, in no particular order.
            pub fn for_each_ref(&self, f: impl Fn(Reference<'_>) + Sync) {
                use rayon::prelude::*;
                $(self.$list.par_iter().enumerate().with_min_len(RUN).for_each(|(index, item)| {
                    let from = ItemId { kind: ItemKind::$kind, index };
                    item.refs().for_each(|(attr, to, quantity)| f(Reference { from, attr, to, quantity }));
                });)*
            }

            /// Whether `f` holds for any reference, asked on all of rayon's
            /// threads.
            pub fn any_ref(&self, f: impl Fn(Reference<'_>) -> bool + Sync) -> bool {
                use rayon::prelude::*;
                false $(|| self.$list.par_iter().enumerate().with_min_len(RUN).any(|(index, item)| {
                    let from = ItemId { kind: ItemKind::$kind, index };
                    item.refs().any(|(attr, to, quantity)| f(Reference { from, attr, to, quantity }))
                }))*
            }
        }
    };
}

// item in its list { field: attribute -> kinds it may name [edge of the graph], uses; }
reference_table! {
    Goal in goals {
        target: Target -> [Metric], uses true;
        keep: Keep -> [Metric], uses true;
        supports: Supports -> [Goal] edge Supports, uses true;
        part_of: PartOf -> [Goal] edge PartOf, uses true;
    }
    Path in paths {
        serves: Serves -> [Goal] edge Serves, uses true;
        cost: Cost -> [Resource], uses true;
        expects: Expects -> [Metric], uses true;
    }
    Battle in battles {
        on: On -> [Path] edge On, uses true;
        objective: Objective -> [Metric], uses true;
        needs: Needs -> [Resource], uses true;
        after: After -> [Battle] edge After, uses true;
    }
    Tactic in tactics {
        battle: For -> [Battle] edge For, uses true;
        win: Win -> [Metric], uses true;
        needs: Needs -> [Resource], uses true;
        after: After -> [Tactic] edge After, uses true;
    }
    // A check-in records what happened: naming a metric or pool there is
    // not a use of it (`unused-metric`). `spent` names `total` pools only;
    // resolve refuses a capacity pool there.
    Checkin in checkins {
        actual: Actual -> [Metric], uses false;
        status: Status -> [Battle, Tactic], uses false;
        spent: Spent -> [Resource], uses false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan that writes every attribute of the grammar, each reference twice
    /// where a list is allowed.
    const EVERY_ATTRIBUTE: &str = r#"
plan "all" {
  period 2026-01-01 .. 2026-12-31
  lang en
  limits main_paths 2, concurrent_battles 3, owner_load 4
  alerts at_risk 90%, off_track 70%
  include "parts/*.plan"
  allow unused-metric
}
positioning {
  we_are "a"
  serve "b"
  pain "c"
  why_us "d"
  not_do "e"
  moat product 4
}
resource people "People" { capacity 10 }
resource budget "Budget" { total ¥100万 }
metric revenue "Revenue" money
metric users "Users" count
goal top "Top" {
  perspective financial
  target revenue ¥100万 by 2026-12-31
}
goal g "G" {
  perspective financial
  target revenue ¥100万 by 2026-12-31
  baseline ¥0
  split quarterly ¥25万, ¥25万, ¥25万, ¥25万
  supports top
  part_of top
  breakthrough
  owner "o"
  allow goal-undercovered
}
goal cash "Cash" {
  keep revenue >= ¥10万
  milestones quarterly ¥10万, ¥20万, ¥30万, ¥40万
}
path p "P" {
  serves g, top
  main
  cost people 2, budget ¥10万
  duration 6mo
  expects revenue +¥100万, users +10
  segment "s"
  owner "o"
  allow path-over-cost
}
battle b1 "B1" {
  on p
  objective revenue +¥50万, users +5
  significance "x"
  window 2026-01-01 .. 2026-03-31
  needs people 2, budget ¥5万
  review every 2w
  owner "o"
  allow battle-without-review
  segment "s"
}
battle b2 "B2" {
  on p
  objective revenue +¥50万
  window 2026-04-01 .. 2026-06-30
  after b1
  owner "o"
}
tactic t1 "T1" {
  for b1
  kind acquisition
  owner "o"
  window 2026-01-01 .. 2026-01-31
  needs people 1
  win users >= 5
  segment "s"
  allow tactic-without-owner
}
tactic t2 "T2" {
  for b1
  owner "o"
  after t1
  win users >= 5
}
checkin 2026-02-01 "Review" {
  actual revenue ¥10万, users 2
  status b1 on_track, t1 done
  spent budget ¥1万
  note "n"
  by "o"
}
"#;

    /// A name written as an attribute's value: item kind, attribute, offset.
    type Site = (ItemKind, AttrKey, usize);

    /// Every attribute the test plan writes, and the start of every name
    /// written as (part of) an attribute's value.
    fn written() -> (Vec<(ItemKind, AttrKey)>, Vec<Site>) {
        use crate::syntax::ast::Value;
        let (file, errors) = crate::syntax::parse(EVERY_ATTRIBUTE);
        assert!(errors.is_empty(), "the test plan parses: {errors:?}");
        let mut attrs = Vec::new();
        let mut names = Vec::new();
        for item in &file.items {
            for attr in &item.attrs {
                attrs.push((item.kind, attr.key));
                // No wildcard: a new kind of value must say whether it names items.
                let starts: Vec<usize> = match &attr.value {
                    Value::Names(ids) => ids.iter().map(|i| i.span.start()).collect(),
                    Value::Name(id) => vec![id.span.start()],
                    Value::Amounts(list) => list.iter().map(|(i, _)| i.span.start()).collect(),
                    Value::States(list) => list.iter().map(|(i, _)| i.span.start()).collect(),
                    Value::Target { metric, .. } | Value::Win { metric, .. } => {
                        vec![metric.span.start()]
                    }
                    Value::Flag
                    | Value::Window(_)
                    | Value::Limits(_)
                    | Value::DiagNames(_)
                    | Value::Str(_)
                    | Value::Strs(_)
                    | Value::Scores(_)
                    | Value::Word(_)
                    | Value::Qty(_)
                    | Value::Split { .. }
                    | Value::Duration(_) => Vec::new(),
                };
                names.extend(starts.into_iter().map(|s| (item.kind, attr.key, s)));
            }
        }
        attrs.sort();
        attrs.dedup();
        names.sort();
        (attrs, names)
    }

    #[test]
    fn the_test_plan_writes_every_attribute_of_the_grammar() {
        let (attrs, _) = written();
        for kind in ItemKind::ALL {
            for &key in AttrKey::of(kind) {
                assert!(
                    attrs.contains(&(kind, key)),
                    "add {} `{}` to EVERY_ATTRIBUTE",
                    kind.keyword(),
                    key.word()
                );
            }
        }
    }

    #[test]
    fn every_reference_attribute_is_in_the_table_once() {
        let model = crate::analyze(EVERY_ATTRIBUTE, &[]).model;
        let mut table: Vec<(ItemKind, AttrKey)> = TABLE.iter().map(|a| (a.from, a.key)).collect();
        let rows = table.len();
        table.sort();
        table.dedup();
        assert_eq!(table.len(), rows, "an attribute is in the table twice");
        // Every name written as an attribute's value is one the walk yields,
        // under that attribute, and nothing else is.
        let (_, names) = written();
        let mut walked: Vec<Site> = model
            .refs()
            .map(|r| (r.from.kind, r.attr.key, r.to.span.start()))
            .collect();
        walked.sort();
        assert_eq!(
            walked, names,
            "the walk misses a reference, or the table a row"
        );
        let mut kinds: Vec<(ItemKind, AttrKey)> = names.iter().map(|&(k, a, _)| (k, a)).collect();
        kinds.dedup();
        assert_eq!(kinds, table, "a row of the table is never walked");
        assert!(
            model.refs().all(|r| r.target().is_some()),
            "every name in the test plan resolves"
        );
    }

    /// `for_each_ref` and `any_ref` work on several threads, a run of items
    /// each: they must see every reference `refs` walks, once, on the plan
    /// of every attribute and on one whose tactics make several runs.
    #[test]
    fn the_parallel_walks_see_what_refs_walks() {
        let site = |r: Reference| (r.from, r.attr.key, r.to.span.start());
        for (text, runs) in [
            (EVERY_ATTRIBUTE.to_string(), 1),
            (crate::testing::plan(3000), 3),
        ] {
            let model = crate::analyze(&text, &[]).model;
            assert_eq!(model.tactics.len().div_ceil(RUN), runs);
            let mut walked: Vec<_> = model.refs().map(site).collect();
            let seen = std::sync::Mutex::new(Vec::new());
            model.for_each_ref(|r| seen.lock().unwrap().push(site(r)));
            let mut seen = seen.into_inner().unwrap();
            walked.sort();
            seen.sort();
            assert_eq!(seen, walked);
            let last = *walked.last().unwrap();
            assert!(model.any_ref(|r| site(r) == last));
            assert!(!model.any_ref(|r| r.to.span.start() == usize::MAX));
        }
    }

    /// A reference keeps the item it is resolved to, of every kind, and
    /// forgets it when resolved to nothing.
    #[test]
    fn a_reference_keeps_its_target() {
        let ident = crate::syntax::ast::Ident {
            name: "x".into(),
            span: crate::span::Span::new(0, 1),
        };
        let r = Ref::new(&ident);
        assert_eq!(r.item(), None);
        for kind in ItemKind::ALL {
            for index in [0, 7, u32::MAX as usize] {
                r.resolve_to(Some(ItemId { kind, index }));
                assert_eq!(r.item(), Some(ItemId { kind, index }));
                assert_eq!(r.clone().target(), Some(index));
            }
        }
        r.resolve_to(None);
        assert_eq!(r.item(), None);
    }

    #[test]
    fn names_the_attribute_as_messages_do() {
        let via = |from, key| RefAttr::of(from, key).map(RefAttr::via);
        assert_eq!(
            via(ItemKind::Path, AttrKey::Serves).as_deref(),
            Some("`serves`")
        );
        assert_eq!(
            via(ItemKind::Tactic, AttrKey::Needs).as_deref(),
            Some("`needs`")
        );
        assert_eq!(
            via(ItemKind::Battle, AttrKey::After).as_deref(),
            Some("a battle's `after`")
        );
        assert_eq!(via(ItemKind::Goal, AttrKey::Owner), None);
    }
}
