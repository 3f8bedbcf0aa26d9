//! Resources: pools never exceeded, tactics within their battle's envelope,
//! battles within their path's estimated cost.

use super::sweep::{self, Charge};
use super::Ctx;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{PoolKind, Use};
use crate::quantity::{Amount, Style};
use crate::span::Span;
use crate::syntax::ast::ItemKind;

/// What one battle (or one of its tactics) draws from one pool.
#[derive(Clone, Debug)]
pub struct PoolCharge {
    pub resource: usize,
    pub battle: usize,
    pub tactic: Option<usize>,
    pub charge: Charge,
    /// Where the amount is written.
    pub span: Span,
    pub text: String,
}

/// Every charge on every pool: each battle's `needs`, or — where a battle
/// has none — its tactics' needs over their own windows.
pub fn charges(ctx: &Ctx) -> Vec<PoolCharge> {
    let m = ctx.model;
    let mut out = Vec::new();
    for (b, battle) in m.battles.iter().enumerate() {
        if battle.common.damaged {
            continue;
        }
        let Some(window) = battle.window else {
            continue;
        };
        if !battle.needs.is_empty() {
            for u in &battle.needs {
                if let Some(r) = u.what.target {
                    out.push(PoolCharge {
                        resource: r,
                        battle: b,
                        tactic: None,
                        charge: Charge {
                            range: window.range,
                            amount: u.qty.amount,
                        },
                        span: u.qty.span,
                        text: u.qty.text.clone(),
                    });
                }
            }
            continue;
        }
        for &t in &ctx.tactics_for[b] {
            let tactic = &m.tactics[t];
            if tactic.common.damaged {
                continue;
            }
            let range = tactic.window.map_or(window.range, |w| w.range);
            for u in &tactic.needs {
                if let Some(r) = u.what.target {
                    out.push(PoolCharge {
                        resource: r,
                        battle: b,
                        tactic: Some(t),
                        charge: Charge {
                            range,
                            amount: u.qty.amount,
                        },
                        span: u.qty.span,
                        text: u.qty.text.clone(),
                    });
                }
            }
        }
    }
    out
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let all = charges(ctx);
    overcommitted(ctx, &all, out);
    tactics_exceed_battle(ctx, out);
    path_over_cost(ctx, &all, out);
}

fn who(ctx: &Ctx, c: &PoolCharge) -> String {
    match c.tactic {
        Some(t) => format!("tactic `{}`", ctx.model.tactics[t].common.id.name),
        None => format!("battle `{}`", ctx.model.battles[c.battle].common.id.name),
    }
}

fn overcommitted(ctx: &Ctx, all: &[PoolCharge], out: &mut Vec<Diagnostic>) {
    for (r, resource) in ctx.model.resources.iter().enumerate() {
        let (Some(kind), Some(limit)) = (resource.kind, &resource.amount) else {
            continue;
        };
        if resource.common.damaged {
            continue;
        }
        let pool: Vec<&PoolCharge> = all.iter().filter(|c| c.resource == r).collect();
        let style = limit.style();
        let name = resource.common.describe(ItemKind::Resource);
        match kind {
            PoolKind::Capacity => {
                let charges: Vec<Charge> = pool.iter().map(|c| c.charge).collect();
                let Some(piece) = sweep::first_over(&charges, limit.amount) else {
                    continue;
                };
                let active = sweep::active_on(&charges, piece.range.start);
                // The one that tips it over: the latest to start, then the last written.
                let Some(&tip) = active
                    .iter()
                    .max_by_key(|&&i| (charges[i].range.start, pool[i].span.start))
                else {
                    continue;
                };
                let over = piece.load.minus(limit.amount);
                let mut d = Diagnostic::new(
                    Code::Overcommitted,
                    pool[tip].span,
                    format!(
                        "{name} is overcommitted {}: {} needed at once, capacity {} ({} over)",
                        when(piece.range),
                        style.format(piece.load),
                        limit.text,
                        style.format(over)
                    ),
                )
                .with_span_label(format!(
                    "{} needs {} here, which tips it over",
                    who(ctx, pool[tip]),
                    pool[tip].text
                ))
                .with_label(limit.span, format!("capacity {}", limit.text));
                for &i in active.iter().filter(|&&i| i != tip) {
                    d = d.with_label(
                        pool[i].span,
                        format!(
                            "{} needs {} ({})",
                            who(ctx, pool[i]),
                            pool[i].text,
                            charges[i].range
                        ),
                    );
                }
                out.push(d.with_help(format!(
                    "Between {} and {}, move a battle's window so they do not overlap, lower what they need, or raise the capacity of `{}`.",
                    piece.range.start,
                    piece.range.end,
                    resource.common.id.name
                )));
            }
            PoolKind::Total => {
                let mut sum = Amount::ZERO;
                let mut tip = None;
                for (i, c) in pool.iter().enumerate() {
                    sum = sum.plus(c.charge.amount);
                    if tip.is_none() && sum > limit.amount {
                        tip = Some(i);
                    }
                }
                let Some(tip) = tip else { continue };
                let over = sum.minus(limit.amount);
                let mut d = Diagnostic::new(
                    Code::Overcommitted,
                    pool[tip].span,
                    format!(
                        "{name} is overcommitted: the plan needs {} in all, the total is {} ({} over)",
                        style.format(sum),
                        limit.text,
                        style.format(over)
                    ),
                )
                .with_span_label(format!("{} needs {} here, which tips it over", who(ctx, pool[tip]), pool[tip].text))
                .with_label(limit.span, format!("total {}", limit.text));
                for (_, c) in pool.iter().enumerate().filter(|&(i, _)| i != tip) {
                    d = d.with_label(c.span, format!("{} needs {}", who(ctx, c), c.text));
                }
                out.push(d.with_help(format!(
                    "Cut {} from what the battles need, or raise the total of `{}`.",
                    style.format(over),
                    resource.common.id.name
                )));
            }
        }
    }
}

fn when(range: crate::date::DateRange) -> String {
    if range.start == range.end {
        format!("on {}", range.start)
    } else {
        format!("from {} to {}", range.start, range.end)
    }
}

fn tactics_exceed_battle(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for (b, battle) in m.battles.iter().enumerate() {
        if battle.needs.is_empty() || battle.common.damaged {
            continue;
        }
        let Some(window) = battle.window else {
            continue;
        };
        let tactics: Vec<usize> = ctx.tactics_for[b]
            .iter()
            .copied()
            .filter(|&t| !m.tactics[t].common.damaged)
            .collect();
        for (r, resource) in m.resources.iter().enumerate() {
            let (Some(kind), false) = (resource.kind, resource.common.damaged) else {
                continue;
            };
            let uses: Vec<(usize, &Use, Charge)> = tactics
                .iter()
                .flat_map(|&t| {
                    let range = m.tactics[t].window.map_or(window.range, |w| w.range);
                    m.tactics[t]
                        .needs
                        .iter()
                        .filter(move |u| u.what.target == Some(r))
                        .map(move |u| {
                            (
                                t,
                                u,
                                Charge {
                                    range,
                                    amount: u.qty.amount,
                                },
                            )
                        })
                })
                .collect();
            if uses.is_empty() {
                continue;
            }
            let envelope = battle.needs.iter().find(|u| u.what.target == Some(r));
            let allowed = envelope.map_or(Amount::ZERO, |u| u.qty.amount);
            let style = envelope.map_or_else(|| uses[0].1.qty.style(), |u| u.qty.style());
            let charges: Vec<Charge> = uses.iter().map(|u| u.2).collect();
            let (load, range) = match kind {
                PoolKind::Capacity => match sweep::first_over(&charges, allowed) {
                    Some(piece) => (piece.load, Some(piece.range)),
                    None => continue,
                },
                PoolKind::Total => {
                    let sum = charges.iter().fold(Amount::ZERO, |a, c| a.plus(c.amount));
                    if sum <= allowed {
                        continue;
                    }
                    (sum, None)
                }
            };
            let name = battle.common.describe(ItemKind::Battle);
            let rname = &resource.common.id.name;
            let primary = envelope.map_or(battle.common.id.span, |u| u.qty.span);
            let message = match (envelope, range) {
                (None, _) => format!("the tactics of {name} need `{rname}`, which the battle's `needs` does not include"),
                (Some(u), Some(range)) => format!(
                    "the tactics of {name} need {} of `{rname}` at once {}, more than the battle's {}",
                    style.format(load),
                    when(range),
                    u.qty.text
                ),
                (Some(u), None) => {
                    format!("the tactics of {name} need {} of `{rname}` in all, more than the battle's {}", style.format(load), u.qty.text)
                }
            };
            let mut d = Diagnostic::new(Code::TacticsExceedBattle, primary, message)
                .with_span_label(if envelope.is_some() {
                    "the battle's envelope"
                } else {
                    "the battle's needs"
                });
            let active: Vec<usize> = match range {
                Some(range) => sweep::active_on(&charges, range.start),
                None => (0..uses.len()).collect(),
            };
            for i in active {
                let (t, u, _) = uses[i];
                d = d.with_label(
                    u.qty.span,
                    format!(
                        "tactic `{}` needs {}",
                        m.tactics[t].common.id.name, u.qty.text
                    ),
                );
            }
            let help = if envelope.is_some() {
                format!("Raise the battle's `needs {rname} …` to cover its tactics, or lower what the tactics need; tactics draw from their battle's envelope.")
            } else {
                format!("Add `{rname}` to the battle's `needs`, large enough for its tactics; tactics draw from their battle's envelope.")
            };
            out.push(d.with_help(help));
        }
    }
}

fn path_over_cost(ctx: &Ctx, all: &[PoolCharge], out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    // The charges of each path's battles, gathered once: a plan with a
    // thousand paths must not scan every charge a thousand times.
    let mut by_path: Vec<Vec<&PoolCharge>> = vec![Vec::new(); m.paths.len()];
    for c in all {
        if let Some(p) = m.battles[c.battle].on.as_ref().and_then(|o| o.target) {
            by_path[p].push(c);
        }
    }
    for (p, path) in m.paths.iter().enumerate() {
        if path.cost.is_empty() || path.common.damaged {
            continue;
        }
        for cost in &path.cost {
            let Some(r) = cost.what.target else { continue };
            let resource = &m.resources[r];
            let (Some(kind), false) = (resource.kind, resource.common.damaged) else {
                continue;
            };
            let pool: Vec<&PoolCharge> = by_path[p]
                .iter()
                .copied()
                .filter(|c| c.resource == r)
                .collect();
            let charges: Vec<Charge> = pool.iter().map(|c| c.charge).collect();
            let style: Style = cost.qty.style();
            let (load, range) = match kind {
                PoolKind::Capacity => match sweep::first_over(&charges, cost.qty.amount) {
                    Some(piece) => (piece.load, Some(piece.range)),
                    None => continue,
                },
                PoolKind::Total => {
                    let sum = charges.iter().fold(Amount::ZERO, |a, c| a.plus(c.amount));
                    if sum <= cost.qty.amount {
                        continue;
                    }
                    (sum, None)
                }
            };
            let name = path.common.describe(ItemKind::Path);
            let rname = &resource.common.id.name;
            let message = match range {
                Some(range) => format!(
                    "the battles on {name} need {} of `{rname}` at once {}, more than its estimated cost of {}",
                    style.format(load),
                    when(range),
                    cost.qty.text
                ),
                None => format!(
                    "the battles on {name} need {} of `{rname}` in all, more than its estimated cost of {}",
                    style.format(load),
                    cost.qty.text
                ),
            };
            let mut d = Diagnostic::new(Code::PathOverCost, cost.qty.span, message)
                .with_span_label("estimated cost");
            let active: Vec<usize> = match range {
                Some(range) => sweep::active_on(&charges, range.start),
                None => (0..pool.len()).collect(),
            };
            for i in active {
                d = d.with_label(
                    pool[i].span,
                    format!("{} needs {}", who(ctx, pool[i]), pool[i].text),
                );
            }
            out.push(d.with_help(format!(
                "Update the path's `cost {rname} …` to what its battles really need, or scale the battles down."
            )));
        }
    }
}
