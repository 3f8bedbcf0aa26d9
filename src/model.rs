//! The plan as meaning: every item with typed, checked values and every
//! reference resolved to an index. Built by `lower` and `resolve`; read by
//! the checks, the outputs, the diagrams and the language server.

use crate::date::{DateRange, Duration};
use crate::diagnostic::Code;
use crate::quantity::{Amount, Currency, Scale, Style, Unit, UnitKind};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{AttrKey, AttrSet, Broken, Ident, ItemKind};
use crate::Text;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// A hash map of the analysis (names, items): std's map with foldhash,
/// several times faster than SipHash on short names.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set of the analysis, with foldhash.
pub type Set<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

mod names;
mod refs;

pub use names::Names;
pub use refs::{EdgeKind, RefAttr, Reference, Refers, TABLE};

/// Where an item lives: its kind and its index in that kind's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId {
    pub kind: ItemKind,
    pub index: usize,
}

/// What every named item has.
#[derive(Clone, Debug)]
pub struct Common {
    pub id: Ident,
    pub label: Option<Text>,
    /// The whole item.
    pub span: Span,
    pub keyword: Span,
    /// The attributes written, valid or not: a required attribute that was
    /// written but unreadable is not also reported missing.
    pub written: AttrSet,
    /// A literal in the item was invalid or of the wrong unit: checks that
    /// compare this item's numbers or dates leave it alone.
    pub damaged: bool,
    /// `allow NAME, …`: warnings silenced for this item alone (those whose
    /// primary place lies in it). A boxed slice: the model's lists of things
    /// written never grow once lowered, and a `Vec` is 8 bytes more.
    pub allow: Box<[Code]>,
}

impl Common {
    pub fn name(&self) -> &str {
        &self.id.name
    }

    /// `battle `fission` «5000用户裂变增长战役»`.
    pub fn describe(&self, kind: ItemKind) -> String {
        match &self.label {
            Some(label) => format!("{} `{}` «{}»", kind.keyword(), self.id.name, label),
            None => format!("{} `{}`", kind.keyword(), self.id.name),
        }
    }

    pub fn has(&self, key: AttrKey) -> bool {
        self.written.contains(&key)
    }
}

/// A reference by name, and the item it resolved to: one of the kinds its
/// attribute expects (`RefAttr::expects`).
pub struct Ref {
    pub name: Text,
    pub span: Span,
    /// The item it names, set by `resolve`: the kind's place in
    /// [`ItemKind::ALL`] plus one in the high half, the index in that kind's
    /// list in the low half, and 0 while it names nothing. Eight bytes (the
    /// model holds a few per tactic). Atomic so that `resolve` sets the
    /// targets on all threads through the model it reads the names from:
    /// no list of every reference's target is held between the look-ups
    /// and the writes (docs/performance.md).
    resolved: AtomicU64,
}

impl Ref {
    pub fn new(ident: &Ident) -> Ref {
        Ref {
            name: ident.name.clone(),
            span: ident.span,
            resolved: AtomicU64::new(0),
        }
    }

    /// The index, in the list of its kind, of the item it names, once
    /// resolved.
    pub fn target(&self) -> Option<usize> {
        self.item().map(|id| id.index)
    }

    /// The item it names, once resolved.
    pub fn item(&self) -> Option<ItemId> {
        let bits = self.resolved.load(Ordering::Relaxed);
        let kind = *ItemKind::ALL.get(usize::try_from(bits >> 32).ok()?.checked_sub(1)?)?;
        Some(ItemId {
            kind,
            index: (bits & u64::from(u32::MAX)) as usize,
        })
    }

    /// Resolve it to an item, or mark it unresolved. An index past
    /// `u32::MAX` cannot occur: a plan's text is at most
    /// `sources::disk::MAX_PLAN_BYTES`, and every item takes several bytes;
    /// it would read as unresolved.
    pub fn resolve_to(&self, item: Option<ItemId>) {
        // `ItemKind::ALL` is in the order of the kinds' declaration.
        let bits = item.map_or(0, |id| match u32::try_from(id.index) {
            Ok(index) => ((id.kind as u64 + 1) << 32) | u64::from(index),
            Err(_) => 0,
        });
        self.resolved.store(bits, Ordering::Relaxed);
    }
}

impl Clone for Ref {
    fn clone(&self) -> Ref {
        Ref {
            name: self.name.clone(),
            span: self.span,
            resolved: AtomicU64::new(self.resolved.load(Ordering::Relaxed)),
        }
    }
}

impl std::fmt::Debug for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ref")
            .field("name", &self.name)
            .field("span", &self.span)
            .field("resolved", &self.item())
            .finish()
    }
}

impl Goal {
    /// The metric the goal measures: its target's, else its guardrail's.
    pub fn metric(&self) -> Option<&Ref> {
        self.target
            .as_ref()
            .map(|t| &t.metric)
            .or(self.keep.as_ref().map(|k| &k.metric))
    }
}

/// A quantity with its exact value.
#[derive(Clone, Debug)]
pub struct Quantity {
    /// The signed value.
    pub amount: Amount,
    pub unit: Unit,
    /// Written with a leading `+` or `-`: a change rather than a level.
    pub change: bool,
    pub scale: Option<Scale>,
    pub text: Text,
    pub span: Span,
}

impl Quantity {
    pub fn style(&self) -> Style {
        Style {
            unit: self.unit,
            scale: self.scale,
        }
    }
}

/// `budget ¥15万`, `revenue +¥800万`: a name and an amount.
#[derive(Clone, Debug)]
pub struct Use {
    pub what: Ref,
    pub qty: Quantity,
}

#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub range: DateRange,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct PlanBlock {
    pub title: String,
    pub span: Span,
    pub keyword: Span,
    pub period: Option<Window>,
    pub main_paths: u32,
    pub concurrent_battles: u32,
    /// `limits owner_load N`: unchecked unless written.
    pub owner_load: Option<u32>,
    /// `alerts at_risk P, off_track P`: the pace thresholds of `planc status`
    /// (defaults 95% and 80%).
    pub alerts: crate::schedule::Alerts,
    /// `include "…", …`: the patterns naming the plan's other files, as
    /// written (the command line and the language server read the files).
    pub include: Vec<Spanned<Text>>,
    pub allow: Vec<(Code, Span)>,
    /// `lang en|zh`: the language planc speaks about this plan.
    pub lang: Option<crate::lang::Lang>,
    pub written: AttrSet,
}

#[derive(Clone, Debug, Default)]
pub struct Positioning {
    pub span: Span,
    pub keyword: Span,
    pub we_are: Option<Spanned<Text>>,
    pub serve: Option<Spanned<Text>>,
    pub pain: Option<Spanned<Text>>,
    pub why_us: Option<Spanned<Text>>,
    pub not_do: Vec<Spanned<Text>>,
    pub moat: Vec<(Ident, u8)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PoolKind {
    Capacity,
    Total,
}

#[derive(Clone, Debug)]
pub struct Resource {
    pub common: Common,
    pub kind: Option<PoolKind>,
    /// The capacity or total.
    pub amount: Option<Quantity>,
}

impl Resource {
    /// The unit its uses must be written in.
    pub fn unit(&self) -> Option<Unit> {
        self.amount.as_ref().map(|q| q.unit)
    }
}

#[derive(Clone, Debug)]
pub struct Metric {
    pub common: Common,
    pub unit: UnitKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Perspective {
    Financial,
    Customer,
    Process,
    Learning,
}

impl Perspective {
    pub const ALL: [Perspective; 4] = [
        Perspective::Financial,
        Perspective::Customer,
        Perspective::Process,
        Perspective::Learning,
    ];

    pub fn from_word(word: &str) -> Option<Perspective> {
        Perspective::ALL.into_iter().find(|p| p.word() == word)
    }

    pub fn word(self) -> &'static str {
        match self {
            Perspective::Financial => "financial",
            Perspective::Customer => "customer",
            Perspective::Process => "process",
            Perspective::Learning => "learning",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Target {
    pub metric: Ref,
    pub qty: Quantity,
    pub by: Spanned<crate::date::Date>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SplitMode {
    Quarterly,
    Monthly,
}

#[derive(Clone, Debug)]
pub struct Split {
    pub mode: SplitMode,
    pub values: Vec<Quantity>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Goal {
    pub common: Common,
    pub perspective: Option<Spanned<Perspective>>,
    pub target: Option<Target>,
    /// `keep METRIC OP QTY`: a guardrail instead of a target (never both).
    pub keep: Option<Win>,
    pub baseline: Option<Quantity>,
    pub split: Option<Split>,
    /// `milestones quarterly …`: where the level should stand at each
    /// block's end (never with `split`).
    pub milestones: Option<Split>,
    pub supports: Vec<Ref>,
    /// `part_of GOAL`: this goal is a share of that one.
    pub part_of: Option<Ref>,
    pub breakthrough: Option<Span>,
    pub owner: Option<Spanned<Text>>,
}

#[derive(Clone, Debug)]
pub struct Path {
    pub common: Common,
    pub serves: Vec<Ref>,
    pub main: Option<Span>,
    pub cost: Vec<Use>,
    pub duration: Option<Spanned<Duration>>,
    pub expects: Vec<Use>,
    pub segment: Option<Spanned<Text>>,
    pub owner: Option<Spanned<Text>>,
}

#[derive(Clone, Debug)]
pub struct Battle {
    pub common: Common,
    pub on: Option<Ref>,
    pub objective: Vec<Use>,
    pub significance: Option<Spanned<Text>>,
    pub window: Option<Window>,
    pub needs: Box<[Use]>,
    pub review: Option<Spanned<Duration>>,
    pub after: Box<[Ref]>,
    pub owner: Option<Spanned<Text>>,
    /// Rarely written: boxed, so a battle without it is 24 bytes smaller.
    pub segment: Option<Box<Spanned<Text>>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TacticKind {
    Acquisition,
    Product,
    Conversion,
    Retention,
    Organization,
}

impl TacticKind {
    pub fn from_word(word: &str) -> Option<TacticKind> {
        Some(match word {
            "acquisition" => TacticKind::Acquisition,
            "product" => TacticKind::Product,
            "conversion" => TacticKind::Conversion,
            "retention" => TacticKind::Retention,
            "organization" => TacticKind::Organization,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Comparison {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "=")]
    Exactly,
}

impl Comparison {
    pub fn from_op(op: &str) -> Option<Comparison> {
        Some(match op {
            ">=" => Comparison::AtLeast,
            ">" => Comparison::Above,
            "<=" => Comparison::AtMost,
            "<" => Comparison::Below,
            "=" => Comparison::Exactly,
            _ => return None,
        })
    }

    pub fn op(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::Above => ">",
            Comparison::AtMost => "<=",
            Comparison::Below => "<",
            Comparison::Exactly => "=",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Win {
    pub metric: Ref,
    pub op: Comparison,
    pub qty: Quantity,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Tactic {
    pub common: Common,
    pub battle: Option<Ref>,
    pub kind: Option<Spanned<TacticKind>>,
    pub owner: Option<Spanned<Text>>,
    pub window: Option<Window>,
    pub needs: Box<[Use]>,
    pub win: Option<Win>,
    pub after: Box<[Ref]>,
    /// Rarely written: boxed, so a tactic without it is 24 bytes smaller.
    pub segment: Option<Box<Spanned<Text>>>,
}

/// A battle's or tactic's state as its owner reports it in a check-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Blocked,
    Done,
    Dropped,
}

impl ItemState {
    pub const ALL: [ItemState; 7] = [
        ItemState::NotStarted,
        ItemState::OnTrack,
        ItemState::AtRisk,
        ItemState::OffTrack,
        ItemState::Blocked,
        ItemState::Done,
        ItemState::Dropped,
    ];

    pub fn word(self) -> &'static str {
        match self {
            ItemState::NotStarted => "not_started",
            ItemState::OnTrack => "on_track",
            ItemState::AtRisk => "at_risk",
            ItemState::OffTrack => "off_track",
            ItemState::Blocked => "blocked",
            ItemState::Done => "done",
            ItemState::Dropped => "dropped",
        }
    }

    pub fn from_word(word: &str) -> Option<ItemState> {
        ItemState::ALL.into_iter().find(|s| s.word() == word)
    }
}

/// `fission at_risk`: a battle or tactic and the state reported for it.
#[derive(Clone, Debug)]
pub struct Reported {
    pub what: Ref,
    pub state: Spanned<ItemState>,
}

/// `checkin DATE "label" { … }`: what actually happened, as of a day.
#[derive(Clone, Debug)]
pub struct Checkin {
    /// `None` when the date written is not a real date (reported).
    pub date: Option<Spanned<crate::date::Date>>,
    pub label: Option<Text>,
    /// The whole item.
    pub span: Span,
    pub keyword: Span,
    /// `actual METRIC QTY, …`: each metric's value on the date.
    pub actual: Vec<Use>,
    /// `status ID STATE, …`.
    pub status: Vec<Reported>,
    /// `spent RESOURCE QTY, …`: how much of a total pool is used up, in all.
    pub spent: Vec<Use>,
    pub note: Option<Spanned<Text>>,
    pub by: Option<Spanned<Text>>,
    pub written: AttrSet,
}

impl Checkin {
    /// Where to point at it: its date, else its keyword.
    pub fn head_span(&self) -> Span {
        self.date.as_ref().map_or(self.keyword, |d| d.span)
    }
}

/// The whole plan.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// The first `plan` item; `plan-missing` reports the others.
    pub plan: Option<PlanBlock>,
    pub positioning: Option<Positioning>,
    pub resources: Vec<Resource>,
    pub metrics: Vec<Metric>,
    pub goals: Vec<Goal>,
    pub paths: Vec<Path>,
    pub battles: Vec<Battle>,
    pub tactics: Vec<Tactic>,
    /// Check-ins, in source order (`planc build` sorts them by date).
    pub checkins: Vec<Checkin>,
    /// Every named item, first definition wins; see [`Model::lookup`].
    pub names: Names,
    /// Items that did not parse.
    pub broken: Vec<Broken>,
    /// The plan's one currency, from its first money amount.
    pub currency: Option<(Currency, Span)>,
}

impl Model {
    pub fn common(&self, id: ItemId) -> Option<&Common> {
        Some(match id.kind {
            ItemKind::Resource => &self.resources.get(id.index)?.common,
            ItemKind::Metric => &self.metrics.get(id.index)?.common,
            ItemKind::Goal => &self.goals.get(id.index)?.common,
            ItemKind::Path => &self.paths.get(id.index)?.common,
            ItemKind::Battle => &self.battles.get(id.index)?.common,
            ItemKind::Tactic => &self.tactics.get(id.index)?.common,
            ItemKind::Plan | ItemKind::Positioning | ItemKind::Checkin => return None,
        })
    }

    /// The item named `name` (the first, if several are).
    pub fn lookup(&self, name: &str) -> Option<ItemId> {
        self.names.get(name, |id| self.common(id))
    }

    /// Every named item's name and id, in no particular order.
    pub fn named(&self) -> impl Iterator<Item = (&str, ItemId)> {
        self.names
            .ids()
            .filter_map(|id| Some((self.common(id)?.name(), id)))
    }

    /// Name the item `id` by its own name, unless an item already has that
    /// name: then the first, which keeps it.
    pub fn add_name(&mut self, id: ItemId) -> Result<(), ItemId> {
        let mut names = std::mem::take(&mut self.names);
        let name = self.common(id).map_or("", Common::name);
        let added = names.insert(name, id, |id| self.common(id));
        self.names = names;
        added
    }

    /// Room for `more` names without the table growing.
    pub fn reserve_names(&mut self, more: usize) {
        let mut names = std::mem::take(&mut self.names);
        names.reserve(more, |id| self.common(id));
        self.names = names;
    }

    pub fn common_mut(&mut self, id: ItemId) -> Option<&mut Common> {
        Some(match id.kind {
            ItemKind::Resource => &mut self.resources.get_mut(id.index)?.common,
            ItemKind::Metric => &mut self.metrics.get_mut(id.index)?.common,
            ItemKind::Goal => &mut self.goals.get_mut(id.index)?.common,
            ItemKind::Path => &mut self.paths.get_mut(id.index)?.common,
            ItemKind::Battle => &mut self.battles.get_mut(id.index)?.common,
            ItemKind::Tactic => &mut self.tactics.get_mut(id.index)?.common,
            ItemKind::Plan | ItemKind::Positioning | ItemKind::Checkin => return None,
        })
    }

    /// `battle `fission` «…»` for messages.
    pub fn describe(&self, id: ItemId) -> String {
        if id.kind == ItemKind::Checkin {
            if let Some(date) = self.checkins.get(id.index).and_then(|c| c.date.as_ref()) {
                return format!("the check-in of {}", date.value);
            }
        }
        self.common(id)
            .map_or_else(|| id.kind.keyword().to_string(), |c| c.describe(id.kind))
    }

    /// Whether a broken item of this kind (or of a kind that could not be
    /// read) exists: faults it could explain are not reported.
    pub fn broken_could_be(&self, kind: ItemKind) -> bool {
        self.broken.iter().any(|b| b.kind.is_none_or(|k| k == kind))
    }

    pub fn main_paths(&self) -> u32 {
        self.plan.as_ref().map_or(2, |p| p.main_paths)
    }

    pub fn concurrent_battles(&self) -> u32 {
        self.plan.as_ref().map_or(3, |p| p.concurrent_battles)
    }

    pub fn owner_load(&self) -> Option<u32> {
        self.plan.as_ref().and_then(|p| p.owner_load)
    }

    /// The window a tactic runs in: its own, else its battle's.
    pub fn tactic_window(&self, tactic: &Tactic) -> Option<DateRange> {
        tactic.window.map(|w| w.range).or_else(|| {
            let battle = tactic.battle.as_ref()?.target()?;
            self.battles[battle].window.map(|w| w.range)
        })
    }
}
