//! Resources: pools never exceeded, tactics within their battle's envelope,
//! battles within their path's estimated cost.

use super::error::Draw;
use super::sweep::{self, Charge};
use super::{Ctx, Finding};
use crate::model::{ItemId, PoolKind, Use};
use crate::quantity::Amount;
use crate::span::Span;
use crate::syntax::ast::ItemKind;

/// What one battle (or one of its tactics) draws from one pool.
#[derive(Clone, Debug)]
pub struct PoolCharge<'a> {
    pub resource: usize,
    pub battle: usize,
    pub tactic: Option<usize>,
    pub charge: Charge,
    /// Where the amount is written.
    pub span: Span,
    /// The amount as written, in the model.
    pub text: &'a crate::Text,
}

/// Every charge on every pool: each battle's `needs`, or — where a battle
/// has none — its tactics' needs over their own windows.
pub fn charges<'a>(ctx: &Ctx<'a>) -> Vec<PoolCharge<'a>> {
    let m = ctx.model;
    // Sized once (a plan of 100 000 battles has hundreds of thousands): a
    // battle's own needs, else its tactics'.
    let at_most = m.battles.iter().enumerate().map(|(b, battle)| {
        if battle.needs.is_empty() {
            ctx.tactics_for[b]
                .iter()
                .map(|&t| m.tactics[t].needs.len())
                .sum()
        } else {
            battle.needs.len()
        }
    });
    let mut out = Vec::with_capacity(at_most.sum());
    for (b, battle) in m.battles.iter().enumerate() {
        if battle.common.damaged {
            continue;
        }
        let Some(window) = battle.window else {
            continue;
        };
        if !battle.needs.is_empty() {
            for u in &battle.needs {
                if let Some(r) = u.what.target() {
                    out.push(PoolCharge {
                        resource: r,
                        battle: b,
                        tactic: None,
                        charge: Charge {
                            range: window.range,
                            amount: u.qty.amount,
                        },
                        span: u.qty.span,
                        text: &u.qty.text,
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
                if let Some(r) = u.what.target() {
                    out.push(PoolCharge {
                        resource: r,
                        battle: b,
                        tactic: Some(t),
                        charge: Charge {
                            range,
                            amount: u.qty.amount,
                        },
                        span: u.qty.span,
                        text: &u.qty.text,
                    });
                }
            }
        }
    }
    out
}

impl PoolCharge<'_> {
    /// Who draws it, where, and over which days.
    fn draw(&self) -> Draw {
        Draw {
            by: match self.tactic {
                Some(t) => ItemId {
                    kind: ItemKind::Tactic,
                    index: t,
                },
                None => ItemId {
                    kind: ItemKind::Battle,
                    index: self.battle,
                },
            },
            span: self.span,
            text: self.text.clone(),
            range: self.charge.range,
        }
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let all = charges(ctx);
    overcommitted(ctx, &all, out);
    tactics_exceed_battle(ctx, out);
    path_over_cost(ctx, &all, out);
}

fn overcommitted(ctx: &Ctx, all: &[PoolCharge], out: &mut Vec<Finding>) {
    for (r, resource) in ctx.model.resources.iter().enumerate() {
        let (Some(kind), Some(limit)) = (resource.kind, &resource.amount) else {
            continue;
        };
        if resource.common.damaged {
            continue;
        }
        let pool: Vec<&PoolCharge> = all.iter().filter(|c| c.resource == r).collect();
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
                    .max_by_key(|&&i| (charges[i].range.start, pool[i].span.start()))
                else {
                    continue;
                };
                out.push(Finding::OvercommittedCapacity {
                    resource: r,
                    stretch: piece.range,
                    load: piece.load,
                    tip: pool[tip].draw(),
                    others: active
                        .iter()
                        .filter(|&&i| i != tip)
                        .map(|&i| pool[i].draw())
                        .collect(),
                });
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
                out.push(Finding::OvercommittedTotal {
                    resource: r,
                    sum,
                    tip: pool[tip].draw(),
                    others: pool
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| i != tip)
                        .map(|(_, c)| c.draw())
                        .collect(),
                });
            }
        }
    }
}

fn tactics_exceed_battle(ctx: &Ctx, out: &mut Vec<Finding>) {
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
                        .filter(move |u| u.what.target() == Some(r))
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
            let envelope = battle.needs.iter().position(|u| u.what.target() == Some(r));
            let allowed = envelope.map_or(Amount::ZERO, |k| battle.needs[k].qty.amount);
            let charges: Vec<Charge> = uses.iter().map(|u| u.2).collect();
            let (load, stretch) = match kind {
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
            let active: Vec<usize> = match stretch {
                Some(range) => sweep::active_on(&charges, range.start),
                None => (0..uses.len()).collect(),
            };
            out.push(Finding::TacticsExceedBattle {
                battle: b,
                resource: r,
                envelope,
                load,
                stretch,
                tactics: active
                    .into_iter()
                    .map(|i| {
                        let (t, u, c) = uses[i];
                        Draw {
                            by: ItemId {
                                kind: ItemKind::Tactic,
                                index: t,
                            },
                            span: u.qty.span,
                            text: u.qty.text.clone(),
                            range: c.range,
                        }
                    })
                    .collect(),
            });
        }
    }
}

fn path_over_cost(ctx: &Ctx, all: &[PoolCharge], out: &mut Vec<Finding>) {
    let m = ctx.model;
    // The charges of each path's battles, gathered once: a plan with a
    // thousand paths must not scan every charge a thousand times.
    let mut by_path: Vec<Vec<&PoolCharge>> = vec![Vec::new(); m.paths.len()];
    for c in all {
        if let Some(p) = m.battles[c.battle].on.as_ref().and_then(|o| o.target()) {
            by_path[p].push(c);
        }
    }
    for (p, path) in m.paths.iter().enumerate() {
        if path.cost.is_empty() || path.common.damaged {
            continue;
        }
        for (k, cost) in path.cost.iter().enumerate() {
            let Some(r) = cost.what.target() else {
                continue;
            };
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
            let (load, stretch) = match kind {
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
            let active: Vec<usize> = match stretch {
                Some(range) => sweep::active_on(&charges, range.start),
                None => (0..pool.len()).collect(),
            };
            out.push(Finding::PathOverCost {
                path: p,
                cost: k,
                load,
                stretch,
                battles: active.into_iter().map(|i| pool[i].draw()).collect(),
            });
        }
    }
}
