//! What the checks compute, as data: each resource's load over time and each
//! goal's gap and coverage. Read by `planc build`, the diagrams and hover.

use super::resources::charges;
use super::sweep::{self, Charge};
use super::Ctx;
use crate::date::DateRange;
use crate::model::Map as HashMap;
use crate::model::{Model, PoolKind};
use crate::quantity::{Amount, UnitKind};

/// A stretch of days with one load on a resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadPiece {
    pub range: DateRange,
    pub used: Amount,
}

#[derive(Clone, Debug)]
pub struct ResourceLoad {
    pub resource: usize,
    /// For capacity pools: the load as maximal stretches of constant load.
    pub pieces: Vec<LoadPiece>,
    /// The highest load and the first stretch it occurs in.
    pub peak: Option<LoadPiece>,
    /// For total pools: everything charged, added up.
    pub total_used: Amount,
    /// Each battle's share: (battle, amount) in source order.
    pub by_battle: Vec<(usize, Amount)>,
}

#[derive(Clone, Debug)]
pub struct GoalCoverage {
    pub goal: usize,
    /// target − baseline, for money and count goals with a resolved target.
    pub gap: Option<Amount>,
    /// The signed objectives on the goal's metric of the battles tracing to
    /// it, plus its parts' coverage (in its unit).
    pub covered: Amount,
    /// (battle, amount) of its own battles contributing to `covered`.
    pub contributions: Vec<(usize, Amount)>,
}

impl GoalCoverage {
    /// Whether the battles reach the gap (a goal with no gap is covered).
    pub fn is_covered(&self) -> bool {
        match self.gap {
            Some(gap) if gap.0 > 0 => self.covered >= gap,
            Some(gap) if gap.0 < 0 => self.covered <= gap,
            _ => true,
        }
    }
}

pub fn resource_loads(model: &Model) -> Vec<ResourceLoad> {
    let ctx = Ctx::new(model);
    let all = charges(&ctx);
    model
        .resources
        .iter()
        .enumerate()
        .map(|(r, resource)| {
            let pool: Vec<_> = all.iter().filter(|c| c.resource == r).collect();
            let list: Vec<Charge> = pool.iter().map(|c| c.charge).collect();
            let pieces: Vec<LoadPiece> = if resource.kind == Some(PoolKind::Capacity) {
                sweep::profile(&list)
                    .into_iter()
                    .map(|p| LoadPiece {
                        range: p.range,
                        used: p.load,
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let peak = pieces
                .iter()
                .copied()
                .fold(None, |best: Option<LoadPiece>, p| match best {
                    Some(b) if b.used >= p.used => Some(b),
                    _ => Some(p),
                });
            // Each battle's share, in the order battles first draw on the pool.
            let mut slot: HashMap<usize, usize> = HashMap::default();
            let mut by_battle: Vec<(usize, Amount)> = Vec::new();
            for c in &pool {
                match slot.get(&c.battle) {
                    Some(&i) => by_battle[i].1 = by_battle[i].1.plus(c.charge.amount),
                    None => {
                        slot.insert(c.battle, by_battle.len());
                        by_battle.push((c.battle, c.charge.amount));
                    }
                }
            }
            let total_used = list.iter().fold(Amount::ZERO, |a, c| a.plus(c.amount));
            ResourceLoad {
                resource: r,
                pieces,
                peak,
                total_used,
                by_battle,
            }
        })
        .collect()
}

pub fn goal_coverage(model: &Model) -> Vec<GoalCoverage> {
    let ctx = Ctx::new(model);
    let mut coverage: Vec<GoalCoverage> = model
        .goals
        .iter()
        .enumerate()
        .map(|(g, goal)| {
            let metric = goal.target.as_ref().and_then(|t| t.metric.target());
            let counts = metric.is_some_and(|m| {
                matches!(model.metrics[m].unit, UnitKind::Money | UnitKind::Count)
            });
            let gap = match (&goal.target, counts) {
                (Some(t), true) => Some(
                    t.qty
                        .amount
                        .minus(goal.baseline.as_ref().map_or(Amount::ZERO, |b| b.amount)),
                ),
                _ => None,
            };
            let contributions: Vec<(usize, Amount)> = metric
                .map(|m| {
                    ctx.contributions(g, m)
                        .into_iter()
                        .map(|(b, u)| (b, u.qty.amount))
                        .collect()
                })
                .unwrap_or_default();
            let covered = contributions
                .iter()
                .fold(Amount::ZERO, |acc, (_, a)| acc.plus(*a));
            GoalCoverage {
                goal: g,
                gap,
                covered,
                contributions,
            }
        })
        .collect();
    roll_up_parts(model, &mut coverage);
    coverage
}

/// A goal with parts is covered by its parts' coverage (LANGUAGE.md, *Goal
/// decomposition*): each part's coverage is added to its parent's, parts
/// before parents, where the part is in the parent's unit. Goals on a loop
/// of `part_of` (a `cycle`) roll nothing up.
fn roll_up_parts(model: &Model, coverage: &mut [GoalCoverage]) {
    let n = model.goals.len();
    let unit = |g: usize| {
        let r = model.goals[g].metric()?;
        Some(model.metrics[r.target()?].unit)
    };
    let parent: Vec<Option<usize>> = model
        .goals
        .iter()
        .enumerate()
        .map(|(g, goal)| goal.part_of.as_ref()?.target().filter(|&p| p != g))
        .collect();
    let mut parts = vec![Vec::new(); n];
    for (g, p) in parent.iter().enumerate() {
        if let Some(p) = *p {
            parts[p].push(g);
        }
    }
    // Depth first from each root, iteratively: a part comes after its parent.
    let mut order = Vec::with_capacity(n);
    for root in (0..n).filter(|&g| parent[g].is_none()) {
        let mut stack = vec![root];
        while let Some(g) = stack.pop() {
            order.push(g);
            stack.extend(parts[g].iter().copied());
        }
    }
    for &g in order.iter().rev() {
        let Some(p) = parent[g] else { continue };
        if unit(g).is_none() || unit(g) != unit(p) {
            continue;
        }
        // Only the amount: `contributions` stay the goal's own battles, so
        // that a long chain of parts costs linear time.
        let covered = coverage[g].covered;
        coverage[p].covered = coverage[p].covered.plus(covered);
    }
}
