//! Traceability: goal ← path ← battle ← tactic, every link present.
//!
//! "Nothing points here" (no path serves a goal, no battle is on a main
//! path, no tactic is for a battle) is left out only when a reported fault
//! could be the missing link *for this item* (see `excuses.rs`). A path,
//! battle or tactic missing its link altogether does not silence the others:
//! it is reported itself, and the help of each item it could have pointed at
//! names it.

use super::{Ctx, Examples, Excuses, Finding};
use crate::model::ItemId;
use crate::syntax::ast::{AttrKey, ItemKind};

pub(super) fn check(ctx: &Ctx, excuses: &Excuses, examples: &Examples, out: &mut Vec<Finding>) {
    let m = ctx.model;
    let id = |kind, index| ItemId { kind, index };
    // Items written without their upward link at all: each may be the one
    // meant to point at an item nothing points at.
    let stray_paths: Vec<usize> = (0..m.paths.len())
        .filter(|&p| !m.paths[p].common.has(AttrKey::Serves))
        .collect();
    let stray_battles: Vec<usize> = (0..m.battles.len())
        .filter(|&b| !m.battles[b].common.has(AttrKey::On))
        .collect();
    let stray_tactics: Vec<usize> = (0..m.tactics.len())
        .filter(|&t| !m.tactics[t].common.has(AttrKey::For))
        .collect();
    for (g, goal) in m.goals.iter().enumerate() {
        let c = &goal.common;
        if !c.has(AttrKey::Target) && !c.has(AttrKey::Keep) {
            out.push(Finding::GoalWithoutTarget {
                goal: g,
                example: examples.target(),
            });
        }
        // A guardrail needs no path (nor does a goal written with both a
        // target and a keep, already reported: removing the target may be
        // the fix), and a goal with parts is served through them (each part
        // that no path serves is reported itself).
        if !c.has(AttrKey::Keep)
            && ctx.parts_of[g].is_empty()
            && ctx.paths_serving[g].is_empty()
            && !excuses.could_point_at(id(ItemKind::Goal, g), c.name())
        {
            out.push(Finding::GoalWithoutPath {
                goal: g,
                stray: stray_paths.first().copied(),
                strays: stray_paths.len(),
            });
        }
    }
    for (p, path) in m.paths.iter().enumerate() {
        let c = &path.common;
        if !c.has(AttrKey::Serves) {
            out.push(Finding::PathWithoutGoal { path: p });
        }
        if path.main.is_some()
            && ctx.battles_on[p].is_empty()
            && !excuses.could_point_at(id(ItemKind::Path, p), c.name())
        {
            out.push(Finding::PathWithoutBattle {
                path: p,
                stray: stray_battles.first().copied(),
                strays: stray_battles.len(),
            });
        }
    }
    for (b, battle) in m.battles.iter().enumerate() {
        let c = &battle.common;
        if !c.has(AttrKey::On) {
            out.push(Finding::BattleWithoutPath { battle: b });
        }
        if !c.has(AttrKey::Objective) {
            out.push(Finding::BattleWithoutObjective {
                battle: b,
                example: examples.objective(b),
            });
        }
        if !c.has(AttrKey::Window) {
            out.push(Finding::BattleWithoutWindow {
                battle: b,
                example: examples.window(),
            });
        }
        if ctx.tactics_for[b].is_empty()
            && !excuses.could_point_at(id(ItemKind::Battle, b), c.name())
        {
            out.push(Finding::BattleWithoutTactic {
                battle: b,
                stray: stray_tactics.first().copied(),
                strays: stray_tactics.len(),
            });
        }
        if let Some(p) = battle.on.as_ref().and_then(|on| on.target()) {
            if m.paths[p].main.is_none() {
                out.push(Finding::BattleOnCandidatePath { battle: b, path: p });
            }
        }
    }
    for (t, tactic) in m.tactics.iter().enumerate() {
        let c = &tactic.common;
        if !c.has(AttrKey::For) {
            out.push(Finding::TacticWithoutBattle { tactic: t });
        }
        if !c.has(AttrKey::Win) {
            out.push(Finding::TacticWithoutWin {
                tactic: t,
                win: examples.win(t),
            });
        }
    }
}
