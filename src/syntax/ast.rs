//! The typed syntax tree: what was written, where, before any meaning is
//! given to it. Literals keep their text; lowering reads their values.

use crate::span::{Span, Spanned};

#[derive(Clone, Debug, Default)]
pub struct File {
    pub items: Vec<Item>,
    /// Regions that did not parse, one per broken item.
    pub broken: Vec<Broken>,
}

/// A region that did not parse. What could still be read of its head (the
/// item keyword and name) lets later phases stay quiet about faults the broken
/// item could explain.
#[derive(Clone, Debug)]
pub struct Broken {
    pub span: Span,
    pub kind: Option<ItemKind>,
    pub name: Option<Ident>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Plan,
    Positioning,
    Resource,
    Metric,
    Goal,
    Path,
    Battle,
    Tactic,
    Checkin,
}

impl ItemKind {
    pub const ALL: [ItemKind; 9] = [
        ItemKind::Plan,
        ItemKind::Positioning,
        ItemKind::Resource,
        ItemKind::Metric,
        ItemKind::Goal,
        ItemKind::Path,
        ItemKind::Battle,
        ItemKind::Tactic,
        ItemKind::Checkin,
    ];

    /// The kinds of item that have a name (and a `model::Common`), in the
    /// language's order: those the namespace and the plan graph hold.
    pub const NAMED: [ItemKind; 6] = [
        ItemKind::Resource,
        ItemKind::Metric,
        ItemKind::Goal,
        ItemKind::Path,
        ItemKind::Battle,
        ItemKind::Tactic,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Plan => "plan",
            ItemKind::Positioning => "positioning",
            ItemKind::Resource => "resource",
            ItemKind::Metric => "metric",
            ItemKind::Goal => "goal",
            ItemKind::Path => "path",
            ItemKind::Battle => "battle",
            ItemKind::Tactic => "tactic",
            ItemKind::Checkin => "checkin",
        }
    }

    pub fn from_keyword(word: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.keyword() == word)
    }

    /// "a goal", "an item": for messages.
    pub fn a(self) -> &'static str {
        match self {
            ItemKind::Plan => "a plan",
            ItemKind::Positioning => "a positioning",
            ItemKind::Resource => "a resource",
            ItemKind::Metric => "a metric",
            ItemKind::Goal => "a goal",
            ItemKind::Path => "a path",
            ItemKind::Battle => "a battle",
            ItemKind::Tactic => "a tactic",
            ItemKind::Checkin => "a check-in",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: crate::Text,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrLit {
    /// The text with escapes resolved.
    pub value: crate::Text,
    /// Including the quotes.
    pub span: Span,
    /// A `\u{…}` escape that names no character (a surrogate, or past
    /// U+10FFFF); lowering reports it.
    pub bad_escape: Option<Span>,
}

/// A quantity as written: `+¥500万`, `40%`, `5_000`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QtyLit {
    pub text: crate::Text,
    pub span: Span,
    pub sign: Option<char>,
    pub currency: Option<crate::Text>,
    /// The number with its scale, as written: `500万`.
    pub number: crate::Text,
    pub percent: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WindowLit {
    pub start: Spanned<String>,
    pub end: Spanned<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
    pub keyword: Span,
    /// The ID; `plan`, `positioning` and `checkin` have none.
    pub name: Option<Ident>,
    /// A check-in's date, as written.
    pub date: Option<Spanned<String>>,
    /// The human label; for `plan`, its title.
    pub label: Option<StrLit>,
    /// A metric's unit word.
    pub unit: Option<Spanned<String>>,
    pub attrs: Vec<Attr>,
}

#[derive(Clone, Debug)]
pub struct Attr {
    pub key: AttrKey,
    pub key_span: Span,
    pub value: Value,
    pub span: Span,
}

macro_rules! attr_keys {
    ($($variant:ident = $word:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum AttrKey {
            $($variant,)*
        }

        impl AttrKey {
            pub const ALL: &'static [AttrKey] = &[$(AttrKey::$variant,)*];

            pub fn word(self) -> &'static str {
                match self {
                    $(AttrKey::$variant => $word,)*
                }
            }

            pub fn from_word(word: &str) -> Option<AttrKey> {
                match word {
                    $($word => Some(AttrKey::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

attr_keys! {
    Period = "period",
    Limits = "limits",
    Alerts = "alerts",
    Include = "include",
    Allow = "allow",
    WeAre = "we_are",
    Serve = "serve",
    Pain = "pain",
    WhyUs = "why_us",
    NotDo = "not_do",
    Moat = "moat",
    Capacity = "capacity",
    Total = "total",
    Perspective = "perspective",
    Target = "target",
    Keep = "keep",
    Baseline = "baseline",
    Split = "split",
    Milestones = "milestones",
    Supports = "supports",
    PartOf = "part_of",
    Breakthrough = "breakthrough",
    Serves = "serves",
    Main = "main",
    Cost = "cost",
    Duration = "duration",
    Expects = "expects",
    Segment = "segment",
    Owner = "owner",
    On = "on",
    Objective = "objective",
    Significance = "significance",
    Window = "window",
    Needs = "needs",
    Review = "review",
    After = "after",
    For = "for",
    Kind = "kind",
    Win = "win",
    Actual = "actual",
    Status = "status",
    Spent = "spent",
    Note = "note",
    By = "by",
    Lang = "lang",
}

/// A set of attribute keys, as bits: cheaper than a tree set on every item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AttrSet(u64);

impl AttrSet {
    pub fn insert(&mut self, key: AttrKey) {
        self.0 |= 1 << key as u64;
    }

    pub fn contains(&self, key: &AttrKey) -> bool {
        self.0 & (1 << *key as u64) != 0
    }

    pub fn iter(self) -> impl Iterator<Item = AttrKey> {
        AttrKey::ALL
            .iter()
            .copied()
            .filter(move |k| self.contains(k))
    }
}

impl AttrKey {
    /// The attributes an item kind accepts, in canonical order.
    pub fn of(kind: ItemKind) -> &'static [AttrKey] {
        use AttrKey::*;
        match kind {
            ItemKind::Plan => &[Period, Lang, Limits, Alerts, Include, Allow],
            ItemKind::Positioning => &[WeAre, Serve, Pain, WhyUs, NotDo, Moat],
            ItemKind::Resource => &[Capacity, Total],
            ItemKind::Metric => &[],
            ItemKind::Goal => &[
                Perspective,
                Target,
                Keep,
                Baseline,
                Split,
                Milestones,
                Supports,
                PartOf,
                Breakthrough,
                Owner,
                Allow,
            ],
            ItemKind::Path => &[Serves, Main, Cost, Duration, Expects, Segment, Owner, Allow],
            ItemKind::Battle => &[
                On,
                Objective,
                Significance,
                Window,
                Needs,
                Review,
                After,
                Owner,
                Segment,
                Allow,
            ],
            ItemKind::Tactic => &[For, Kind, Owner, Window, Needs, Win, After, Segment, Allow],
            ItemKind::Checkin => &[Actual, Status, Spent, Note, By],
        }
    }
}

#[derive(Clone, Debug)]
pub enum Value {
    /// `breakthrough`, `main`.
    Flag,
    Window(WindowLit),
    /// `limits main_paths 2, concurrent_battles 3`.
    Limits(Vec<(Spanned<String>, Spanned<String>)>),
    /// `allow goal-undercovered, …`.
    DiagNames(Vec<Spanned<String>>),
    Str(StrLit),
    Strs(Vec<StrLit>),
    /// `moat product 4, …`.
    Scores(Vec<(Ident, Spanned<String>)>),
    /// `perspective financial`, `kind acquisition`.
    Word(Spanned<String>),
    Target {
        metric: Ident,
        qty: QtyLit,
        by: Spanned<String>,
    },
    Qty(QtyLit),
    Split {
        mode: Spanned<String>,
        values: Vec<QtyLit>,
    },
    Names(Vec<Ident>),
    Name(Ident),
    /// `cost people 6, budget ¥40万`, `objective revenue +¥800万`.
    Amounts(Vec<(Ident, QtyLit)>),
    /// `duration 6mo`, `review every 2w`.
    Duration(Spanned<String>),
    Win {
        metric: Ident,
        op: Spanned<String>,
        qty: QtyLit,
    },
    /// `status fission at_risk, referral on_track`.
    States(Vec<(Ident, Spanned<String>)>),
}

impl Item {
    pub fn attr(&self, key: AttrKey) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.key == key)
    }

    /// The name if it has one, else the keyword; for pointing at an item.
    pub fn head_span(&self) -> Span {
        self.name.as_ref().map_or(self.keyword, |n| n.span)
    }
}
