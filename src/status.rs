//! `planc status`: the plan as of a day, against what the check-ins say
//! happened (LANGUAGE.md, *Check-ins and status*).
//!
//! [`status`] is pure: a resolved model and a day in, the state of every
//! goal, battle, tactic and total pool out, with the status diagnostics as
//! typed [`Finding`]s (worded in `status/findings.rs` alone). The arithmetic
//! of goals is `crate::schedule`'s, exact to the millionth; nothing here
//! reads a clock: the day is always given.
//!
//! Cost: one pass over the check-ins (sorted by date) to index the latest
//! reading of each metric, item and pool, then one pass over the items;
//! O(n log n) in the size of the plan.

mod findings;
pub mod human;
pub mod json;
pub mod markdown;
pub mod words;

pub(crate) use findings::pace_percent;
pub use findings::Finding;

use crate::check::resources::charges;
use crate::date::{Date, DateRange, DurationUnit};
use crate::model::{Comparison, ItemState, Model, PoolKind, SplitMode};
use crate::quantity::{Amount, Style, Unit};
use crate::schedule::{add_months, goal_state, Alerts, Cadence, GoalLine, GoalState, Line, Ratio};
use crate::span::Span;

/// The diagnostics only `planc status` reports (they depend on the day).
pub const CODES: [crate::Code; 7] = [
    crate::Code::GoalOffTrack,
    crate::Code::GoalMissed,
    crate::Code::ReviewOverdue,
    crate::Code::BattleNotClosed,
    crate::Code::Overspent,
    crate::Code::GuardrailBreached,
    crate::Code::CheckinInFuture,
];

/// Where a battle or tactic stands in time on the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Upcoming,
    Running,
    Ended,
}

impl Phase {
    pub fn of(window: DateRange, today: Date) -> Phase {
        if today < window.start {
            Phase::Upcoming
        } else if today > window.end {
            Phase::Ended
        } else {
            Phase::Running
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Phase::Upcoming => "upcoming",
            Phase::Running => "running",
            Phase::Ended => "ended",
        }
    }
}

/// A battle's or tactic's state on the day: the latest reported, else
/// `not_started` while upcoming and `no_data` from its start on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Reported(ItemState),
    NoData,
}

impl State {
    pub fn word(self) -> &'static str {
        match self {
            State::Reported(s) => s.word(),
            State::NoData => "no_data",
        }
    }
}

/// A tactic's `win` criterion on the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WinState {
    Won,
    Lost,
    Open,
}

impl WinState {
    pub fn word(self) -> &'static str {
        match self {
            WinState::Won => "won",
            WinState::Lost => "lost",
            WinState::Open => "open",
        }
    }
}

/// One dated value from a check-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub date: Date,
    pub amount: Amount,
    /// Where the value is written.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct GoalStatus {
    pub goal: usize,
    pub state: GoalState,
    /// The target, its date, and how to show its amounts.
    pub target: Option<(Amount, Date, Style)>,
    /// The latest actual on or before the day.
    pub actual: Option<Reading>,
    /// The expected value on the actual's date.
    pub expected: Option<Amount>,
    /// The expected value on the day itself (what the language server's
    /// hover shows as "expected today").
    pub expected_today: Option<Amount>,
    /// (actual − origin) / (expected − origin), on the actual's date.
    pub pace: Option<Ratio>,
    /// A guardrail's bound: `keep METRIC OP QTY`, and how to show it.
    pub keep: Option<(Comparison, Amount, Style)>,
    /// The goals that are `part_of` this one, in source order.
    pub parts: Vec<usize>,
    /// The parts' latest actuals added up (parts in the parent's unit with
    /// an actual), with how many parts have one.
    pub parts_actual: Option<(Amount, usize)>,
}

#[derive(Clone, Debug)]
pub struct BattleStatus {
    pub battle: usize,
    pub window: Option<DateRange>,
    pub phase: Option<Phase>,
    pub state: State,
    /// The date of the latest check-in naming it (its `last_review`).
    pub last_review: Option<Date>,
    /// For a running battle with a `review` cadence: how many days past the
    /// next review it is (0 when on time).
    pub review_overdue_days: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct TacticStatus {
    pub tactic: usize,
    pub window: Option<DateRange>,
    pub phase: Option<Phase>,
    pub state: State,
    pub last_review: Option<Date>,
    pub win: WinState,
}

#[derive(Clone, Debug)]
pub struct PoolStatus {
    pub resource: usize,
    /// The latest `spent` on or before the day (none reported: nothing).
    pub spent: Option<Reading>,
    /// Each charge spread evenly over the days of its window, up to the day.
    pub planned: Amount,
    pub total: Amount,
    pub style: Style,
}

/// The whole status on one day.
#[derive(Clone, Debug)]
pub struct Status {
    pub today: Date,
    pub goals: Vec<GoalStatus>,
    pub battles: Vec<BattleStatus>,
    pub tactics: Vec<TacticStatus>,
    pub pools: Vec<PoolStatus>,
    /// The status diagnostics, in the order of the items they are about.
    pub findings: Vec<Finding>,
}

/// The latest state reported for each battle and tactic, and when.
type Latest = Vec<Option<(Date, ItemState)>>;

/// What the check-ins on or before the day say, indexed.
struct Readings {
    /// Each metric's actuals, in date order.
    metrics: Vec<Vec<Reading>>,
    battles: Latest,
    tactics: Latest,
    /// Each resource's latest `spent`.
    pools: Vec<Option<Reading>>,
}

impl Readings {
    fn new(model: &Model, today: Date, findings: &mut Vec<Finding>) -> Readings {
        let mut dated: Vec<(Date, usize)> = Vec::with_capacity(model.checkins.len());
        for (i, c) in model.checkins.iter().enumerate() {
            let Some(date) = &c.date else { continue };
            if date.value > today {
                findings.push(Finding::CheckinInFuture {
                    checkin: i,
                    date: date.value,
                    today,
                });
            } else {
                dated.push((date.value, i));
            }
        }
        dated.sort_unstable();
        let mut r = Readings {
            metrics: vec![Vec::new(); model.metrics.len()],
            battles: vec![None; model.battles.len()],
            tactics: vec![None; model.tactics.len()],
            pools: vec![None; model.resources.len()],
        };
        for (date, i) in dated {
            let c = &model.checkins[i];
            for u in &c.actual {
                let Some(m) = u.what.target() else { continue };
                // A value in the wrong unit is `unit-mismatch`: not a reading.
                if u.qty.unit.kind() != model.metrics[m].unit {
                    continue;
                }
                r.metrics[m].push(Reading {
                    date,
                    amount: u.qty.amount,
                    span: u.qty.span,
                });
            }
            for s in &c.status {
                match s.what.item() {
                    Some(id) if id.kind == crate::syntax::ast::ItemKind::Battle => {
                        r.battles[id.index] = Some((date, s.state.value))
                    }
                    Some(id) if id.kind == crate::syntax::ast::ItemKind::Tactic => {
                        r.tactics[id.index] = Some((date, s.state.value))
                    }
                    _ => {}
                }
            }
            for u in &c.spent {
                let Some(p) = u.what.target() else { continue };
                if model.resources[p].unit().map(Unit::kind) != Some(u.qty.unit.kind()) {
                    continue;
                }
                r.pools[p] = Some(Reading {
                    date,
                    amount: u.qty.amount,
                    span: u.qty.span,
                });
            }
        }
        r
    }

    /// The latest actual of a metric on or before `day`.
    fn actual_by(&self, metric: usize, day: Date) -> Option<Reading> {
        let list = &self.metrics[metric];
        let n = list.partition_point(|r| r.date <= day);
        n.checked_sub(1).map(|i| list[i])
    }
}

/// The state of every goal on `today`, without the battles, tactics and
/// pools: what the language server's hover needs, computed by the same code
/// as [`status`]'s goals.
pub fn goals(model: &Model, today: Date) -> Vec<GoalStatus> {
    let mut findings = Vec::new();
    let readings = Readings::new(model, today, &mut findings);
    goal_statuses(model, &readings, today, &mut findings)
}

/// The state of the plan on `today`. `model` is resolved (`analyze`).
pub fn status(model: &Model, today: Date) -> Status {
    let mut findings = Vec::new();
    let readings = Readings::new(model, today, &mut findings);
    let goals = goal_statuses(model, &readings, today, &mut findings);
    let mut battles = Vec::with_capacity(model.battles.len());
    for (i, b) in model.battles.iter().enumerate() {
        let window = b.window.map(|w| w.range);
        let phase = window.map(|w| Phase::of(w, today));
        let latest = readings.battles[i];
        let state = item_state(latest, phase);
        let last_review = latest.map(|(d, _)| d);
        let mut overdue = None;
        if let (Some(Phase::Running), Some(w), Some(review)) = (phase, window, &b.review) {
            // Counted from the start when the last review was before it.
            let from = last_review.map_or(w.start, |d| d.max(w.start));
            let next = next_review(from, review.value);
            let late = i64::from(today.0) - i64::from(next.0);
            overdue = Some(late.max(0));
            if late > 0 {
                findings.push(Finding::ReviewOverdue {
                    battle: i,
                    days: late,
                    last_review,
                    since: from,
                });
            }
        }
        if phase == Some(Phase::Ended)
            && !matches!(state, State::Reported(ItemState::Done | ItemState::Dropped))
        {
            findings.push(Finding::BattleNotClosed {
                battle: i,
                end: window.map_or(today, |w| w.end),
                state,
            });
        }
        battles.push(BattleStatus {
            battle: i,
            window,
            phase,
            state,
            last_review,
            review_overdue_days: overdue,
        });
    }

    let tactics = model
        .tactics
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let window = model.tactic_window(t);
            let phase = window.map(|w| Phase::of(w, today));
            let latest = readings.tactics[i];
            let win = match (&t.win, window) {
                (Some(w), Some(range)) => match w.metric.target() {
                    Some(m) => {
                        let cutoff = range.end.min(today);
                        let met = readings
                            .actual_by(m, cutoff)
                            .is_some_and(|r| meets(w.op, r.amount, w.qty.amount));
                        if met {
                            WinState::Won
                        } else if today > range.end {
                            WinState::Lost
                        } else {
                            WinState::Open
                        }
                    }
                    None => WinState::Open,
                },
                _ => WinState::Open,
            };
            TacticStatus {
                tactic: i,
                window,
                phase,
                state: item_state(latest, phase),
                last_review: latest.map(|(d, _)| d),
                win,
            }
        })
        .collect();

    let mut pools: Vec<PoolStatus> = Vec::new();
    let mut pool_of = vec![None; model.resources.len()];
    for (i, r) in model.resources.iter().enumerate() {
        if r.kind != Some(PoolKind::Total) {
            continue;
        }
        let Some(total) = &r.amount else { continue };
        pool_of[i] = Some(pools.len());
        pools.push(PoolStatus {
            resource: i,
            spent: readings.pools[i],
            planned: Amount::ZERO,
            total: total.amount,
            style: total.style(),
        });
    }
    if !pools.is_empty() {
        let ctx = crate::check::Ctx::new(model);
        for c in charges(&ctx) {
            let Some(p) = pool_of[c.resource] else {
                continue;
            };
            let part = burned(c.charge.amount, c.charge.range, today);
            pools[p].planned = pools[p].planned.plus(part);
        }
    }
    for p in &pools {
        if let Some(spent) = p.spent {
            if spent.amount > p.total {
                findings.push(Finding::Overspent {
                    resource: p.resource,
                    spent,
                    total: p.total,
                });
            }
        }
    }

    Status {
        today,
        goals,
        battles,
        tactics,
        pools,
        findings,
    }
}

fn goal_statuses(
    model: &Model,
    readings: &Readings,
    today: Date,
    findings: &mut Vec<Finding>,
) -> Vec<GoalStatus> {
    let alerts = model
        .plan
        .as_ref()
        .map_or_else(Alerts::default, |p| p.alerts);
    let period_start = model
        .plan
        .as_ref()
        .and_then(|p| p.period)
        .map(|w| w.range.start);

    let mut goals = Vec::with_capacity(model.goals.len());
    for (i, g) in model.goals.iter().enumerate() {
        let mut out = GoalStatus {
            goal: i,
            state: GoalState::NoData,
            target: None,
            actual: None,
            expected: None,
            expected_today: None,
            pace: None,
            keep: None,
            parts: Vec::new(),
            parts_actual: None,
        };
        if let Some(k) = &g.keep {
            // A guardrail: held while its latest actual keeps the bound.
            out.keep = Some((k.op, k.qty.amount, k.qty.style()));
            let latest = k.metric.target().and_then(|m| readings.actual_by(m, today));
            out.actual = latest;
            if let Some(r) = latest {
                if meets(k.op, r.amount, k.qty.amount) {
                    out.state = GoalState::Held;
                } else {
                    out.state = GoalState::Breached;
                    findings.push(Finding::GuardrailBreached { goal: i, actual: r });
                }
            }
            goals.push(out);
            continue;
        }
        let (Some(t), Some(start)) = (&g.target, period_start) else {
            goals.push(out);
            continue;
        };
        out.target = Some((t.qty.amount, t.by.value, t.qty.style()));
        let Some(metric) = t.metric.target() else {
            goals.push(out);
            continue;
        };
        let values: Vec<Amount> = g
            .split
            .iter()
            .chain(g.milestones.iter())
            .next()
            .into_iter()
            .flat_map(|s| s.values.iter().map(|q| q.amount))
            .collect();
        let line = GoalLine {
            start,
            due: t.by.value,
            baseline: g.baseline.as_ref().map_or(Amount::ZERO, |b| b.amount),
            target: t.qty.amount,
            line: match (&g.split, &g.milestones) {
                (Some(s), _) => Line::Split(cadence(s.mode), &values),
                (None, Some(m)) => Line::Milestones(cadence(m.mode), &values),
                (None, None) => Line::Straight,
            },
        };
        let latest = readings.actual_by(metric, today);
        out.expected_today = Some(line.expected(today));
        out.state = goal_state(&line, latest.map(|r| (r.date, r.amount)), today, alerts);
        out.actual = latest;
        if let Some(r) = latest {
            out.expected = Some(line.expected(r.date));
            out.pace = line.pace(r.amount, r.date);
        }
        match out.state {
            GoalState::OffTrack => findings.push(Finding::GoalOffTrack {
                goal: i,
                actual: latest.expect("off track has an actual"),
                expected: out.expected.unwrap_or(Amount::ZERO),
                pace: out.pace.unwrap_or(Ratio { num: 0, den: 1 }),
                threshold: alerts.off_track,
            }),
            GoalState::Missed => findings.push(Finding::GoalMissed {
                goal: i,
                due: t.by.value,
                actual: latest,
            }),
            _ => {}
        }
        goals.push(out);
    }

    // Goals with parts: the parts' states and latest actuals rolled up, in
    // the parent's unit.
    for (i, g) in model.goals.iter().enumerate() {
        let Some(parent) = g.part_of.as_ref().and_then(|r| r.target()) else {
            continue;
        };
        if parent == i {
            continue;
        }
        goals[parent].parts.push(i);
        let unit = |x: usize| model.goals[x].target.as_ref().map(|t| t.qty.unit.kind());
        if let (Some(r), true) = (
            goals[i].actual,
            unit(i).is_some() && unit(i) == unit(parent),
        ) {
            let (sum, n) = goals[parent].parts_actual.unwrap_or((Amount::ZERO, 0));
            goals[parent].parts_actual = Some((sum.plus(r.amount), n + 1));
        }
    }
    goals
}

fn cadence(mode: SplitMode) -> Cadence {
    match mode {
        SplitMode::Quarterly => Cadence::Quarterly,
        SplitMode::Monthly => Cadence::Monthly,
    }
}

/// The latest reported state, else `not_started` before the start and
/// `no_data` from it on.
fn item_state(latest: Option<(Date, ItemState)>, phase: Option<Phase>) -> State {
    match (latest, phase) {
        (Some((_, s)), _) => State::Reported(s),
        (None, Some(Phase::Upcoming)) => State::Reported(ItemState::NotStarted),
        (None, _) => State::NoData,
    }
}

/// The day the next review is due after one on `from`: a cadence in `mo`,
/// `q` or `y` counts calendar months; in `d` or `w`, days.
pub fn next_review(from: Date, every: crate::date::Duration) -> Date {
    let n = every.count;
    match every.unit {
        DurationUnit::Day => from.add_days(i32::try_from(n).unwrap_or(i32::MAX / 4)),
        DurationUnit::Week => {
            from.add_days(i32::try_from(n.saturating_mul(7)).unwrap_or(i32::MAX / 4))
        }
        DurationUnit::Month => add_months(from, n),
        DurationUnit::Quarter => add_months(from, n.saturating_mul(3)),
        DurationUnit::Year => add_months(from, n.saturating_mul(12)),
    }
}

/// A charge spread evenly over its window: the part burned by `today`
/// (both ends counted), rounded to the millionth.
fn burned(amount: Amount, window: DateRange, today: Date) -> Amount {
    let whole = i128::from(window.end.0) - i128::from(window.start.0) + 1;
    if whole <= 0 || today < window.start {
        return Amount::ZERO;
    }
    let days = (i128::from(today.min(window.end).0) - i128::from(window.start.0) + 1).min(whole);
    let n = amount.0.saturating_mul(days);
    let q = n / whole;
    let r = n % whole;
    Amount(if 2 * r.abs() >= whole {
        q + n.signum()
    } else {
        q
    })
}

/// Whether `actual` meets `op bound`.
pub fn meets(op: Comparison, actual: Amount, bound: Amount) -> bool {
    match op {
        Comparison::AtLeast => actual >= bound,
        Comparison::Above => actual > bound,
        Comparison::AtMost => actual <= bound,
        Comparison::Below => actual < bound,
        Comparison::Exactly => actual == bound,
    }
}

/// The order of goal states for `--fail-on`, best first (LANGUAGE.md):
/// achieved, held, on_track, no_data, at_risk, off_track, missed, breached.
pub fn severity_rank(state: GoalState) -> u8 {
    match state {
        GoalState::Achieved => 0,
        GoalState::Held => 1,
        GoalState::OnTrack => 2,
        GoalState::NoData => 3,
        GoalState::AtRisk => 4,
        GoalState::OffTrack => 5,
        GoalState::Missed => 6,
        GoalState::Breached => 7,
    }
}

#[cfg(test)]
mod tests;

/// The status findings as diagnostics, sorted by place, less the warnings
/// the plan's `allow` (or the item's own, or `extra`) silences.
pub fn diagnostics(
    model: &Model,
    status: &Status,
    extra: &[crate::Code],
) -> Vec<crate::Diagnostic> {
    diagnostics_in(model, status, extra, crate::lang::Lang::En)
}

/// [`diagnostics`], worded in `lang` (the analysis's).
pub fn diagnostics_in(
    model: &Model,
    status: &Status,
    extra: &[crate::Code],
    lang: crate::lang::Lang,
) -> Vec<crate::Diagnostic> {
    let plan_allow: Vec<crate::Code> = model
        .plan
        .iter()
        .flat_map(|p| p.allow.iter().map(|(c, _)| *c))
        .chain(extra.iter().copied())
        .collect();
    let mut out: Vec<crate::Diagnostic> = status
        .findings
        .iter()
        .filter(|f| {
            let code = f.code();
            code.severity() == crate::Severity::Error
                || !(plan_allow.contains(&code)
                    || f.item()
                        .and_then(|id| model.common(id))
                        .is_some_and(|c| c.allow.contains(&code)))
        })
        .map(|f| f.to_diagnostic_in(model, lang))
        .collect();
    crate::diagnostic::sort(&mut out);
    out
}

/// An amount for people, in the style of the amount it relates to, rounded
/// to two decimals of its scale (`¥476.92万`), a whole count, or a tenth of
/// a percent. JSON keeps the exact value.
pub fn shown(style: Style, amount: Amount) -> String {
    let step: i128 = match (style.unit, style.scale) {
        (Unit::Percent, _) => crate::quantity::SCALE / 10,
        (_, Some(scale)) => (crate::quantity::SCALE * 10i128.pow(scale.exponent()) / 100)
            .max(crate::quantity::SCALE),
        (_, None) => crate::quantity::SCALE,
    };
    let q = amount.0 / step;
    let r = amount.0 % step;
    let rounded = if 2 * r.abs() >= step {
        q + amount.0.signum()
    } else {
        q
    };
    style.format(Amount(rounded * step))
}
