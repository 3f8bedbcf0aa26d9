//! Time: windows inside the period and their battle, battles done by their
//! goals' dates, `after` respected.

use super::error::{DatePart, Dates};
use super::{Ctx, Finding};
use crate::date::DateRange;
use crate::model::Set as HashSet;
use crate::model::{ItemId, Window};
use crate::syntax::ast::ItemKind;

pub(super) fn check(ctx: &Ctx, in_cycle: &HashSet<ItemId>, out: &mut Vec<Finding>) {
    let m = ctx.model;
    let period = m.plan.as_ref().and_then(|p| p.period).map(|p| p.range);
    let outside = |w: &Window| period.is_some_and(|p| !p.contains(&w.range));
    if let Some(period) = period {
        for (g, goal) in m.goals.iter().enumerate() {
            if let Some(t) = &goal.target {
                let by = t.by.value;
                if by < period.start || by > period.end {
                    out.push(Finding::WindowOutsidePeriod {
                        item: ItemId {
                            kind: ItemKind::Goal,
                            index: g,
                        },
                        part: DatePart::TargetDate,
                    });
                }
            }
        }
        for (b, battle) in m.battles.iter().enumerate() {
            if battle.window.is_some_and(|w| outside(&w)) {
                out.push(Finding::WindowOutsidePeriod {
                    item: ItemId {
                        kind: ItemKind::Battle,
                        index: b,
                    },
                    part: DatePart::Window,
                });
            }
        }
        for (t, tactic) in m.tactics.iter().enumerate() {
            if tactic.window.is_some_and(|w| outside(&w)) {
                out.push(Finding::WindowOutsidePeriod {
                    item: ItemId {
                        kind: ItemKind::Tactic,
                        index: t,
                    },
                    part: DatePart::Window,
                });
            }
        }
    }
    // A window outside the period is reported once as such; what it is
    // compared with next is the window cut to the period, so a fault that
    // fixing the dates into the period would not clear is still reported.
    let cut = |range: DateRange| match period {
        Some(p) => DateRange {
            start: range.start.max(p.start),
            end: range.end.min(p.end),
        },
        None => range,
    };
    for (t, tactic) in m.tactics.iter().enumerate() {
        let (Some(w), Some(b)) = (
            tactic.window,
            tactic.battle.as_ref().and_then(|r| r.target()),
        ) else {
            continue;
        };
        let Some(bw) = m.battles[b].window else {
            continue;
        };
        // The battle's window is compared as written: it is the envelope
        // the tactic must fit in.
        let range = cut(w.range);
        if range.start <= range.end && !bw.range.contains(&range) {
            out.push(Finding::WindowOutsideBattle {
                tactic: t,
                battle: b,
            });
        }
    }
    deadlines(ctx, &cut, out);
    after(ctx, in_cycle, out);
}

/// A battle must end by the date of every goal it advances: one it traces to
/// and has an objective on the goal's metric. A battle running past the
/// period is compared with its window cut to the period; a goal whose own
/// date lies outside the period is that fault, and is not compared.
fn deadlines(ctx: &Ctx, cut: &dyn Fn(DateRange) -> DateRange, out: &mut Vec<Finding>) {
    let m = ctx.model;
    let period = m.plan.as_ref().and_then(|p| p.period).map(|p| p.range);
    for (b, battle) in m.battles.iter().enumerate() {
        let Some(w) = battle.window else {
            continue;
        };
        let range = cut(w.range);
        if range.start > range.end {
            // Wholly outside the period: where it belongs is anyone's guess.
            continue;
        }
        let end = range.end;
        for g in ctx.goals_of_battle(b) {
            let goal = &m.goals[g];
            let Some(t) = &goal.target else { continue };
            if period.is_some_and(|p| t.by.value < p.start || t.by.value > p.end) {
                continue;
            }
            let Some(metric) = t.metric.target() else {
                continue;
            };
            let Some(objective) = battle
                .objective
                .iter()
                .position(|u| u.what.target() == Some(metric))
            else {
                continue;
            };
            if end > t.by.value {
                out.push(Finding::BattleAfterDeadline {
                    battle: b,
                    goal: g,
                    objective,
                });
            }
        }
    }
}

fn after(ctx: &Ctx, in_cycle: &HashSet<ItemId>, out: &mut Vec<Finding>) {
    let m = ctx.model;
    for (i, battle) in m.battles.iter().enumerate() {
        let item = ItemId {
            kind: ItemKind::Battle,
            index: i,
        };
        if in_cycle.contains(&item) {
            continue;
        }
        let Some(w) = battle.window else { continue };
        for r in &battle.after {
            let Some(other) = r.target() else { continue };
            let Some(ow) = m.battles[other].window else {
                continue;
            };
            if w.range.start <= ow.range.end {
                out.push(Finding::AfterViolated {
                    item,
                    other: ItemId {
                        kind: ItemKind::Battle,
                        index: other,
                    },
                    after: r.span,
                    window: Dates {
                        range: w.range,
                        span: w.span,
                    },
                    other_window: Dates {
                        range: ow.range,
                        span: ow.span,
                    },
                });
            }
        }
    }
    for (i, tactic) in m.tactics.iter().enumerate() {
        let item = ItemId {
            kind: ItemKind::Tactic,
            index: i,
        };
        if in_cycle.contains(&item) {
            continue;
        }
        let Some(range) = m.tactic_window(tactic) else {
            continue;
        };
        let span = tactic.window.map_or(tactic.common.id.span, |w| w.span);
        for r in &tactic.after {
            let Some(other) = r.target() else { continue };
            let Some(orange) = m.tactic_window(&m.tactics[other]) else {
                continue;
            };
            let ospan = m.tactics[other]
                .window
                .map_or(m.tactics[other].common.id.span, |w| w.span);
            if range.start <= orange.end {
                out.push(Finding::AfterViolated {
                    item,
                    other: ItemId {
                        kind: ItemKind::Tactic,
                        index: other,
                    },
                    after: r.span,
                    window: Dates { range, span },
                    other_window: Dates {
                        range: orange,
                        span: ospan,
                    },
                });
            }
        }
    }
}
