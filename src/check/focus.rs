//! Focus: few main paths, few battles at once, one breakthrough, no segment
//! the company said it will not touch, and the habits that keep a plan honest.

use super::sweep::{self, Charge};
use super::{Ctx, Examples, Excuses, Finding};
use crate::model::ItemId;
use crate::quantity::Amount;
use crate::syntax::ast::{AttrKey, ItemKind};

pub(super) fn check(ctx: &Ctx, excuses: &Excuses, examples: &Examples, out: &mut Vec<Finding>) {
    main_paths(ctx, out);
    concurrent_battles(ctx, out);
    breakthrough(ctx, out);
    not_do(ctx, out);
    habits(ctx, examples, out);
    positioning(ctx, excuses, out);
}

fn main_paths(ctx: &Ctx, out: &mut Vec<Finding>) {
    let limit = ctx.model.main_paths() as usize;
    let mains: Vec<usize> = (0..ctx.model.paths.len())
        .filter(|&p| ctx.model.paths[p].main.is_some())
        .collect();
    if mains.len() > limit {
        out.push(Finding::TooManyMainPaths { limit, mains });
    }
}

fn concurrent_battles(ctx: &Ctx, out: &mut Vec<Finding>) {
    let limit = ctx.model.concurrent_battles();
    let battles: Vec<(usize, Charge)> = ctx
        .model
        .battles
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            b.window.map(|w| {
                (
                    i,
                    Charge {
                        range: w.range,
                        amount: Amount::units(1),
                    },
                )
            })
        })
        .collect();
    let charges: Vec<Charge> = battles.iter().map(|b| b.1).collect();
    let ranges = sweep::over(&charges, Amount::units(i64::from(limit)));
    let Some(first) = sweep::first_over(&charges, Amount::units(i64::from(limit))) else {
        return;
    };
    let active = sweep::active_on(&charges, first.range.start);
    let Some(&tip) = active.iter().max_by_key(|&&i| {
        (
            charges[i].range.start,
            ctx.model.battles[battles[i].0].common.span.start(),
        )
    }) else {
        return;
    };
    out.push(Finding::TooManyConcurrentBattles {
        limit,
        stretch: first.range,
        running: (first.load.0 / crate::quantity::SCALE) as u64,
        tip: battles[tip].0,
        others: active
            .iter()
            .filter(|&&i| i != tip)
            .map(|&i| battles[i].0)
            .collect(),
        later: ranges.iter().skip(1).map(|p| p.range).collect(),
    });
}

fn breakthrough(ctx: &Ctx, out: &mut Vec<Finding>) {
    let goals: Vec<usize> = (0..ctx.model.goals.len())
        .filter(|&g| ctx.model.goals[g].breakthrough.is_some())
        .collect();
    if goals.len() >= 2 {
        out.push(Finding::MultipleBreakthroughGoals { goals });
    }
}

fn normalize(s: &str) -> String {
    s.trim().to_lowercase()
}

fn not_do(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(positioning) = &ctx.model.positioning else {
        return;
    };
    if positioning.not_do.is_empty() {
        return;
    }
    let m = ctx.model;
    let id = |kind, index| ItemId { kind, index };
    let segments =
        m.paths
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.segment.as_ref().map(|s| (id(ItemKind::Path, i), s)))
            .chain(
                m.battles.iter().enumerate().filter_map(|(i, b)| {
                    b.segment.as_deref().map(|s| (id(ItemKind::Battle, i), s))
                }),
            )
            .chain(
                m.tactics.iter().enumerate().filter_map(|(i, t)| {
                    t.segment.as_deref().map(|s| (id(ItemKind::Tactic, i), s))
                }),
            );
    for (item, segment) in segments {
        let key = normalize(&segment.value);
        if let Some(entry) = positioning
            .not_do
            .iter()
            .position(|n| normalize(&n.value) == key)
        {
            out.push(Finding::NotDoViolation { item, entry });
        }
    }
}

fn habits(ctx: &Ctx, examples: &Examples, out: &mut Vec<Finding>) {
    for (b, battle) in ctx.model.battles.iter().enumerate() {
        if !battle.common.has(AttrKey::Review) {
            out.push(Finding::BattleWithoutReview { battle: b });
        }
    }
    for (t, tactic) in ctx.model.tactics.iter().enumerate() {
        if !tactic.common.has(AttrKey::Owner) {
            out.push(Finding::TacticWithoutOwner {
                tactic: t,
                owner: examples.owner(),
            });
        }
    }
}

fn positioning(ctx: &Ctx, excuses: &Excuses, out: &mut Vec<Finding>) {
    // A file without a plan is not a plan yet (`plan-missing`); and a
    // broken region could hold the positioning: one that could be a
    // positioning, or whose text names one (an unclosed item swallowing it).
    if ctx.model.broken_could_be(ItemKind::Positioning) {
        return;
    }
    match &ctx.model.positioning {
        None if ctx.model.plan.is_none() || excuses.broken_names("positioning") => {}
        None => out.push(Finding::PositioningMissing),
        Some(p) => {
            let missing: Vec<&'static str> = [
                ("we_are", &p.we_are),
                ("serve", &p.serve),
                ("pain", &p.pain),
                ("why_us", &p.why_us),
            ]
            .into_iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k)
            .collect();
            if !missing.is_empty() {
                out.push(Finding::PositioningIncomplete { missing });
            }
        }
    }
}
