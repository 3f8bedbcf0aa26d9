//! Time: windows inside the period and their battle, battles done by their
//! goals' dates, `after` respected.

use super::Ctx;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{ItemId, Window};
use crate::span::Span;
use crate::syntax::ast::ItemKind;
use std::collections::HashSet;

pub fn check(ctx: &Ctx, in_cycle: &HashSet<ItemId>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    let period = m.plan.as_ref().and_then(|p| p.period);
    // Windows already reported outside the period: the same wrong date is
    // not reported again against the battle or the goal's deadline.
    let outside = |w: &Window| period.is_some_and(|p| !p.range.contains(&w.range));
    if let Some(period) = period {
        for goal in &m.goals {
            if let Some(t) = &goal.target {
                let by = t.by.value;
                if by < period.range.start || by > period.range.end {
                    out.push(outside_period(
                        t.by.span,
                        &goal.common.describe(ItemKind::Goal),
                        "the target date",
                        period,
                    ));
                }
            }
        }
        for battle in &m.battles {
            if let Some(w) = battle.window.filter(outside) {
                out.push(outside_period(
                    w.span,
                    &battle.common.describe(ItemKind::Battle),
                    "the window",
                    period,
                ));
            }
        }
        for tactic in &m.tactics {
            if let Some(w) = tactic.window.filter(outside) {
                out.push(outside_period(
                    w.span,
                    &tactic.common.describe(ItemKind::Tactic),
                    "the window",
                    period,
                ));
            }
        }
    }
    for tactic in &m.tactics {
        let (Some(w), Some(b)) = (tactic.window, tactic.battle.as_ref().and_then(|r| r.target))
        else {
            continue;
        };
        let battle = &m.battles[b];
        let Some(bw) = battle.window else { continue };
        if !bw.range.contains(&w.range) && !outside(&w) {
            out.push(
                Diagnostic::new(
                    Code::WindowOutsideBattle,
                    w.span,
                    format!(
                        "{} runs {}, outside its battle `{}` ({})",
                        tactic.common.describe(ItemKind::Tactic),
                        w.range,
                        battle.common.id.name,
                        bw.range
                    ),
                )
                .with_span_label("outside the battle's window")
                .with_label(bw.span, "the battle's window")
                .with_help("A tactic runs within its battle: move its window inside the battle's, or widen the battle's window. A tactic without a window has its battle's."),
            );
        }
    }
    deadlines(ctx, &outside, out);
    after(ctx, in_cycle, out);
}

fn outside_period(span: Span, what: &str, part: &str, period: Window) -> Diagnostic {
    Diagnostic::new(
        Code::WindowOutsidePeriod,
        span,
        format!("{part} of {what} lies outside the plan period ({})", period.range),
    )
    .with_span_label("outside the plan period")
    .with_label(period.span, "the plan period")
    .with_help("Keep every date within the plan's `period`, or widen the period if the plan really runs longer.")
}

/// A battle must end by the date of every goal it advances: one it traces to
/// and has an objective on the goal's metric.
fn deadlines(ctx: &Ctx, outside: &dyn Fn(&Window) -> bool, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for (b, battle) in m.battles.iter().enumerate() {
        let Some(w) = battle.window.filter(|w| !outside(w)) else {
            continue;
        };
        for g in ctx.goals_of_battle(b) {
            let goal = &m.goals[g];
            let Some(t) = &goal.target else { continue };
            let Some(metric) = t.metric.target else {
                continue;
            };
            let Some(objective) = battle
                .objective
                .iter()
                .find(|u| u.what.target == Some(metric))
            else {
                continue;
            };
            if w.range.end > t.by.value {
                out.push(
                    Diagnostic::new(
                        Code::BattleAfterDeadline,
                        w.span,
                        format!(
                            "{} ends on {}, after {} is due on {}",
                            battle.common.describe(ItemKind::Battle),
                            w.range.end,
                            goal.common.describe(ItemKind::Goal),
                            t.by.value
                        ),
                    )
                    .with_span_label("ends too late")
                    .with_label(t.by.span, "the goal's date")
                    .with_label(objective.qty.span, "this objective counts toward the goal")
                    .with_help(format!("End the battle by {}, or move the goal's date if the result can come later.", t.by.value)),
                );
            }
        }
    }
}

fn after(ctx: &Ctx, in_cycle: &HashSet<ItemId>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for (i, battle) in m.battles.iter().enumerate() {
        if in_cycle.contains(&ItemId {
            kind: ItemKind::Battle,
            index: i,
        }) {
            continue;
        }
        let Some(w) = battle.window else { continue };
        for r in &battle.after {
            let Some(other) = r.target else { continue };
            let Some(ow) = m.battles[other].window else {
                continue;
            };
            if w.range.start <= ow.range.end {
                out.push(violated(
                    &battle.common.describe(ItemKind::Battle),
                    w,
                    r.span,
                    &m.battles[other].common.id.name,
                    ow,
                ));
            }
        }
    }
    for (i, tactic) in m.tactics.iter().enumerate() {
        if in_cycle.contains(&ItemId {
            kind: ItemKind::Tactic,
            index: i,
        }) {
            continue;
        }
        let Some(range) = m.tactic_window(tactic) else {
            continue;
        };
        let span = tactic.window.map_or(tactic.common.id.span, |w| w.span);
        for r in &tactic.after {
            let Some(other) = r.target else { continue };
            let Some(orange) = m.tactic_window(&m.tactics[other]) else {
                continue;
            };
            let ospan = m.tactics[other]
                .window
                .map_or(m.tactics[other].common.id.span, |w| w.span);
            if range.start <= orange.end {
                out.push(violated(
                    &tactic.common.describe(ItemKind::Tactic),
                    Window { range, span },
                    r.span,
                    &m.tactics[other].common.id.name,
                    Window {
                        range: orange,
                        span: ospan,
                    },
                ));
            }
        }
    }
}

fn violated(what: &str, w: Window, after_span: Span, other: &str, ow: Window) -> Diagnostic {
    Diagnostic::new(
        Code::AfterViolated,
        w.span,
        format!("{what} starts on {}, but must come after `{other}`, which ends on {}", w.range.start, ow.range.end),
    )
    .with_span_label("starts too early")
    .with_label(after_span, format!("must come after `{other}`"))
    .with_label(ow.span, format!("`{other}` ends {}", ow.range.end))
    .with_help(format!(
        "Start on {} or later (`after` means strictly after the other ends), or drop the `after` if the two can overlap.",
        ow.range.end.add_days(1)
    ))
}
