//! Traceability: goal ← path ← battle ← tactic, every link present.

use super::Ctx;
use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::ast::{AttrKey, ItemKind};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for (g, goal) in m.goals.iter().enumerate() {
        let c = &goal.common;
        if !c.has(AttrKey::Target) {
            out.push(
                Diagnostic::new(Code::GoalWithoutTarget, c.id.span, format!("{} has no target", c.describe(ItemKind::Goal)))
                    .with_span_label("no `target`")
                    .with_help("Say what number to reach and by when, like `target revenue ¥2000万 by 2026-12-31`; a goal without a number cannot be checked or won."),
            );
        }
        if ctx.paths_serving[g].is_empty() && !ctx.dangling_serves {
            out.push(
                Diagnostic::new(Code::GoalWithoutPath, c.id.span, format!("no path serves {}", c.describe(ItemKind::Goal)))
                    .with_span_label("nothing leads here")
                    .with_help(format!(
                        "Name this goal in the `serves` of the path that will reach it (`serves {}`), or drop the goal if no route to it is planned.",
                        c.name()
                    )),
            );
        }
    }
    for (p, path) in m.paths.iter().enumerate() {
        let c = &path.common;
        if !c.has(AttrKey::Serves) {
            out.push(
                Diagnostic::new(Code::PathWithoutGoal, c.id.span, format!("{} serves no goal", c.describe(ItemKind::Path)))
                    .with_span_label("no `serves`")
                    .with_help("Add `serves GOAL` naming the goals this path leads to; a route to nowhere is effort without a reason."),
            );
        }
        if let Some(main) = path.main {
            if ctx.battles_on[p].is_empty() && !ctx.dangling_on {
                out.push(
                    Diagnostic::new(Code::PathWithoutBattle, c.id.span, format!("no battle is on the main {}", c.describe(ItemKind::Path)))
                        .with_span_label("no battle advances it")
                        .with_label(main, "chosen as a main path here")
                        .with_help(format!(
                            "Plan at least one battle with `on {}`, or remove `main` if this path is only a candidate.",
                            c.name()
                        )),
                );
            }
        }
    }
    for (b, battle) in m.battles.iter().enumerate() {
        let c = &battle.common;
        let what = c.describe(ItemKind::Battle);
        if !c.has(AttrKey::On) {
            out.push(
                Diagnostic::new(Code::BattleWithoutPath, c.id.span, format!("{what} is on no path"))
                    .with_span_label("no `on`")
                    .with_help("Add `on PATH` naming the growth path this battle advances; a battle off every path does not move the strategy."),
            );
        }
        if !c.has(AttrKey::Objective) {
            out.push(
                Diagnostic::new(
                    Code::BattleWithoutObjective,
                    c.id.span,
                    format!("{what} has no objective"),
                )
                .with_span_label("no `objective`")
                .with_help(
                    "Say what winning means in numbers, like `objective new_customers +5000`.",
                ),
            );
        }
        if !c.has(AttrKey::Window) {
            out.push(
                Diagnostic::new(
                    Code::BattleWithoutWindow,
                    c.id.span,
                    format!("{what} has no window"),
                )
                .with_span_label("no `window`")
                .with_help(
                    "Give the battle a start and an end, like `window 2026-04-01 .. 2026-05-15`.",
                ),
            );
        }
        if ctx.tactics_for[b].is_empty() && !ctx.dangling_for {
            out.push(
                Diagnostic::new(Code::BattleWithoutTactic, c.id.span, format!("no tactic is for {what}"))
                    .with_span_label("no tactic wins it")
                    .with_help(format!("Add at least one tactic with `for {}`: the concrete plays that win this battle.", c.name())),
            );
        }
        if let Some(on) = &battle.on {
            if let Some(p) = on.target {
                let path = &m.paths[p];
                if path.main.is_none() {
                    out.push(
                        Diagnostic::new(
                            Code::BattleOnCandidatePath,
                            on.span,
                            format!("{what} is on {}, which is not a main path", path.common.describe(ItemKind::Path)),
                        )
                        .with_span_label("a candidate path")
                        .with_label(path.common.id.span, "declared here without `main`")
                        .with_help(format!(
                            "Mark `{}` as `main` if you are committing to it, or move the battle to a main path.",
                            path.common.name()
                        )),
                    );
                }
            }
        }
    }
    for tactic in &m.tactics {
        let c = &tactic.common;
        let what = c.describe(ItemKind::Tactic);
        if !c.has(AttrKey::For) {
            out.push(
                Diagnostic::new(
                    Code::TacticWithoutBattle,
                    c.id.span,
                    format!("{what} is for no battle"),
                )
                .with_span_label("no `for`")
                .with_help("Add `for BATTLE` naming the battle this tactic helps win."),
            );
        }
        if !c.has(AttrKey::Win) {
            out.push(
                Diagnostic::new(
                    Code::TacticWithoutWin,
                    c.id.span,
                    format!("{what} has no way to tell whether it won"),
                )
                .with_span_label("no `win`")
                .with_help("Add a win criterion, like `win referrals >= 1500`."),
            );
        }
    }
}
