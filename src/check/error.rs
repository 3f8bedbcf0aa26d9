//! What the strategy checks find, as typed findings, and all their wording.
//!
//! The checks in `src/check/` decide *whether* something is wrong and
//! compute the facts (which items, which stretch of days, which amounts);
//! this module alone says it in words, as `lower/error.rs` and
//! `resolve/error.rs` do for their phases. A [`Diagnostic`] made here keeps
//! its finding (`Diagnostic::origin`), so tools such as the language
//! server's quick fixes act on the finding, never on the words or spans.

use crate::date::DateRange;
use crate::diagnostic::{Code, Diagnostic};
use crate::graph::EdgeKind;
use crate::model::{ItemId, Model, SplitMode, Window};
use crate::quantity::{Amount, Style, UnitKind};
use crate::span::Span;
use crate::syntax::ast::ItemKind;

mod zh;

/// One amount drawn from a pool (or an envelope, or a path's cost): who
/// draws it, where it is written, and over which days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draw {
    /// The battle or tactic that needs it.
    pub by: ItemId,
    pub span: Span,
    /// The amount as written.
    pub text: crate::Text,
    pub range: DateRange,
}

/// A window as written (or as an item inherits it), and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dates {
    pub range: DateRange,
    pub span: Span,
}

/// Which date of an item lies outside the plan period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    /// A goal's `target … by DATE`.
    TargetDate,
    /// A battle's or tactic's `window`.
    Window,
}

/// Everything the strategy checks can find. Indices are into the model's
/// lists of the kind the field names (`goal` into `Model::goals`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    GoalWithoutTarget {
        goal: usize,
        /// A `target …` line written with the plan's own metric and dates.
        example: String,
    },
    GoalWithoutPath {
        goal: usize,
        /// A path that serves no goal at all (the first of `strays` such
        /// paths): it may be meant to lead here.
        stray: Option<usize>,
        strays: usize,
    },
    PathWithoutGoal {
        path: usize,
    },
    PathWithoutBattle {
        path: usize,
        /// A battle on no path (the first of `strays`): it may be meant to
        /// advance this one.
        stray: Option<usize>,
        strays: usize,
    },
    BattleWithoutPath {
        battle: usize,
    },
    BattleWithoutObjective {
        battle: usize,
        /// An `objective …` written with the plan's own metric.
        example: String,
    },
    BattleWithoutWindow {
        battle: usize,
        /// A `window …` inside the plan period.
        example: String,
    },
    BattleWithoutTactic {
        battle: usize,
        /// A tactic for no battle (the first of `strays`): it may be meant
        /// for this one.
        stray: Option<usize>,
        strays: usize,
    },
    BattleOnCandidatePath {
        battle: usize,
        path: usize,
    },
    TacticWithoutBattle {
        tactic: usize,
    },
    TacticWithoutWin {
        tactic: usize,
        /// `win METRIC >= LEVEL` from the battle's objective or the plan's
        /// metrics; `None` when the plan has no metric to name.
        win: Option<String>,
    },
    TacticWithoutOwner {
        tactic: usize,
        /// A name in the plan's own language (an owner it already names).
        owner: String,
    },
    BattleWithoutReview {
        battle: usize,
    },
    Cycle {
        kind: EdgeKind,
        /// The loop, in order; the last item leads back to the first.
        items: Vec<ItemId>,
        /// The reference that closes the loop.
        closing: Span,
        /// Each link of the loop but the closing one: (from, to, where written).
        links: Vec<(ItemId, ItemId, Span)>,
    },
    SplitOfPercent {
        goal: usize,
    },
    /// A split (or milestones) with the wrong number of values: one per
    /// quarter (month) from the period's start up to the goal's date `due`.
    SplitCount {
        goal: usize,
        values: usize,
        expected: u64,
        mode: SplitMode,
        due: crate::date::Date,
        milestones: bool,
    },
    /// A milestone that moves away from the target (below the one before
    /// it, or the baseline) or beyond it (`past`).
    MilestoneOutOfOrder {
        goal: usize,
        index: usize,
        /// The milestone before it; `None` for the first (compared with the
        /// baseline).
        previous: Option<usize>,
        past: bool,
    },
    /// The last milestone is not the target.
    MilestonesEnd {
        goal: usize,
    },
    SplitSum {
        goal: usize,
        sum: Amount,
    },
    GoalUndercovered {
        goal: usize,
        metric: usize,
        /// target − baseline.
        gap: Amount,
        /// What the battles' signed objectives add up to.
        covered: Amount,
        /// (battle, index of its objective) counting toward the gap.
        contributions: Vec<(usize, usize)>,
        /// Whether any battle traces to the goal at all.
        any_battle: bool,
        /// A goal that `supports` this one on another metric of the same
        /// unit: it may be meant as a share (`part_of`).
        share: Option<usize>,
    },
    UnusedMetric {
        metric: usize,
    },
    UnusedResource {
        resource: usize,
    },
    OvercommittedCapacity {
        resource: usize,
        /// The first stretch of days over capacity, and the load on it.
        stretch: DateRange,
        load: Amount,
        /// The draw that tips it over, and every other draw on that stretch.
        tip: Draw,
        others: Vec<Draw>,
    },
    OvercommittedTotal {
        resource: usize,
        /// Everything the plan draws from the pool.
        sum: Amount,
        tip: Draw,
        others: Vec<Draw>,
    },
    TacticsExceedBattle {
        battle: usize,
        resource: usize,
        /// The battle's own `needs` entry for the resource, if it has one.
        envelope: Option<usize>,
        /// What the tactics need: at once on `stretch` (capacity), else in all.
        load: Amount,
        stretch: Option<DateRange>,
        tactics: Vec<Draw>,
    },
    PathOverCost {
        path: usize,
        /// The index of the `cost` entry exceeded.
        cost: usize,
        load: Amount,
        stretch: Option<DateRange>,
        battles: Vec<Draw>,
    },
    WindowOutsidePeriod {
        item: ItemId,
        part: DatePart,
    },
    WindowOutsideBattle {
        tactic: usize,
        battle: usize,
    },
    BattleAfterDeadline {
        battle: usize,
        goal: usize,
        /// The battle's objective on the goal's metric.
        objective: usize,
    },
    AfterViolated {
        item: ItemId,
        other: ItemId,
        /// The `after` reference.
        after: Span,
        window: Dates,
        other_window: Dates,
    },
    TooManyMainPaths {
        limit: usize,
        /// Every main path, in source order.
        mains: Vec<usize>,
    },
    TooManyConcurrentBattles {
        limit: u32,
        /// The first stretch over the limit, and how many run then.
        stretch: DateRange,
        running: u64,
        /// The battle that tips it over, and the others running then.
        tip: usize,
        others: Vec<usize>,
        /// Every later stretch over the limit.
        later: Vec<DateRange>,
    },
    MultipleBreakthroughGoals {
        /// Every breakthrough goal, in source order.
        goals: Vec<usize>,
    },
    NotDoViolation {
        item: ItemId,
        /// The index of the `not_do` entry it targets.
        entry: usize,
    },
    PositioningMissing,
    PositioningIncomplete {
        missing: Vec<&'static str>,
    },
    /// A tactic's `win` that every value of its money or count metric meets.
    WinCannotFail {
        tactic: usize,
    },
    /// A battle's objective of `+0`.
    ObjectiveChangesNothing {
        battle: usize,
        /// The index of the objective entry.
        objective: usize,
    },
    OwnerOverloaded {
        limit: u32,
        /// The first item naming the owner: how the message writes it.
        named_by: ItemId,
        /// The item that tips the first stretch over the limit.
        tip: ItemId,
        /// Every other item running on a stretch over the limit.
        others: Vec<ItemId>,
        /// Every stretch over the limit, with the most items running in it.
        stretches: Vec<(DateRange, u64)>,
    },
    PartsShort {
        goal: usize,
        /// What the parts' targets add up to.
        sum: Amount,
        /// Every part, in source order.
        parts: Vec<usize>,
    },
    PartDueLate {
        part: usize,
        parent: usize,
    },
    /// A part measured in another unit than its parent.
    PartUnit {
        part: usize,
        parent: usize,
        unit: UnitKind,
        parent_unit: UnitKind,
    },
}

impl Finding {
    pub fn code(&self) -> Code {
        match self {
            Finding::GoalWithoutTarget { .. } => Code::GoalWithoutTarget,
            Finding::GoalWithoutPath { .. } => Code::GoalWithoutPath,
            Finding::PathWithoutGoal { .. } => Code::PathWithoutGoal,
            Finding::PathWithoutBattle { .. } => Code::PathWithoutBattle,
            Finding::BattleWithoutPath { .. } => Code::BattleWithoutPath,
            Finding::BattleWithoutObjective { .. } => Code::BattleWithoutObjective,
            Finding::BattleWithoutWindow { .. } => Code::BattleWithoutWindow,
            Finding::BattleWithoutTactic { .. } => Code::BattleWithoutTactic,
            Finding::BattleOnCandidatePath { .. } => Code::BattleOnCandidatePath,
            Finding::TacticWithoutBattle { .. } => Code::TacticWithoutBattle,
            Finding::TacticWithoutWin { .. } => Code::TacticWithoutWin,
            Finding::TacticWithoutOwner { .. } => Code::TacticWithoutOwner,
            Finding::BattleWithoutReview { .. } => Code::BattleWithoutReview,
            Finding::Cycle { .. } => Code::Cycle,
            Finding::SplitOfPercent { .. }
            | Finding::SplitCount { .. }
            | Finding::SplitSum { .. }
            | Finding::MilestoneOutOfOrder { .. }
            | Finding::MilestonesEnd { .. } => Code::SplitMismatch,
            Finding::GoalUndercovered { .. } => Code::GoalUndercovered,
            Finding::UnusedMetric { .. } => Code::UnusedMetric,
            Finding::UnusedResource { .. } => Code::UnusedResource,
            Finding::OvercommittedCapacity { .. } | Finding::OvercommittedTotal { .. } => {
                Code::Overcommitted
            }
            Finding::TacticsExceedBattle { .. } => Code::TacticsExceedBattle,
            Finding::PathOverCost { .. } => Code::PathOverCost,
            Finding::WindowOutsidePeriod { .. } => Code::WindowOutsidePeriod,
            Finding::WindowOutsideBattle { .. } => Code::WindowOutsideBattle,
            Finding::BattleAfterDeadline { .. } => Code::BattleAfterDeadline,
            Finding::AfterViolated { .. } => Code::AfterViolated,
            Finding::TooManyMainPaths { .. } => Code::TooManyMainPaths,
            Finding::TooManyConcurrentBattles { .. } => Code::TooManyConcurrentBattles,
            Finding::MultipleBreakthroughGoals { .. } => Code::MultipleBreakthroughGoals,
            Finding::NotDoViolation { .. } => Code::NotDoViolation,
            Finding::PositioningMissing | Finding::PositioningIncomplete { .. } => {
                Code::PositioningIncomplete
            }
            Finding::WinCannotFail { .. } | Finding::ObjectiveChangesNothing { .. } => {
                Code::CriterionCannotFail
            }
            Finding::OwnerOverloaded { .. } => Code::OwnerOverloaded,
            Finding::PartsShort { .. } => Code::PartsShort,
            Finding::PartDueLate { .. } => Code::PartDueLate,
            Finding::PartUnit { .. } => Code::UnitMismatch,
        }
    }

    /// The finding in words, at its places. The finding itself goes with it
    /// (`Diagnostic::origin`).
    pub fn into_diagnostic(self, model: &Model) -> Diagnostic {
        let d = self.words(model);
        d.with_origin(crate::diagnostic::Origin::Check(Box::new(self)))
    }

    fn words(&self, m: &Model) -> Diagnostic {
        let code = self.code();
        match self {
            Finding::GoalWithoutTarget { goal, example } => {
                let c = &m.goals[*goal].common;
                Diagnostic::new(code, c.id.span, format!("{} has no target", c.describe(ItemKind::Goal)))
                    .with_span_label("no `target` or `keep`")
                    .with_help(format!("Say what number to reach and by when, like `{example}`, or, for a bound that must hold all along, a guardrail like `keep METRIC >= LEVEL`; a goal without a number cannot be checked or won."))
            }
            Finding::GoalWithoutPath {
                goal,
                stray,
                strays,
            } => {
                let c = &m.goals[*goal].common;
                let help = match *stray {
                    Some(p) => format!(
                        "{}; if it leads here, add `serves {}` to it. Otherwise name this goal in the `serves` of the path that will reach it, or drop the goal if no route to it is planned.",
                        stray_words(&m.paths[p].common, ItemKind::Path, "serves no goal", *strays),
                        c.name()
                    ),
                    None => format!(
                        "Name this goal in the `serves` of the path that will reach it (`serves {}`), or drop the goal if no route to it is planned.",
                        c.name()
                    ),
                };
                let mut d = Diagnostic::new(
                    code,
                    c.id.span,
                    format!("no path serves {}", c.describe(ItemKind::Goal)),
                )
                .with_span_label("nothing leads here");
                if let Some(p) = *stray {
                    d = d.with_label(m.paths[p].common.id.span, "a path that serves no goal");
                }
                d.with_help(help)
            }
            Finding::PathWithoutGoal { path } => {
                let c = &m.paths[*path].common;
                Diagnostic::new(code, c.id.span, format!("{} serves no goal", c.describe(ItemKind::Path)))
                    .with_span_label("no `serves`")
                    .with_help("Add `serves GOAL` naming the goals this path leads to; a route to nowhere is effort without a reason.")
            }
            Finding::PathWithoutBattle {
                path,
                stray,
                strays,
            } => {
                let p = &m.paths[*path];
                let c = &p.common;
                let mut d = Diagnostic::new(
                    code,
                    c.id.span,
                    format!("no battle is on the main {}", c.describe(ItemKind::Path)),
                )
                .with_span_label("no battle advances it");
                if let Some(main) = p.main {
                    d = d.with_label(main, "chosen as a main path here");
                }
                if let Some(b) = *stray {
                    d = d.with_label(m.battles[b].common.id.span, "a battle on no path");
                }
                let help = match *stray {
                    Some(b) => format!(
                        "{}; if it advances this path, add `on {}` to it. Otherwise plan a battle with `on {}`, or remove `main` if this path is only a candidate.",
                        stray_words(&m.battles[b].common, ItemKind::Battle, "is on no path", *strays),
                        c.name(),
                        c.name()
                    ),
                    None => format!(
                        "Plan at least one battle with `on {}`, or remove `main` if this path is only a candidate.",
                        c.name()
                    ),
                };
                d.with_help(help)
            }
            Finding::BattleWithoutPath { battle } => {
                let c = &m.battles[*battle].common;
                Diagnostic::new(code, c.id.span, format!("{} is on no path", c.describe(ItemKind::Battle)))
                    .with_span_label("no `on`")
                    .with_help("Add `on PATH` naming the growth path this battle advances; a battle off every path does not move the strategy.")
            }
            Finding::BattleWithoutObjective { battle, example } => {
                let c = &m.battles[*battle].common;
                Diagnostic::new(
                    code,
                    c.id.span,
                    format!("{} has no objective", c.describe(ItemKind::Battle)),
                )
                .with_span_label("no `objective`")
                .with_help(format!(
                    "Say what winning means in numbers, like `{example}`."
                ))
            }
            Finding::BattleWithoutWindow { battle, example } => {
                let c = &m.battles[*battle].common;
                Diagnostic::new(
                    code,
                    c.id.span,
                    format!("{} has no window", c.describe(ItemKind::Battle)),
                )
                .with_span_label("no `window`")
                .with_help(format!(
                    "Give the battle a start and an end, like `{example}`."
                ))
            }
            Finding::BattleWithoutTactic {
                battle,
                stray,
                strays,
            } => {
                let c = &m.battles[*battle].common;
                let mut d = Diagnostic::new(
                    code,
                    c.id.span,
                    format!("no tactic is for {}", c.describe(ItemKind::Battle)),
                )
                .with_span_label("no tactic wins it");
                if let Some(t) = *stray {
                    d = d.with_label(m.tactics[t].common.id.span, "a tactic for no battle");
                }
                let help = match *stray {
                    Some(t) => format!(
                        "{}; if it helps win this battle, add `for {}` to it. Otherwise add a tactic with `for {}`: the concrete plays that win this battle.",
                        stray_words(&m.tactics[t].common, ItemKind::Tactic, "is for no battle", *strays),
                        c.name(),
                        c.name()
                    ),
                    None => format!("Add at least one tactic with `for {}`: the concrete plays that win this battle.", c.name()),
                };
                d.with_help(help)
            }
            Finding::BattleOnCandidatePath { battle, path } => {
                let b = &m.battles[*battle];
                let p = &m.paths[*path];
                let on = b.on.as_ref().map_or(b.common.id.span, |r| r.span);
                Diagnostic::new(
                    code,
                    on,
                    format!(
                        "{} is on {}, which is not a main path",
                        b.common.describe(ItemKind::Battle),
                        p.common.describe(ItemKind::Path)
                    ),
                )
                .with_span_label("a candidate path")
                .with_label(p.common.id.span, "declared here without `main`")
                .with_help(format!(
                    "Mark `{}` as `main` if you are committing to it, or move the battle to a main path.",
                    p.common.name()
                ))
            }
            Finding::TacticWithoutBattle { tactic } => {
                let c = &m.tactics[*tactic].common;
                Diagnostic::new(
                    code,
                    c.id.span,
                    format!("{} is for no battle", c.describe(ItemKind::Tactic)),
                )
                .with_span_label("no `for`")
                .with_help("Add `for BATTLE` naming the battle this tactic helps win.")
            }
            Finding::TacticWithoutWin { tactic, win } => {
                let c = &m.tactics[*tactic].common;
                let help = match win {
                    Some(win) => format!("Add a win criterion, like `{win}`."),
                    None => "Add a win criterion, `win METRIC >= LEVEL`, naming a metric of the plan and the level that means the play won.".to_string(),
                };
                Diagnostic::new(
                    code,
                    c.id.span,
                    format!(
                        "{} has no way to tell whether it won",
                        c.describe(ItemKind::Tactic)
                    ),
                )
                .with_span_label("no `win`")
                .with_help(help)
            }
            Finding::TacticWithoutOwner { tactic, owner } => {
                let c = &m.tactics[*tactic].common;
                Diagnostic::new(
                    code,
                    c.id.span,
                    format!("{} has no owner", c.describe(ItemKind::Tactic)),
                )
                .with_span_label("no `owner`")
                .with_help(format!(
                    "Name the one person who answers for this play, like `owner \"{owner}\"`."
                ))
            }
            Finding::BattleWithoutReview { battle } => {
                let c = &m.battles[*battle].common;
                Diagnostic::new(
                    code,
                    c.id.span,
                    format!("{} has no review cadence", c.describe(ItemKind::Battle)),
                )
                .with_span_label("no `review`")
                .with_help("Say how often the team reviews this battle, like `review every 2w`.")
            }
            Finding::Cycle {
                kind,
                items,
                closing,
                links,
            } => {
                let name = |id: ItemId| m.common(id).map_or("", |c| c.name());
                let names: Vec<String> = items
                    .iter()
                    .chain(items.first())
                    .map(|&id| format!("`{}`", name(id)))
                    .collect();
                let what = match (kind, items.first().map(|i| i.kind)) {
                    (EdgeKind::Supports, _) => "goals support each other",
                    (EdgeKind::PartOf, _) => "goals are each part of the other",
                    (_, Some(ItemKind::Battle)) => "battles each wait for the other to end",
                    _ => "tactics each wait for the other to end",
                };
                let mut d = Diagnostic::new(
                    code,
                    *closing,
                    format!("these {what} in a loop: {}", names.join(" → ")),
                )
                .with_span_label("this closes the loop");
                for &(from, to, span) in links {
                    d = d.with_label(
                        span,
                        format!("`{}` {} `{}`", name(from), kind.word(), name(to)),
                    );
                }
                d.with_help(match kind {
                    EdgeKind::Supports => "`supports` points from a goal to the higher goal it leads to; remove the link that points back down.",
                    EdgeKind::PartOf => "`part_of` points from a share (a department's, a region's) to the larger goal it is part of, so the parts form a tree; remove the `part_of` that points back down.",
                    _ => "`after` means strictly after the other ends, so two items cannot each wait for the other; remove one `after` from the loop.",
                })
            }
            Finding::SplitOfPercent { goal } => {
                let g = &m.goals[*goal];
                let split = g.split.as_ref().map_or(g.common.id.span, |s| s.span);
                let mut d = Diagnostic::new(
                    code,
                    split,
                    format!(
                        "{} is a percent goal and cannot be split",
                        g.common.describe(ItemKind::Goal)
                    ),
                )
                .with_span_label("split of a percent");
                if let Some(t) = &g.target {
                    d = d.with_label(t.span, "a percent target is a level, not a sum");
                }
                d.with_help("Percentages do not add up over quarters; remove the `split`, or set a separate goal for each milestone.")
            }
            Finding::SplitCount {
                goal,
                values,
                expected,
                mode,
                due,
                milestones,
            } => {
                let g = &m.goals[*goal];
                let (what, span) = if *milestones {
                    (
                        "these milestones have",
                        g.milestones.as_ref().map(|s| s.span),
                    )
                } else {
                    ("this split has", g.split.as_ref().map(|s| s.span))
                };
                let span = span.unwrap_or(g.common.id.span);
                let per = match mode {
                    SplitMode::Quarterly => "quarter",
                    SplitMode::Monthly => "month",
                };
                let period = m.plan.as_ref().and_then(|p| p.period);
                let whole_period = period.is_some_and(|p| p.range.end == *due);
                let mut d = Diagnostic::new(
                    code,
                    span,
                    if whole_period {
                        format!(
                            "{what} {}, but the plan period has {}",
                            count(*values as u64, "value"),
                            count(*expected, per)
                        )
                    } else {
                        format!(
                            "{what} {}, but the goal has {} from the period's start to its date {due}",
                            count(*values as u64, "value"),
                            count(*expected, per)
                        )
                    },
                )
                .with_span_label(count(*values as u64, "value"));
                match (period, &g.target) {
                    (Some(period), _) if whole_period => {
                        d = d.with_label(
                            period.span,
                            format!(
                                "{} from {} to {}",
                                count(*expected, per),
                                period.range.start,
                                period.range.end
                            ),
                        );
                    }
                    (Some(period), Some(t)) => {
                        d = d.with_label(
                            t.by.span,
                            format!(
                                "{} from {} to {due}",
                                count(*expected, per),
                                period.range.start
                            ),
                        );
                    }
                    _ => {}
                }
                let help = if *milestones {
                    format!("Give where the metric should stand at the end of each {per}, from the period's start up to the goal's date: {expected} in all, the last equal to the target.")
                } else if whole_period {
                    format!("Give one value per {per} of the period, from its start: {expected} in all.")
                } else {
                    format!("Give one value per {per} from the period's start up to the goal's date (a partial last {per} counts): {expected} in all.")
                };
                d.with_help(help)
            }
            Finding::MilestoneOutOfOrder {
                goal,
                index,
                previous,
                past,
            } => {
                let g = &m.goals[*goal];
                let Some(ms) = &g.milestones else {
                    return Diagnostic::new(
                        code,
                        g.common.id.span,
                        "these milestones are out of order",
                    );
                };
                let Some(v) = ms.values.get(*index) else {
                    return Diagnostic::new(code, ms.span, "these milestones are out of order");
                };
                let Some(target) = &g.target else {
                    return Diagnostic::new(code, v.span, "these milestones are out of order");
                };
                let mut d = if *past {
                    Diagnostic::new(
                        code,
                        v.span,
                        format!(
                            "milestone {} ({}) goes past the target {}",
                            index + 1,
                            v.text,
                            target.qty.text
                        ),
                    )
                    .with_span_label("past the target")
                    .with_label(target.qty.span, "the target")
                } else {
                    let (before, place) = match previous.and_then(|p| ms.values.get(p)) {
                        Some(p) => (p.text.to_string(), Some(p.span)),
                        None => (
                            g.baseline
                                .as_ref()
                                .map_or("0 (no baseline)".to_string(), |b| {
                                    format!("the baseline {}", b.text)
                                }),
                            g.baseline.as_ref().map(|b| b.span),
                        ),
                    };
                    let d = Diagnostic::new(
                        code,
                        v.span,
                        format!(
                            "milestone {} ({}) moves away from the target {}: it comes after {before}",
                            index + 1,
                            v.text,
                            target.qty.text
                        ),
                    )
                    .with_span_label("backwards");
                    match place {
                        Some(span) => d.with_label(span, "the level before it"),
                        None => d,
                    }
                };
                d = d.with_help("Milestones say where a level (stores, members) should stand at each quarter's (month's) end: from the baseline toward the target, each at least as far as the one before (a plateau is fine), the last on the target.");
                d
            }
            Finding::MilestonesEnd { goal } => {
                let g = &m.goals[*goal];
                let (Some(ms), Some(target)) = (&g.milestones, &g.target) else {
                    return Diagnostic::new(
                        code,
                        g.common.id.span,
                        "the last milestone is not the target",
                    );
                };
                let Some(last) = ms.values.last() else {
                    return Diagnostic::new(code, ms.span, "the last milestone is not the target");
                };
                Diagnostic::new(
                    code,
                    last.span,
                    format!(
                        "the last milestone is {}, but the target is {}",
                        last.text, target.qty.text
                    ),
                )
                .with_span_label("the last milestone")
                .with_label(target.qty.span, "the target")
                .with_help("The last milestone is where the goal should stand on its date: make it the target, or change the target.")
            }
            Finding::SplitSum { goal, sum } => {
                let g = &m.goals[*goal];
                let split = g.split.as_ref().map_or(g.common.id.span, |s| s.span);
                let Some(target) = &g.target else {
                    return Diagnostic::new(code, split, "the split does not add up to the target");
                };
                let style = target.qty.style();
                let diff = sum.minus(target.qty.amount);
                Diagnostic::new(
                    code,
                    split,
                    format!(
                        "the split adds up to {}, but the target is {} ({} {})",
                        style.format(*sum),
                        target.qty.text,
                        style.format(Amount(diff.0.abs())),
                        if diff.0 > 0 { "too much" } else { "short" }
                    ),
                )
                .with_span_label(format!("sums to {}", style.format(*sum)))
                .with_label(target.qty.span, "the target")
                .with_help("Change the values so that they add up exactly to the target, or change the target.")
            }
            Finding::GoalUndercovered {
                goal,
                metric,
                gap,
                covered,
                contributions,
                any_battle,
                share,
            } => {
                let g = &m.goals[*goal];
                let metric_name = m.metrics[*metric].common.name();
                let name = g.common.describe(ItemKind::Goal);
                let Some(target) = &g.target else {
                    return Diagnostic::new(
                        code,
                        g.common.id.span,
                        format!("the battles for {name} do not reach its gap"),
                    );
                };
                let style = Style {
                    unit: target.qty.unit,
                    scale: target.qty.scale,
                };
                let missing = gap.minus(*covered);
                let mut d = Diagnostic::new(
                    code,
                    g.common.id.span,
                    format!(
                        "the battles for {name} add up to {} of `{metric_name}`, short of the {} gap",
                        style.format_signed(*covered, true),
                        style.format_signed(*gap, true)
                    ),
                )
                .with_span_label(format!("{} not covered", style.format_signed(missing, true)))
                .with_label(
                    target.span,
                    match &g.baseline {
                        Some(b) => format!(
                            "gap: {} − baseline {} = {}",
                            target.qty.text,
                            b.text,
                            style.format_signed(*gap, true)
                        ),
                        None => format!("gap: all of {} (no baseline)", target.qty.text),
                    },
                );
                for &(b, k) in contributions {
                    let battle = &m.battles[b];
                    if let Some(u) = battle.objective.get(k) {
                        d = d.with_label(
                            u.qty.span,
                            format!("{} from battle `{}`", u.qty.text, battle.common.name()),
                        );
                    }
                }
                let help = if !any_battle {
                    "No battle is on a path serving this goal yet: plan battles whose `objective` moves this metric.".to_string()
                } else if gap.0 < 0 {
                    // A goal that goes down: lowering the target would widen the gap.
                    format!(
                        "Make the battles' `objective {metric_name} …` cut deeper, add a battle for the missing {}, or set a less ambitious target (the baseline counts as already reached).",
                        style.format_signed(missing, true)
                    )
                } else {
                    format!(
                        "Raise the battles' `objective {metric_name} …`, add a battle for the missing {}, or lower the target (the baseline counts as already reached).",
                        style.format_signed(missing, true)
                    )
                };
                let help = match share {
                    Some(s) => {
                        let other = &m.goals[*s].common;
                        d = d.with_label(
                            other.id.span,
                            format!("supports `{}` on another metric", g.common.name()),
                        );
                        format!(
                            "{help} If goal `{}` is one department's (region's, product's) share of this goal, write `part_of {}` in it instead of `supports`: a goal with parts is covered by its parts' battles.",
                            other.name(),
                            g.common.name()
                        )
                    }
                    None => help,
                };
                d.with_help(help)
            }
            Finding::UnusedMetric { metric } => {
                let c = &m.metrics[*metric].common;
                Diagnostic::new(code, c.id.span, format!("{} is never used", c.describe(ItemKind::Metric)))
                    .with_span_label("no target, keep, objective, expects or win names it")
                    .with_help(format!(
                        "Use `{}` in a goal's target or keep, a battle's objective, a path's expects or a tactic's win, or remove it.",
                        c.name()
                    ))
            }
            Finding::UnusedResource { resource } => {
                let c = &m.resources[*resource].common;
                Diagnostic::new(
                    code,
                    c.id.span,
                    format!("{} is never used", c.describe(ItemKind::Resource)),
                )
                .with_span_label("nothing needs or costs it")
                .with_help(format!(
                    "Name `{}` in a battle's or tactic's `needs` or a path's `cost`, or remove it.",
                    c.name()
                ))
            }
            Finding::OvercommittedCapacity {
                resource,
                stretch,
                load,
                tip,
                others,
            } => {
                let r = &m.resources[*resource];
                let Some(limit) = &r.amount else {
                    return Diagnostic::new(code, tip.span, "this resource is overcommitted");
                };
                let style = limit.style();
                let mut d = Diagnostic::new(
                    code,
                    tip.span,
                    format!(
                        "{} is overcommitted {}: {} needed at once, capacity {} ({} over)",
                        r.common.describe(ItemKind::Resource),
                        when(*stretch),
                        style.format(*load),
                        limit.text,
                        style.format(load.minus(limit.amount))
                    ),
                )
                .with_span_label(format!(
                    "{} needs {} here, which tips it over",
                    who(m, tip.by),
                    tip.text
                ))
                .with_label(limit.span, format!("capacity {}", limit.text));
                for o in others {
                    d = d.with_label(
                        o.span,
                        format!("{} needs {} ({})", who(m, o.by), o.text, o.range),
                    );
                }
                d.with_help(format!(
                    "Between {} and {}, move a battle's window so they do not overlap, lower what they need, or raise the capacity of `{}`.",
                    stretch.start,
                    stretch.end,
                    r.common.name()
                ))
            }
            Finding::OvercommittedTotal {
                resource,
                sum,
                tip,
                others,
            } => {
                let r = &m.resources[*resource];
                let Some(limit) = &r.amount else {
                    return Diagnostic::new(code, tip.span, "this resource is overcommitted");
                };
                let style = limit.style();
                let over = sum.minus(limit.amount);
                let mut d = Diagnostic::new(
                    code,
                    tip.span,
                    format!(
                        "{} is overcommitted: the plan needs {} in all, the total is {} ({} over)",
                        r.common.describe(ItemKind::Resource),
                        style.format(*sum),
                        limit.text,
                        style.format(over)
                    ),
                )
                .with_span_label(format!(
                    "{} needs {} here, which tips it over",
                    who(m, tip.by),
                    tip.text
                ))
                .with_label(limit.span, format!("total {}", limit.text));
                for o in others {
                    d = d.with_label(o.span, format!("{} needs {}", who(m, o.by), o.text));
                }
                d.with_help(format!(
                    "Cut {} from what the battles need, or raise the total of `{}`.",
                    style.format(over),
                    r.common.name()
                ))
            }
            Finding::TacticsExceedBattle {
                battle,
                resource,
                envelope,
                load,
                stretch,
                tactics,
            } => {
                let b = &m.battles[*battle];
                let name = b.common.describe(ItemKind::Battle);
                let rname = m.resources[*resource].common.name();
                let envelope = envelope.and_then(|k| b.needs.get(k));
                let style = envelope.map_or_else(
                    || style_of_draw(m, tactics.first()),
                    |u| Some(u.qty.style()),
                );
                let amount = |a: Amount| style.map_or_else(|| a.to_decimal(), |s| s.format(a));
                let primary = envelope.map_or(b.common.id.span, |u| u.qty.span);
                let message = match (envelope, stretch) {
                    (None, _) => format!("the tactics of {name} need `{rname}`, which the battle's `needs` does not include"),
                    (Some(u), Some(range)) => format!(
                        "the tactics of {name} need {} of `{rname}` at once {}, more than the battle's {}",
                        amount(*load),
                        when(*range),
                        u.qty.text
                    ),
                    (Some(u), None) => format!(
                        "the tactics of {name} need {} of `{rname}` in all, more than the battle's {}",
                        amount(*load),
                        u.qty.text
                    ),
                };
                let mut d = Diagnostic::new(code, primary, message).with_span_label(
                    if envelope.is_some() {
                        "the battle's envelope"
                    } else {
                        "the battle's needs"
                    },
                );
                for t in tactics {
                    let tname = m.common(t.by).map_or("", |c| c.name());
                    d = d.with_label(t.span, format!("tactic `{tname}` needs {}", t.text));
                }
                d.with_help(if envelope.is_some() {
                    format!("Raise the battle's `needs {rname} …` to cover its tactics, or lower what the tactics need; tactics draw from their battle's envelope.")
                } else {
                    format!("Add `{rname}` to the battle's `needs`, large enough for its tactics; tactics draw from their battle's envelope.")
                })
            }
            Finding::PathOverCost {
                path,
                cost,
                load,
                stretch,
                battles,
            } => {
                let p = &m.paths[*path];
                let Some(cost) = p.cost.get(*cost) else {
                    return Diagnostic::new(
                        code,
                        p.common.id.span,
                        "the battles on this path need more than its cost",
                    );
                };
                let style = cost.qty.style();
                let name = p.common.describe(ItemKind::Path);
                let rname = &cost.what.name;
                let message = match stretch {
                    Some(range) => format!(
                        "the battles on {name} need {} of `{rname}` at once {}, more than its estimated cost of {}",
                        style.format(*load),
                        when(*range),
                        cost.qty.text
                    ),
                    None => format!(
                        "the battles on {name} need {} of `{rname}` in all, more than its estimated cost of {}",
                        style.format(*load),
                        cost.qty.text
                    ),
                };
                let mut d =
                    Diagnostic::new(code, cost.qty.span, message).with_span_label("estimated cost");
                for b in battles {
                    d = d.with_label(b.span, format!("{} needs {}", who(m, b.by), b.text));
                }
                d.with_help(format!(
                    "Update the path's `cost {rname} …` to what its battles really need, or scale the battles down."
                ))
            }
            Finding::WindowOutsidePeriod { item, part } => {
                let Some(period) = m.plan.as_ref().and_then(|p| p.period) else {
                    return Diagnostic::new(
                        code,
                        Span::default(),
                        "a date lies outside the plan period",
                    );
                };
                let (span, what) = match part {
                    DatePart::TargetDate => (
                        m.goals[item.index].target.as_ref().map(|t| t.by.span),
                        "the target date",
                    ),
                    DatePart::Window => (window_of(m, *item).map(|w| w.span), "the window"),
                };
                let span = span
                    .or_else(|| m.common(*item).map(|c| c.id.span))
                    .unwrap_or_default();
                Diagnostic::new(
                    code,
                    span,
                    format!("{what} of {} lies outside the plan period ({})", m.describe(*item), period.range),
                )
                .with_span_label("outside the plan period")
                .with_label(period.span, "the plan period")
                .with_help("Keep every date within the plan's `period`, or widen the period if the plan really runs longer.")
            }
            Finding::WindowOutsideBattle { tactic, battle } => {
                let t = &m.tactics[*tactic];
                let b = &m.battles[*battle];
                let (Some(w), Some(bw)) = (t.window, b.window) else {
                    return Diagnostic::new(
                        code,
                        t.common.id.span,
                        "this tactic runs outside its battle",
                    );
                };
                Diagnostic::new(
                    code,
                    w.span,
                    format!(
                        "{} runs {}, outside its battle `{}` ({})",
                        t.common.describe(ItemKind::Tactic),
                        w.range,
                        b.common.name(),
                        bw.range
                    ),
                )
                .with_span_label("outside the battle's window")
                .with_label(bw.span, "the battle's window")
                .with_help("A tactic runs within its battle: move its window inside the battle's, or widen the battle's window. A tactic without a window has its battle's.")
            }
            Finding::BattleAfterDeadline {
                battle,
                goal,
                objective,
            } => {
                let b = &m.battles[*battle];
                let g = &m.goals[*goal];
                let (Some(w), Some(t)) = (b.window, &g.target) else {
                    return Diagnostic::new(
                        code,
                        b.common.id.span,
                        "this battle ends after its goal is due",
                    );
                };
                let mut d = Diagnostic::new(
                    code,
                    w.span,
                    format!(
                        "{} ends on {}, after {} is due on {}",
                        b.common.describe(ItemKind::Battle),
                        w.range.end,
                        g.common.describe(ItemKind::Goal),
                        t.by.value
                    ),
                )
                .with_span_label("ends too late")
                .with_label(t.by.span, "the goal's date");
                if let Some(u) = b.objective.get(*objective) {
                    d = d.with_label(u.qty.span, "this objective counts toward the goal");
                }
                d.with_help(format!(
                    "End the battle by {}, or move the goal's date if the result can come later.",
                    t.by.value
                ))
            }
            Finding::AfterViolated {
                item,
                other,
                after,
                window,
                other_window,
            } => {
                let other = m.common(*other).map_or("", |c| c.name());
                Diagnostic::new(
                    code,
                    window.span,
                    format!(
                        "{} starts on {}, but must come after `{other}`, which ends on {}",
                        m.describe(*item),
                        window.range.start,
                        other_window.range.end
                    ),
                )
                .with_span_label("starts too early")
                .with_label(*after, format!("must come after `{other}`"))
                .with_label(other_window.span, format!("`{other}` ends {}", other_window.range.end))
                .with_help(format!(
                    "Start on {} or later (`after` means strictly after the other ends), or drop the `after` if the two can overlap.",
                    other_window.range.end.add_days(1)
                ))
            }
            Finding::TooManyMainPaths { limit, mains } => {
                let main = |p: usize| m.paths[p].main.unwrap_or(m.paths[p].common.id.span);
                let Some(&tip) = mains.get(*limit) else {
                    return Diagnostic::new(code, Span::default(), "too many main paths");
                };
                let mut d = Diagnostic::new(
                    code,
                    main(tip),
                    format!("{} main paths, more than the limit of {limit}", mains.len()),
                )
                .with_span_label(format!(
                    "{} is main path number {}",
                    m.paths[tip].common.describe(ItemKind::Path),
                    limit + 1
                ));
                for &p in mains.iter().filter(|&&p| p != tip) {
                    d = d.with_label(main(p), format!("main path `{}`", m.paths[p].common.name()));
                }
                d.with_help(format!(
                    "Focus: keep at most {limit} main paths and turn the others into candidates by removing `main`, or raise `limits main_paths` in the plan block."
                ))
            }
            Finding::TooManyConcurrentBattles {
                limit,
                stretch,
                running,
                tip,
                others,
                later,
            } => {
                let window = |b: usize| m.battles[b].window;
                let window_span =
                    |b: usize| window(b).map_or(m.battles[b].common.id.span, |w| w.span);
                let shown: Vec<String> = later.iter().take(5).map(|r| r.to_string()).collect();
                let also = match later.len() {
                    0 => String::new(),
                    n if n > 5 => format!(
                        "; also too many on {} and {} more stretches",
                        shown.join(", "),
                        n - 5
                    ),
                    _ => format!("; also too many on {}", shown.join(", ")),
                };
                let mut d = Diagnostic::new(
                    code,
                    window_span(*tip),
                    format!(
                        "{running} battles run at once from {} to {}, more than the limit of {limit}{also}",
                        stretch.start, stretch.end,
                    ),
                )
                .with_span_label(format!("battle `{}` makes it {running}", m.battles[*tip].common.name()));
                for &b in others {
                    let range = window(b).map_or_else(String::new, |w| w.range.to_string());
                    d = d.with_label(
                        window_span(b),
                        format!("battle `{}` runs {range}", m.battles[b].common.name()),
                    );
                }
                d.with_help(format!(
                    "Concentrate forces: stagger these battles so that at most {limit} run on any day, or raise `limits concurrent_battles`."
                ))
            }
            Finding::MultipleBreakthroughGoals { goals } => {
                let mark = |g: usize| m.goals[g].breakthrough.unwrap_or(m.goals[g].common.id.span);
                let Some(&second) = goals.get(1) else {
                    return Diagnostic::new(
                        code,
                        Span::default(),
                        "more than one breakthrough goal",
                    );
                };
                let mut d = Diagnostic::new(
                    code,
                    mark(second),
                    format!(
                        "{} goals are marked `breakthrough`; a plan has one",
                        goals.len()
                    ),
                )
                .with_span_label(format!(
                    "{} is another breakthrough",
                    m.goals[second].common.describe(ItemKind::Goal)
                ));
                for &g in goals.iter().filter(|&&g| g != second) {
                    d = d.with_label(
                        mark(g),
                        format!("`{}` is marked breakthrough", m.goals[g].common.name()),
                    );
                }
                d.with_help("Pick the one goal everyone rallies behind and remove `breakthrough` from the others.")
            }
            Finding::NotDoViolation { item, entry } => {
                let segment = match item.kind {
                    ItemKind::Path => m.paths[item.index].segment.as_ref(),
                    ItemKind::Battle => m.battles[item.index].segment.as_deref(),
                    ItemKind::Tactic => m.tactics[item.index].segment.as_deref(),
                    _ => None,
                };
                let entry = m.positioning.as_ref().and_then(|p| p.not_do.get(*entry));
                let (Some(segment), Some(entry)) = (segment, entry) else {
                    return Diagnostic::new(
                        code,
                        Span::default(),
                        "an item targets a segment on the not-do list",
                    );
                };
                Diagnostic::new(
                    code,
                    segment.span,
                    format!(
                        "{} targets «{}», which the positioning says the company will not do",
                        m.describe(*item),
                        segment.value.trim()
                    ),
                )
                .with_span_label("on the not-do list")
                .with_label(entry.span, "listed in `not_do` here")
                .with_help("Choose another segment, or — if the strategy has changed — take it off the `not_do` list deliberately.")
            }
            Finding::PositioningMissing => {
                let span = m.plan.as_ref().map_or(Span::new(0, 0), |p| p.keyword);
                Diagnostic::new(code, span, "this plan has no positioning")
                    .with_span_label("no `positioning` in this plan")
                    .with_help("Add a `positioning { we_are \"…\" serve \"…\" pain \"…\" why_us \"…\" }` block: who you are, whom you serve, which pain you solve and why you win.")
            }
            Finding::PositioningIncomplete { missing } => {
                let span = m
                    .positioning
                    .as_ref()
                    .map_or(Span::new(0, 0), |p| p.keyword);
                let list = missing
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                Diagnostic::new(code, span, format!("the positioning does not say {list}"))
                    .with_span_label(format!("missing {list}"))
                    .with_help("Answer all four questions: `we_are` (who we are), `serve` (whom we serve), `pain` (which pain we solve) and `why_us` (why we win).")
            }
            Finding::WinCannotFail { tactic } => {
                let t = &m.tactics[*tactic];
                let Some(win) = &t.win else {
                    return Diagnostic::new(
                        code,
                        t.common.id.span,
                        "this win criterion cannot fail",
                    );
                };
                Diagnostic::new(
                    code,
                    win.span,
                    format!(
                        "{} wins with `{} {} {}`, which any value of `{}` meets",
                        t.common.describe(ItemKind::Tactic),
                        win.metric.name,
                        win.op.op(),
                        win.qty.text,
                        win.metric.name
                    ),
                )
                .with_span_label("met before the play starts")
                .with_help(format!(
                    "Say the level that means this play won, like `win {} >= …` with the number you expect it to reach; a criterion nothing can miss tells you nothing.",
                    win.metric.name
                ))
            }
            Finding::ObjectiveChangesNothing { battle, objective } => {
                let b = &m.battles[*battle];
                let Some(u) = b.objective.get(*objective) else {
                    return Diagnostic::new(
                        code,
                        b.common.id.span,
                        "this objective changes nothing",
                    );
                };
                Diagnostic::new(
                    code,
                    u.qty.span,
                    format!(
                        "{} aims to change `{}` by {}, which changes nothing",
                        b.common.describe(ItemKind::Battle),
                        u.what.name,
                        u.qty.text
                    ),
                )
                .with_span_label("no change")
                .with_help(format!(
                    "Say how much this battle should move `{}`, like `objective {} +…`, or remove it from the objective if the battle is not meant to move it.",
                    u.what.name, u.what.name
                ))
            }
            Finding::OwnerOverloaded {
                limit,
                named_by,
                tip,
                others,
                stretches,
            } => {
                let owner_of = |id: ItemId| match id.kind {
                    ItemKind::Battle => m.battles[id.index].owner.as_ref(),
                    _ => m.tactics[id.index].owner.as_ref(),
                };
                let owner = owner_of(*named_by).map_or("", |o| o.value.trim());
                let span = owner_of(*tip).map_or_else(
                    || m.common(*tip).map_or(Span::new(0, 0), |c| c.id.span),
                    |o| o.span,
                );
                let most = stretches.iter().map(|s| s.1).max().unwrap_or(0);
                let days: Vec<String> = stretches
                    .iter()
                    .take(5)
                    .map(|(r, n)| format!("{r} ({n} at once)"))
                    .collect();
                let more = stretches.len().saturating_sub(5);
                let mut days = days.join(", ");
                if more > 0 {
                    let _ = std::fmt::Write::write_fmt(&mut days, format_args!(" and {more} more"));
                }
                let mut d = Diagnostic::new(
                    code,
                    span,
                    format!(
                        "\"{owner}\" has up to {most} battles and tactics running at once, more than `limits owner_load {limit}`: {days}"
                    ),
                )
                .with_span_label(format!("{} tips it over", who(m, *tip)));
                for &id in others {
                    let place = owner_of(id).map_or_else(
                        || m.common(id).map_or(Span::new(0, 0), |c| c.id.span),
                        |o| o.span,
                    );
                    d = d.with_label(place, format!("{} also runs then", who(m, id)));
                }
                d.with_help(format!(
                    "One person cannot lead this much at once: give some of these items another owner, move their windows apart, or raise `limits owner_load` if \"{owner}\" is a team."
                ))
            }
            Finding::PartsShort { goal, sum, parts } => {
                let g = &m.goals[*goal];
                let name = g.common.describe(ItemKind::Goal);
                let Some(target) = &g.target else {
                    return Diagnostic::new(
                        code,
                        g.common.id.span,
                        format!("the parts of {name} do not reach its target"),
                    );
                };
                let style = target.qty.style();
                let short = target.qty.amount.minus(*sum);
                let mut d = Diagnostic::new(
                    code,
                    g.common.id.span,
                    format!(
                        "the parts of {name} add up to {}, {} short of its target {}",
                        style.format(*sum),
                        style.format(short),
                        target.qty.text
                    ),
                )
                .with_span_label(format!("{} not given to any part", style.format(short)))
                .with_label(target.qty.span, "the target");
                for &p in parts {
                    let part = &m.goals[p];
                    if let Some(t) = &part.target {
                        d = d.with_label(
                            t.qty.span,
                            format!("{} from part `{}`", t.qty.text, part.common.name()),
                        );
                    }
                }
                d.with_help(format!(
                    "Give the missing {} to a part: raise a part's target, or add the missing department (region, product line) as a goal with `part_of {}`; or lower this target.",
                    style.format(short),
                    g.common.name()
                ))
            }
            Finding::PartDueLate { part, parent } => {
                let c = &m.goals[*part];
                let pg = &m.goals[*parent];
                let (Some(t), Some(pt)) = (&c.target, &pg.target) else {
                    return Diagnostic::new(
                        code,
                        c.common.id.span,
                        "a part is due after its parent",
                    );
                };
                Diagnostic::new(
                    code,
                    t.by.span,
                    format!(
                        "{} is due {}, after {} it is part of ({})",
                        c.common.describe(ItemKind::Goal),
                        t.by.value,
                        pg.common.describe(ItemKind::Goal),
                        pt.by.value
                    ),
                )
                .with_span_label("the part's date")
                .with_label(pt.by.span, "the parent's date")
                .with_help(format!(
                    "A share must be reached by the time the whole is: move this date to {} or earlier, or move the parent's date.",
                    pt.by.value
                ))
            }
            Finding::PartUnit {
                part,
                parent,
                unit,
                parent_unit,
            } => {
                let c = &m.goals[*part];
                let pg = &m.goals[*parent];
                let span = c.part_of.as_ref().map_or(c.common.id.span, |r| r.span);
                let mut d = Diagnostic::new(
                    code,
                    span,
                    format!(
                        "{} is measured in {}, but {} it is part of is measured in {}",
                        c.common.describe(ItemKind::Goal),
                        unit.word(),
                        pg.common.describe(ItemKind::Goal),
                        parent_unit.word()
                    ),
                )
                .with_span_label(format!("a {} part", unit.word()));
                if let Some(r) = pg.metric() {
                    d = d.with_label(
                        r.span,
                        format!("the parent's metric, in {}", parent_unit.word()),
                    );
                }
                d.with_help(format!(
                    "A part is a share of its parent's number, so it counts the same thing: give it a {} metric, or link it with `supports` if it only helps the parent.",
                    parent_unit.word()
                ))
            }
        }
    }
}

/// `3 values`, `1 value`.
fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "path `nowhere` serves no goal" (and how many others do the same).
fn stray_words(c: &crate::model::Common, kind: ItemKind, fault: &str, n: usize) -> String {
    let first = format!("{} `{}` {fault}", kind.keyword(), c.name());
    match n {
        0 | 1 => first,
        2 => format!("{first} (so does one other {})", kind.keyword()),
        n => format!("{first} (so do {} other {}s)", n - 1, kind.keyword()),
    }
}

/// `tactic `x`` or `battle `y``.
fn who(m: &Model, id: ItemId) -> String {
    format!(
        "{} `{}`",
        id.kind.keyword(),
        m.common(id).map_or("", |c| c.name())
    )
}

fn when(range: DateRange) -> String {
    if range.start == range.end {
        format!("on {}", range.start)
    } else {
        format!("from {} to {}", range.start, range.end)
    }
}

/// The window written on a battle or tactic.
fn window_of(m: &Model, id: ItemId) -> Option<Window> {
    match id.kind {
        ItemKind::Battle => m.battles.get(id.index)?.window,
        ItemKind::Tactic => m.tactics.get(id.index)?.window,
        _ => None,
    }
}

/// The style of the amount a draw writes (a tactic's `needs` entry).
fn style_of_draw(m: &Model, draw: Option<&Draw>) -> Option<Style> {
    let draw = draw?;
    let uses = match draw.by.kind {
        ItemKind::Tactic => &m.tactics.get(draw.by.index)?.needs,
        ItemKind::Battle => &m.battles.get(draw.by.index)?.needs,
        _ => return None,
    };
    uses.iter()
        .find(|u| u.qty.span == draw.span)
        .map(|u| u.qty.style())
}

#[cfg(test)]
mod tests {
    use super::count;

    fn helps(text: &str) -> Vec<String> {
        crate::analyze(text, &[])
            .diagnostics
            .iter()
            .map(|d| format!("{}: {} / {}", d.code.name(), d.message, d.help))
            .collect()
    }

    #[test]
    fn counts_say_one_value() {
        assert_eq!(count(1, "value"), "1 value");
        assert_eq!(count(3, "quarter"), "3 quarters");
        assert_eq!(count(0, "month"), "0 months");
    }

    /// Issue 18: "this split has 1 values".
    #[test]
    fn a_split_of_one_value_says_so() {
        let text = "plan \"P\" { period 2026-01-01 .. 2026-12-31 }\n\
            metric revenue money\n\
            goal g { target revenue $1M by 2026-12-31\n split quarterly $1M }\n";
        let found = helps(text);
        assert!(
            found
                .iter()
                .any(|h| h.contains("this split has 1 value, but the plan period has 4 quarters")),
            "{found:#?}"
        );
    }

    /// Help examples come from the plan: an English plan is not told to
    /// name `张三`, nor a Chinese one `referrals`.
    #[test]
    fn examples_are_the_plans_own() {
        let english = "plan \"Bikes 2026\" { period 2026-01-01 .. 2026-12-31 }\n\
            metric repairs count\n\
            battle b { objective repairs +100\n window 2026-02-01 .. 2026-03-01 }\n\
            tactic t { for b }\n";
        let found = helps(english).join("\n");
        assert!(!found.contains("张三"), "{found}");
        assert!(found.contains("`win repairs >= 100`"), "{found}");
        let chinese = "plan \"茶饮 2026\" { period 2026-01-01 .. 2026-12-31 }\n\
            metric 会员 count\n\
            battle 夏季 { window 2026-02-01 .. 2026-03-01 }\n\
            tactic 会员日 { for 夏季 }\n";
        let found = helps(chinese).join("\n");
        assert!(found.contains("`owner \"张三\"`"), "{found}");
        assert!(!found.contains("referrals"), "{found}");
        assert!(found.contains("`win 会员 >= 1`"), "{found}");
        assert!(found.contains("`objective 会员 +1000`"), "{found}");
    }
}
