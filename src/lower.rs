//! Syntax tree to model: read every literal (dates, numbers, scores), keep
//! the first of each attribute, and report what is duplicated, missing or
//! malformed. Names are not resolved here (see `resolve`).

mod checkins;
mod error;

pub use error::LowerError;

use crate::analysis::AllowRefused;
use crate::date::{Date, DateRange, Duration};
use crate::diagnostic::Code;

use crate::model::*;
use crate::quantity::{parse_number, Currency, Unit, UnitKind};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{
    Attr, AttrKey, AttrSet, Broken, File, Item, ItemKind, QtyLit, StrLit, Value, WindowLit,
};
use crate::Text;

pub fn lower(file: &File) -> (Model, Vec<LowerError>) {
    let mut lowerer = Lowerer::new();
    for item in &file.items {
        lowerer.item(item);
    }
    lowerer.finish(file.broken.clone())
}

/// Lowering one item at a time, as the parser reads them.
pub struct Lowerer {
    lower: Lower,
    /// Where each `plan` item is: the first is the plan, others are reported.
    plans: Vec<Span>,
}

impl Default for Lowerer {
    fn default() -> Self {
        Lowerer::new()
    }
}

impl Lowerer {
    pub fn new() -> Lowerer {
        Lowerer {
            lower: Lower {
                model: Model::default(),
                errors: Vec::new(),
            },
            plans: Vec::new(),
        }
    }

    /// A lowerer whose lists hold `counts` items of each kind without
    /// growing: a list that doubles as it fills holds up to twice its items
    /// and, while it moves, both copies (a third of `planc check`'s peak on
    /// a 100 000-battle plan). A wrong count only costs a list its growth.
    pub fn with_capacity(counts: &crate::syntax::ItemCounts, text_len: usize) -> Lowerer {
        // No kind of item takes fewer bytes than this in a real plan: a
        // count beyond the text's room (lines of item words alone) is not
        // reserved.
        const LEAST_ITEM: usize = 16;
        let room = text_len / LEAST_ITEM;
        let n = |kind: ItemKind| counts.of(kind).min(room);
        let mut lowerer = Lowerer::new();
        let model = &mut lowerer.lower.model;
        model.resources.reserve_exact(n(ItemKind::Resource));
        model.metrics.reserve_exact(n(ItemKind::Metric));
        model.goals.reserve_exact(n(ItemKind::Goal));
        model.paths.reserve_exact(n(ItemKind::Path));
        model.battles.reserve_exact(n(ItemKind::Battle));
        model.tactics.reserve_exact(n(ItemKind::Tactic));
        model.checkins.reserve_exact(n(ItemKind::Checkin));
        let named = ItemKind::NAMED.into_iter().map(n).sum::<usize>();
        model.reserve_names(named.min(room));
        lowerer
    }

    pub fn item(&mut self, item: &Item) {
        self.lower.item(item, &mut self.plans);
    }

    /// The model, once every item is read; `broken` are the regions that did not parse.
    pub fn finish(self, broken: Vec<Broken>) -> (Model, Vec<LowerError>) {
        let Lowerer { mut lower, plans } = self;
        lower.model.broken = broken;
        if plans.is_empty() && !lower.model.broken_could_be(ItemKind::Plan) {
            lower.errors.push(LowerError::PlanMissing);
        }
        for extra in plans.iter().skip(1) {
            lower.errors.push(LowerError::ExtraPlan {
                first: plans[0],
                span: *extra,
            });
        }
        checkins::check(&lower.model, &mut lower.errors);
        (lower.model, lower.errors)
    }
}

struct Lower {
    model: Model,
    errors: Vec<LowerError>,
}

/// The attributes of one block, first of each kept; later ones reported.
struct Attrs<'a> {
    first: Vec<&'a Attr>,
    written: AttrSet,
    damaged: bool,
}

impl<'a> Attrs<'a> {
    fn get(&self, key: AttrKey) -> Option<&'a Value> {
        self.first.iter().find(|a| a.key == key).map(|a| &a.value)
    }

    fn span(&self, key: AttrKey) -> Option<Span> {
        self.first.iter().find(|a| a.key == key).map(|a| a.span)
    }
}

impl Lower {
    fn attrs<'a>(&mut self, item: &'a Item) -> Attrs<'a> {
        let mut attrs = Attrs {
            first: Vec::new(),
            written: AttrSet::default(),
            damaged: false,
        };
        for attr in &item.attrs {
            if let Some(first) = attrs.first.iter().find(|a| a.key == attr.key) {
                self.errors.push(LowerError::DuplicateAttribute {
                    kind: item.kind,
                    key: attr.key,
                    first: first.key_span,
                    span: attr.key_span,
                });
            } else {
                attrs.first.push(attr);
                attrs.written.insert(attr.key);
            }
        }
        attrs
    }

    /// `allow NAME, …`, on the plan or on one item: the warnings named, each
    /// with its place; names of errors, and names of nothing, reported.
    fn allow_list(&mut self, attrs: &Attrs) -> Vec<(Code, Span)> {
        let mut allow = Vec::new();
        if let Some(Value::DiagNames(names)) = attrs.get(AttrKey::Allow) {
            for name in names {
                match crate::analysis::allow_name(&name.value) {
                    Ok(code) => allow.push((code, name.span)),
                    Err(AllowRefused::NotAWarning(code)) => {
                        self.errors.push(LowerError::AllowError {
                            span: name.span,
                            code,
                        })
                    }
                    Err(AllowRefused::Unknown { suggestion }) => {
                        self.errors.push(LowerError::UnknownAllow {
                            span: name.span,
                            name: name.value.clone(),
                            suggestion,
                        })
                    }
                }
            }
        }
        allow
    }

    fn common(&mut self, item: &Item, attrs: &Attrs) -> Common {
        let allow = self.allow_list(attrs).into_iter().map(|(c, _)| c).collect();
        let id = item
            .name
            .clone()
            .expect("named items have an ID in the grammar");
        let label = item.label.as_ref().map(|l| self.text(l).value);
        Common {
            id,
            label,
            span: item.span,
            keyword: item.keyword,
            written: attrs.written,
            damaged: attrs.damaged,
            allow,
        }
    }

    /// Register a name; report it if taken.
    fn name(&mut self, item: &Item, index: usize) {
        let Some(id) = &item.name else { return };
        let added = self.model.add_name(ItemId {
            kind: item.kind,
            index,
        });
        if let Err(first) = added {
            let first_span = self.model.common(first).map_or(id.span, |c| c.id.span);
            self.errors.push(LowerError::DuplicateName {
                name: id.name.to_string(),
                kind: item.kind,
                span: id.span,
                first_kind: first.kind,
                first: first_span,
            });
        }
    }

    fn item(&mut self, item: &Item, plans: &mut Vec<Span>) {
        let mut attrs = self.attrs(item);
        match item.kind {
            ItemKind::Plan => {
                plans.push(item.keyword);
                if plans.len() == 1 {
                    let plan = self.plan(item, &mut attrs);
                    self.model.plan = Some(plan);
                }
            }
            ItemKind::Positioning => {
                if let Some(first) = &self.model.positioning {
                    self.errors.push(LowerError::ExtraPositioning {
                        first: first.keyword,
                        span: item.keyword,
                    });
                } else {
                    let positioning = self.positioning(item, &mut attrs);
                    self.model.positioning = Some(positioning);
                }
            }
            ItemKind::Resource => {
                let index = self.model.resources.len();
                let resource = self.resource(item, &mut attrs);
                self.model.resources.push(resource);
                self.name(item, index);
            }
            ItemKind::Metric => {
                let index = self.model.metrics.len();
                let unit = item
                    .unit
                    .as_ref()
                    .and_then(|u| UnitKind::from_word(&u.value))
                    .unwrap_or(UnitKind::Count);
                let common = self.common(item, &attrs);
                self.model.metrics.push(Metric { common, unit });
                self.name(item, index);
            }
            ItemKind::Goal => {
                let index = self.model.goals.len();
                let goal = self.goal(item, &mut attrs);
                self.model.goals.push(goal);
                self.name(item, index);
            }
            ItemKind::Path => {
                let index = self.model.paths.len();
                let path = self.path(item, &mut attrs);
                self.model.paths.push(path);
                self.name(item, index);
            }
            ItemKind::Battle => {
                let index = self.model.battles.len();
                let battle = self.battle(item, &mut attrs);
                self.model.battles.push(battle);
                self.name(item, index);
            }
            ItemKind::Tactic => {
                let index = self.model.tactics.len();
                let tactic = self.tactic(item, &mut attrs);
                self.model.tactics.push(tactic);
                self.name(item, index);
            }
            ItemKind::Checkin => {
                let checkin = self.checkin(item, &mut attrs);
                self.model.checkins.push(checkin);
            }
        }
    }

    fn plan(&mut self, item: &Item, attrs: &mut Attrs) -> PlanBlock {
        let title = item
            .label
            .as_ref()
            .map(|l| self.text(l).value.into())
            .unwrap_or_default();
        let mut plan = PlanBlock {
            title,
            span: item.span,
            keyword: item.keyword,
            main_paths: 2,
            concurrent_battles: 3,
            written: attrs.written,
            ..PlanBlock::default()
        };
        if let Some(Value::Window(w)) = attrs.get(AttrKey::Period) {
            plan.period = self.window(w, attrs);
        } else {
            self.errors.push(LowerError::MissingAttribute {
                span: item.keyword,
                message: "the plan has no `period`".to_string(),
                label: "needs `period`",
                help: "Add the planning horizon, like `period 2026-01-01 .. 2026-12-31`.",
            });
        }
        if let Some(Value::Limits(limits)) = attrs.get(AttrKey::Limits) {
            let mut seen: Vec<&Spanned<String>> = Vec::new();
            for (key, value) in limits {
                if let Some(first) = seen.iter().find(|k| k.value == key.value) {
                    self.errors.push(LowerError::DuplicateLimit {
                        key: key.value.clone(),
                        first: first.span,
                        span: key.span,
                    });
                    continue;
                }
                seen.push(key);
                let n = match parse_number(&value.value) {
                    Ok(n)
                        if n.amount.0 > 0
                            && n.amount.0 % crate::quantity::SCALE == 0
                            && n.amount.0 <= 1_000_000 * crate::quantity::SCALE =>
                    {
                        (n.amount.0 / crate::quantity::SCALE) as u32
                    }
                    _ => {
                        self.errors.push(LowerError::BadLimit {
                            span: value.span,
                            text: value.value.clone(),
                        });
                        continue;
                    }
                };
                match key.value.as_str() {
                    "main_paths" => plan.main_paths = n,
                    "owner_load" => plan.owner_load = Some(n),
                    _ => plan.concurrent_battles = n,
                }
            }
        }
        if let Some(Value::Limits(alerts)) = attrs.get(AttrKey::Alerts) {
            self.alerts(alerts, &mut plan);
        }
        if let Some(Value::Strs(patterns)) = attrs.get(AttrKey::Include) {
            plan.include = patterns.iter().map(|s| self.spanned_text(s)).collect();
        }
        if let Some(Value::Word(w)) = attrs.get(AttrKey::Lang) {
            plan.lang = crate::lang::Lang::from_code(&w.value);
        }
        plan.allow = self.allow_list(attrs);
        plan
    }

    /// `alerts at_risk 95%, off_track 80%`: each a percentage from 0% to
    /// 100%, given once, `off_track` not above `at_risk`.
    fn alerts(&mut self, alerts: &[(Spanned<String>, Spanned<String>)], plan: &mut PlanBlock) {
        let mut seen: Vec<&Spanned<String>> = Vec::new();
        let mut off_track: Option<&Spanned<String>> = None;
        for (key, value) in alerts {
            if let Some(first) = seen.iter().find(|k| k.value == key.value) {
                self.errors.push(LowerError::DuplicateLimit {
                    key: key.value.clone(),
                    first: first.span,
                    span: key.span,
                });
                continue;
            }
            seen.push(key);
            let digits = value.value.trim_end_matches(['%', '％']);
            let pct = match parse_number(digits) {
                Ok(n) if n.amount.0 <= 100 * crate::quantity::SCALE => n.amount,
                _ => {
                    self.errors.push(LowerError::BadAlert {
                        span: value.span,
                        text: value.value.clone(),
                        above: None,
                    });
                    continue;
                }
            };
            if key.value == "at_risk" {
                plan.alerts.at_risk = pct;
            } else {
                plan.alerts.off_track = pct;
                off_track = Some(value);
            }
        }
        if let Some(value) = off_track {
            if plan.alerts.off_track > plan.alerts.at_risk {
                let at_risk = format!("{}%", plan.alerts.at_risk.to_decimal());
                self.errors.push(LowerError::BadAlert {
                    span: value.span,
                    text: value.value.clone(),
                    above: Some(at_risk),
                });
                plan.alerts = crate::schedule::Alerts::default();
            }
        }
    }

    fn positioning(&mut self, item: &Item, attrs: &mut Attrs) -> Positioning {
        let mut p = Positioning {
            span: item.span,
            keyword: item.keyword,
            ..Positioning::default()
        };
        for attr in &attrs.first {
            match (&attr.value, attr.key) {
                (Value::Str(s), AttrKey::WeAre) => p.we_are = Some(self.spanned_text(s)),
                (Value::Str(s), AttrKey::Serve) => p.serve = Some(self.spanned_text(s)),
                (Value::Str(s), AttrKey::Pain) => p.pain = Some(self.spanned_text(s)),
                (Value::Str(s), AttrKey::WhyUs) => p.why_us = Some(self.spanned_text(s)),
                (Value::Strs(list), _) => {
                    p.not_do = list.iter().map(|s| self.spanned_text(s)).collect()
                }
                (Value::Scores(scores), _) => {
                    for (id, score) in scores {
                        match score.value.parse::<u8>() {
                            Ok(n @ 1..=5) => p.moat.push((id.clone(), n)),
                            _ => self.errors.push(LowerError::BadScore {
                                span: score.span,
                                text: score.value.clone(),
                            }),
                        }
                    }
                }
                _ => {}
            }
        }
        p
    }

    fn resource(&mut self, item: &Item, attrs: &mut Attrs) -> Resource {
        let capacity = attrs.get(AttrKey::Capacity);
        let total = attrs.get(AttrKey::Total);
        let (kind, value) = match (capacity, total) {
            (Some(Value::Qty(q)), None) => (Some(PoolKind::Capacity), Some(q)),
            (None, Some(Value::Qty(q))) => (Some(PoolKind::Total), Some(q)),
            (Some(_), Some(_)) => {
                let span = attrs.span(AttrKey::Total).unwrap_or(item.keyword);
                let first = attrs.span(AttrKey::Capacity).unwrap_or(item.keyword);
                self.errors
                    .push(LowerError::CapacityAndTotal { first, span });
                (None, None)
            }
            _ => {
                let name = item
                    .name
                    .as_ref()
                    .map_or(String::new(), |n| format!(" `{}`", n.name));
                self.errors.push(LowerError::MissingAttribute {
                    span: item.name.as_ref().map_or(item.keyword, |n| n.span),
                    message: format!("resource{name} has neither a `capacity` nor a `total`"),
                    label: "needs `capacity` or `total`",
                    help: "Say how much there is: `{ capacity 12 }` for people or desks at any one time, `{ total ¥120万 }` for a budget spent over the plan.",
                });
                (None, None)
            }
        };
        let amount = value.and_then(|q| self.quantity(q, attrs));
        if let (Some(PoolKind::Capacity), Some(q)) = (kind, &amount) {
            if q.unit != Unit::Count || q.change {
                self.errors
                    .push(LowerError::CapacityNotCount { span: q.span });
                attrs.damaged = true;
            }
        }
        let common = self.common(item, attrs);
        Resource {
            common,
            kind,
            amount,
        }
    }

    fn goal(&mut self, item: &Item, attrs: &mut Attrs) -> Goal {
        let perspective = match attrs.get(AttrKey::Perspective) {
            Some(Value::Word(w)) => {
                Perspective::from_word(&w.value).map(|p| Spanned::new(p, w.span))
            }
            _ => None,
        };
        let target = match attrs.get(AttrKey::Target) {
            Some(Value::Target { metric, qty, by }) => {
                let qty = self.quantity(qty, attrs);
                let date = self.date(by, attrs);
                match (qty, date) {
                    (Some(qty), Some(date)) => Some(Target {
                        metric: Ref::new(metric),
                        qty,
                        by: Spanned::new(date, by.span),
                        span: attrs.span(AttrKey::Target).unwrap_or(metric.span),
                    }),
                    _ => None,
                }
            }
            _ => None,
        };
        let mut keep = match attrs.get(AttrKey::Keep) {
            Some(Value::Win { metric, op, qty }) => self.quantity(qty, attrs).map(|qty| Win {
                metric: Ref::new(metric),
                op: Comparison::from_op(&op.value).unwrap_or(Comparison::AtLeast),
                qty,
                span: attrs.span(AttrKey::Keep).unwrap_or(metric.span),
            }),
            _ => None,
        };
        // A goal has a target or a guardrail, not both: the target is kept,
        // and the goal's numbers are left alone until one is removed.
        if let (Some(first), Some(span)) = (attrs.span(AttrKey::Target), attrs.span(AttrKey::Keep))
        {
            self.errors.push(LowerError::TargetAndKeep { first, span });
            keep = None;
            attrs.damaged = true;
        }
        let baseline = match attrs.get(AttrKey::Baseline) {
            Some(Value::Qty(q)) => self.quantity(q, attrs),
            _ => None,
        };
        let split = self.split(attrs, AttrKey::Split, item);
        let mut milestones = self.split(attrs, AttrKey::Milestones, item);
        // A split or milestones, not both: the split is kept.
        if let (Some(first), Some(span)) =
            (attrs.span(AttrKey::Split), attrs.span(AttrKey::Milestones))
        {
            self.errors
                .push(LowerError::SplitAndMilestones { first, span });
            milestones = None;
            attrs.damaged = true;
        }
        Goal {
            perspective,
            target,
            keep,
            baseline,
            split,
            milestones,
            part_of: self.single_ref(attrs.get(AttrKey::PartOf)),
            supports: self.refs(attrs.get(AttrKey::Supports)),
            breakthrough: attrs.span(AttrKey::Breakthrough),
            owner: self.string(attrs.get(AttrKey::Owner)),
            common: self.common(item, attrs),
        }
    }

    /// A `split` or `milestones`, if every value reads.
    fn split(&mut self, attrs: &mut Attrs, key: AttrKey, item: &Item) -> Option<Split> {
        let Some(Value::Split { mode, values }) = attrs.get(key) else {
            return None;
        };
        let mode = if mode.value == "monthly" {
            SplitMode::Monthly
        } else {
            SplitMode::Quarterly
        };
        let parsed: Vec<Quantity> = values
            .iter()
            .filter_map(|v| self.quantity(v, attrs))
            .collect();
        (parsed.len() == values.len()).then(|| Split {
            mode,
            values: parsed,
            span: attrs.span(key).unwrap_or(item.keyword),
        })
    }

    fn path(&mut self, item: &Item, attrs: &mut Attrs) -> Path {
        let cost = self.uses(attrs.get(AttrKey::Cost), attrs);
        let expects = self.uses(attrs.get(AttrKey::Expects), attrs);
        let duration = self.duration(attrs.get(AttrKey::Duration), attrs);
        Path {
            serves: self.refs(attrs.get(AttrKey::Serves)),
            main: attrs.span(AttrKey::Main),
            cost,
            duration,
            expects,
            segment: self.string(attrs.get(AttrKey::Segment)),
            owner: self.string(attrs.get(AttrKey::Owner)),
            common: self.common(item, attrs),
        }
    }

    fn battle(&mut self, item: &Item, attrs: &mut Attrs) -> Battle {
        let objective = self.uses(attrs.get(AttrKey::Objective), attrs);
        let needs = self.uses(attrs.get(AttrKey::Needs), attrs);
        let window = match attrs.get(AttrKey::Window) {
            Some(Value::Window(w)) => self.window(w, attrs),
            _ => None,
        };
        let review = self.duration(attrs.get(AttrKey::Review), attrs);
        Battle {
            on: self.single_ref(attrs.get(AttrKey::On)),
            objective,
            significance: self.string(attrs.get(AttrKey::Significance)),
            window,
            needs: needs.into(),
            review,
            after: self.refs(attrs.get(AttrKey::After)).into(),
            owner: self.string(attrs.get(AttrKey::Owner)),
            segment: self.string(attrs.get(AttrKey::Segment)).map(Box::new),
            common: self.common(item, attrs),
        }
    }

    fn tactic(&mut self, item: &Item, attrs: &mut Attrs) -> Tactic {
        let needs = self.uses(attrs.get(AttrKey::Needs), attrs);
        let window = match attrs.get(AttrKey::Window) {
            Some(Value::Window(w)) => self.window(w, attrs),
            _ => None,
        };
        let win = match attrs.get(AttrKey::Win) {
            Some(Value::Win { metric, op, qty }) => self.quantity(qty, attrs).map(|qty| Win {
                metric: Ref::new(metric),
                op: Comparison::from_op(&op.value).unwrap_or(Comparison::AtLeast),
                qty,
                span: attrs.span(AttrKey::Win).unwrap_or(metric.span),
            }),
            _ => None,
        };
        let kind = match attrs.get(AttrKey::Kind) {
            Some(Value::Word(w)) => {
                TacticKind::from_word(&w.value).map(|k| Spanned::new(k, w.span))
            }
            _ => None,
        };
        Tactic {
            battle: self.single_ref(attrs.get(AttrKey::For)),
            kind,
            owner: self.string(attrs.get(AttrKey::Owner)),
            window,
            needs: needs.into(),
            win,
            after: self.refs(attrs.get(AttrKey::After)).into(),
            segment: self.string(attrs.get(AttrKey::Segment)).map(Box::new),
            common: self.common(item, attrs),
        }
    }

    fn checkin(&mut self, item: &Item, attrs: &mut Attrs) -> Checkin {
        let date = item
            .date
            .as_ref()
            .and_then(|d| self.date(d, attrs).map(|date| Spanned::new(date, d.span)));
        let status = match attrs.get(AttrKey::Status) {
            Some(Value::States(states)) => states
                .iter()
                .filter_map(|(name, state)| {
                    ItemState::from_word(&state.value).map(|s| Reported {
                        what: Ref::new(name),
                        state: Spanned::new(s, state.span),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        Checkin {
            date,
            label: item.label.as_ref().map(|l| self.text(l).value),
            span: item.span,
            keyword: item.keyword,
            actual: self.uses(attrs.get(AttrKey::Actual), attrs),
            status,
            spent: self.uses(attrs.get(AttrKey::Spent), attrs),
            note: self.string(attrs.get(AttrKey::Note)),
            by: self.string(attrs.get(AttrKey::By)),
            written: attrs.written,
        }
    }

    // ------------------------------------------------------------ values

    fn refs(&self, value: Option<&Value>) -> Vec<Ref> {
        match value {
            Some(Value::Names(names)) => names.iter().map(Ref::new).collect(),
            _ => Vec::new(),
        }
    }

    fn single_ref(&self, value: Option<&Value>) -> Option<Ref> {
        match value {
            Some(Value::Name(name)) => Some(Ref::new(name)),
            _ => None,
        }
    }

    fn string(&mut self, value: Option<&Value>) -> Option<Spanned<Text>> {
        match value {
            Some(Value::Str(s)) => Some(self.spanned_text(s)),
            _ => None,
        }
    }

    fn spanned_text(&mut self, s: &StrLit) -> Spanned<Text> {
        let text = self.text(s);
        Spanned::new(text.value, text.span)
    }

    /// A string's value; a `\u{…}` that names no character is reported.
    fn text(&mut self, s: &StrLit) -> StrLit {
        if let Some(span) = s.bad_escape {
            self.errors.push(LowerError::BadCharEscape { span });
        }
        s.clone()
    }

    fn uses(&mut self, value: Option<&Value>, attrs: &mut Attrs) -> Vec<Use> {
        let Some(Value::Amounts(amounts)) = value else {
            return Vec::new();
        };
        // Exactly as many as written: `collect` from a `filter_map` starts
        // at four, and a tactic's two `needs` then held 512 bytes for 256
        // (a seventh of `planc check`'s peak on 100 000 battles).
        let mut uses = Vec::with_capacity(amounts.len());
        for (name, qty) in amounts {
            if let Some(qty) = self.quantity(qty, attrs) {
                uses.push(Use {
                    what: Ref::new(name),
                    qty,
                });
            }
        }
        uses
    }

    fn quantity(&mut self, lit: &QtyLit, attrs: &mut Attrs) -> Option<Quantity> {
        let number = match parse_number(&lit.number) {
            Ok(n) => n,
            Err(error) => {
                self.errors.push(LowerError::BadNumber {
                    span: lit.span,
                    text: lit.text.to_string(),
                    error,
                });
                attrs.damaged = true;
                return None;
            }
        };
        let unit = match &lit.currency {
            Some(sign) => Unit::Money(Currency::from_sign(sign).unwrap_or(Currency::Cny)),
            None if lit.percent => Unit::Percent,
            None => Unit::Count,
        };
        if let Unit::Money(currency) = unit {
            if self.model.currency.is_none() {
                self.model.currency = Some((currency, lit.span));
            }
        }
        let amount = if lit.sign == Some('-') {
            number.amount.negated()
        } else {
            number.amount
        };
        Some(Quantity {
            amount,
            unit,
            change: lit.sign.is_some(),
            scale: number.scale,
            text: lit.text.clone(),
            span: lit.span,
        })
    }

    fn date(&mut self, lit: &Spanned<String>, attrs: &mut Attrs) -> Option<Date> {
        let date = Date::parse(&lit.value);
        if date.is_none() {
            self.errors.push(LowerError::BadDate {
                span: lit.span,
                text: lit.value.clone(),
            });
            attrs.damaged = true;
        }
        date
    }

    fn window(&mut self, w: &WindowLit, attrs: &mut Attrs) -> Option<Window> {
        let start = self.date(&w.start, attrs);
        let end = self.date(&w.end, attrs);
        let (start, end) = (start?, end?);
        if start > end {
            self.errors.push(LowerError::BackwardsWindow {
                span: w.span,
                start,
                end,
            });
            attrs.damaged = true;
            return None;
        }
        Some(Window {
            range: DateRange { start, end },
            span: w.span,
        })
    }

    fn duration(&mut self, value: Option<&Value>, attrs: &mut Attrs) -> Option<Spanned<Duration>> {
        let Some(Value::Duration(d)) = value else {
            return None;
        };
        match Duration::parse(&d.value) {
            Some(duration) => Some(Spanned::new(duration, d.span)),
            None => {
                self.errors.push(LowerError::BadDuration {
                    span: d.span,
                    text: d.value.clone(),
                });
                attrs.damaged = true;
                None
            }
        }
    }
}
