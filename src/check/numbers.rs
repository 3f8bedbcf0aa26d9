//! Numbers: splits that add up, goals the battles cover, metrics and
//! resources that something uses.

use super::{Ctx, Excuses, Finding};
use crate::date::Date;
use crate::model::{Goal, ItemId, SplitMode};
use crate::quantity::{Amount, UnitKind};
use crate::schedule::{block_count, Cadence};
use crate::syntax::ast::{AttrKey, ItemKind};

pub(super) fn check(ctx: &Ctx, excuses: &Excuses, out: &mut Vec<Finding>) {
    // For each goal, the goals that `support` it.
    let mut supporters = vec![Vec::new(); ctx.model.goals.len()];
    for (s, goal) in ctx.model.goals.iter().enumerate() {
        for g in goal.supports.iter().filter_map(|r| r.target()) {
            supporters[g].push(s);
        }
    }
    for (g, goal) in ctx.model.goals.iter().enumerate() {
        if goal.common.damaged {
            continue;
        }
        split(ctx, g, goal, out);
        milestones(ctx, g, goal, out);
        coverage(ctx, excuses, g, goal, &supporters[g], out);
    }
    unused(ctx, excuses, out);
}

/// The goal's metric unit, if its target resolved.
fn metric_unit(ctx: &Ctx, goal: &Goal) -> Option<UnitKind> {
    let m = goal.target.as_ref()?.metric.target()?;
    Some(ctx.model.metrics[m].unit)
}

/// How many values a split or milestones must have: one per quarter
/// (month) from the period's first day up to the goal's date, a partial last
/// one counted (`schedule::block_count`). `None` when there is no period, or
/// the goal's date lies outside it (`window-outside-period` says so).
fn blocks_due(ctx: &Ctx, goal: &Goal, mode: SplitMode) -> Option<(u64, Date)> {
    let period = ctx.model.plan.as_ref()?.period?.range;
    let due = goal.target.as_ref()?.by.value;
    if due < period.start || due > period.end {
        return None;
    }
    let cadence = match mode {
        SplitMode::Quarterly => Cadence::Quarterly,
        SplitMode::Monthly => Cadence::Monthly,
    };
    Some((block_count(cadence, period.start, due), due))
}

fn split(ctx: &Ctx, g: usize, goal: &Goal, out: &mut Vec<Finding>) {
    let (Some(split), Some(target)) = (&goal.split, &goal.target) else {
        return;
    };
    let Some(unit) = metric_unit(ctx, goal) else {
        return;
    };
    if unit == UnitKind::Percent {
        out.push(Finding::SplitOfPercent { goal: g });
        return;
    }
    if let Some((expected, due)) = blocks_due(ctx, goal, split.mode) {
        if split.values.len() as u64 != expected {
            out.push(Finding::SplitCount {
                goal: g,
                values: split.values.len(),
                expected,
                mode: split.mode,
                due,
                milestones: false,
            });
            return;
        }
    }
    let sum = split
        .values
        .iter()
        .fold(Amount::ZERO, |acc, v| acc.plus(v.amount));
    if sum != target.qty.amount {
        out.push(Finding::SplitSum { goal: g, sum });
    }
}

/// `milestones`: one level per quarter (month) up to the goal's date, moving
/// from the baseline toward the target (plateaus allowed), the last on it.
fn milestones(ctx: &Ctx, g: usize, goal: &Goal, out: &mut Vec<Finding>) {
    let (Some(ms), Some(target)) = (&goal.milestones, &goal.target) else {
        return;
    };
    if metric_unit(ctx, goal).is_none() {
        return;
    }
    if let Some((expected, due)) = blocks_due(ctx, goal, ms.mode) {
        if ms.values.len() as u64 != expected {
            out.push(Finding::SplitCount {
                goal: g,
                values: ms.values.len(),
                expected,
                mode: ms.mode,
                due,
                milestones: true,
            });
            return;
        }
    }
    let baseline = goal.baseline.as_ref().map_or(Amount::ZERO, |b| b.amount);
    let rising = target.qty.amount >= baseline;
    let mut previous = baseline;
    for (i, v) in ms.values.iter().enumerate() {
        let backwards = if rising {
            v.amount < previous
        } else {
            v.amount > previous
        };
        let past = if rising {
            v.amount > target.qty.amount
        } else {
            v.amount < target.qty.amount
        };
        if backwards || past {
            out.push(Finding::MilestoneOutOfOrder {
                goal: g,
                index: i,
                previous: i.checked_sub(1),
                past,
            });
            return;
        }
        previous = v.amount;
    }
    if let Some(last) = ms.values.last() {
        if last.amount != target.qty.amount {
            out.push(Finding::MilestonesEnd { goal: g });
        }
    }
}

fn coverage(
    ctx: &Ctx,
    excuses: &Excuses,
    g: usize,
    goal: &Goal,
    supporters: &[usize],
    out: &mut Vec<Finding>,
) {
    let Some(target) = &goal.target else { return };
    let Some(metric) = target.metric.target() else {
        return;
    };
    if !matches!(
        ctx.model.metrics[metric].unit,
        UnitKind::Money | UnitKind::Count
    ) {
        return;
    }
    // A goal no path serves is `goal-without-path`, not also undercovered;
    // a goal with parts is covered through them (each part is checked).
    let m = ctx.model;
    if ctx.paths_serving[g].is_empty() || !ctx.parts_of[g].is_empty() {
        return;
    }
    // A path or battle that could not be linked in may be the missing
    // contribution: a misspelt `serves` meant for this goal, a misspelt
    // `on` meant for a path serving it, or a broken item naming either.
    let goal_id = ItemId {
        kind: ItemKind::Goal,
        index: g,
    };
    if excuses.could_point_at(goal_id, goal.common.name())
        || ctx.paths_serving[g].iter().any(|&p| {
            let path = ItemId {
                kind: ItemKind::Path,
                index: p,
            };
            excuses.could_point_at(path, m.paths[p].common.name())
        })
    {
        return;
    }
    let baseline = goal.baseline.as_ref().map_or(Amount::ZERO, |b| b.amount);
    let gap = target.qty.amount.minus(baseline);
    if gap.is_zero() {
        return;
    }
    let battles = ctx.battles_tracing_to(g);
    // No battle at all, while a main path serving the goal has none yet:
    // that is `path-without-battle`, and the shortfall only follows from it.
    if battles.is_empty()
        && ctx.paths_serving[g]
            .iter()
            .any(|&p| m.paths[p].main.is_some() && ctx.battles_on[p].is_empty())
    {
        return;
    }
    // A battle without an objective is already reported; its missing
    // contribution is that fault, not a second one. So is one whose
    // literals could not be read.
    let unreadable =
        |b: &crate::model::Battle| b.common.damaged || !b.common.has(AttrKey::Objective);
    if battles.iter().any(|&b| unreadable(&m.battles[b])) {
        return;
    }
    let contributions = ctx.contributions(g, metric);
    let covered = contributions
        .iter()
        .fold(Amount::ZERO, |acc, (_, u)| acc.plus(u.qty.amount));
    let short = if gap.0 > 0 {
        covered < gap
    } else {
        covered > gap
    };
    if !short {
        return;
    }
    let contributions = contributions
        .iter()
        .filter_map(|&(b, u)| {
            let k = m.battles[b]
                .objective
                .iter()
                .position(|o| std::ptr::eq(o, u))?;
            Some((b, k))
        })
        .collect();
    // A goal that `supports` this one on another metric of the same unit
    // (department revenue under company revenue) may be meant as a share.
    let share = supporters.iter().copied().find(|&s| {
        let other = &m.goals[s];
        other
            .target
            .as_ref()
            .and_then(|t| t.metric.target())
            .is_some_and(|their| {
                their != metric
                    && m.metrics[their].unit == m.metrics[metric].unit
                    && other.part_of.is_none()
            })
    });
    out.push(Finding::GoalUndercovered {
        goal: g,
        metric,
        gap,
        covered,
        contributions,
        any_battle: !battles.is_empty(),
        share,
    });
}

fn unused(ctx: &Ctx, excuses: &Excuses, out: &mut Vec<Finding>) {
    let m = ctx.model;
    let mut metric_used = vec![false; m.metrics.len()];
    let mut resource_used = vec![false; m.resources.len()];
    for r in m.refs().filter(|r| r.attr.uses) {
        match r.target() {
            Some(ItemId {
                kind: ItemKind::Metric,
                index,
            }) => metric_used[index] = true,
            Some(ItemId {
                kind: ItemKind::Resource,
                index,
            }) => resource_used[index] = true,
            _ => {}
        }
    }
    // Left out only where a reported fault could be the use: a name that
    // did not resolve whose closest match is this one, a broken item naming
    // it, or a damaged item naming it (lowering drops a use whose amount it
    // cannot read).
    let excused = |kind: ItemKind, i: usize, name: &str| {
        excuses.meant(ItemId { kind, index: i })
            || excuses.broken_names(name)
            || excuses.damaged_names(name)
    };
    for (i, metric) in m.metrics.iter().enumerate() {
        if metric_used[i]
            || !ctx.reachable(ItemKind::Metric, i)
            || excused(ItemKind::Metric, i, metric.common.name())
        {
            continue;
        }
        out.push(Finding::UnusedMetric { metric: i });
    }
    for (i, resource) in m.resources.iter().enumerate() {
        if resource_used[i]
            || !ctx.reachable(ItemKind::Resource, i)
            || excused(ItemKind::Resource, i, resource.common.name())
        {
            continue;
        }
        out.push(Finding::UnusedResource { resource: i });
    }
}
