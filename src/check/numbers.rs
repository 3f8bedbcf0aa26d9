//! Numbers: splits that add up, goals the battles cover, metrics and
//! resources that something uses.

use super::{Ctx, Excuses, Finding};
use crate::date::Date;
use crate::model::{Goal, ItemId, SplitMode};
use crate::quantity::{Amount, UnitKind};
use crate::syntax::ast::{AttrKey, ItemKind};

pub(super) fn check(ctx: &Ctx, excuses: &Excuses, out: &mut Vec<Finding>) {
    for (g, goal) in ctx.model.goals.iter().enumerate() {
        if goal.common.damaged {
            continue;
        }
        split(ctx, g, goal, out);
        coverage(ctx, excuses, g, goal, out);
    }
    unused(ctx, excuses, out);
}

/// The goal's metric unit, if its target resolved.
fn metric_unit(ctx: &Ctx, goal: &Goal) -> Option<UnitKind> {
    let m = goal.target.as_ref()?.metric.target?;
    Some(ctx.model.metrics[m].unit)
}

/// How many months the plan period spans (a period of 2026-01-01 ..
/// 2026-12-31 is 12): the months started from `start` up to `end`, a
/// partial last one counted. Computed, not stepped through, so a period of
/// thousands of years costs nothing and is never cut short.
pub(super) fn months_in(start: Date, end: Date) -> u64 {
    let (sy, sm, sd) = start.ymd();
    let (ey, em, ed) = end.ymd();
    // Whole months from start's month to end's month.
    let span = (i64::from(ey) - i64::from(sy)) * 12 + i64::from(em) - i64::from(sm);
    // The day `span` months after start, clamped to that month's end: if
    // `end` is on or after it, a new (partial) month has begun there.
    let anniversary = sd.min(crate::date::days_in_month(ey, em));
    let full = if ed >= anniversary { span } else { span - 1 };
    (full + 1).max(1) as u64
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
    if let Some(period) = ctx.model.plan.as_ref().and_then(|p| p.period) {
        let months = months_in(period.range.start, period.range.end);
        let expected = match split.mode {
            SplitMode::Quarterly => months.div_ceil(3),
            SplitMode::Monthly => months,
        };
        if split.values.len() as u64 != expected {
            out.push(Finding::SplitCount {
                goal: g,
                values: split.values.len(),
                expected,
                mode: split.mode,
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

fn coverage(ctx: &Ctx, excuses: &Excuses, g: usize, goal: &Goal, out: &mut Vec<Finding>) {
    let Some(target) = &goal.target else { return };
    let Some(metric) = target.metric.target else {
        return;
    };
    if !matches!(
        ctx.model.metrics[metric].unit,
        UnitKind::Money | UnitKind::Count
    ) {
        return;
    }
    // A goal no path serves is `goal-without-path`, not also undercovered.
    let m = ctx.model;
    if ctx.paths_serving[g].is_empty() {
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
    out.push(Finding::GoalUndercovered {
        goal: g,
        metric,
        gap,
        covered,
        contributions,
        any_battle: !battles.is_empty(),
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

#[cfg(test)]
mod tests {
    use super::months_in;
    use crate::date::Date;

    #[test]
    fn counts_months_of_the_period() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(months_in(d("2026-01-01"), d("2026-12-31")), 12);
        assert_eq!(months_in(d("2026-01-01"), d("2026-03-31")), 3);
        assert_eq!(months_in(d("2026-04-15"), d("2027-04-14")), 12);
        assert_eq!(months_in(d("2026-01-01"), d("2026-01-01")), 1);
        assert_eq!(months_in(d("2026-01-31"), d("2026-02-27")), 1);
        assert_eq!(months_in(d("2026-01-31"), d("2026-02-28")), 2);
        assert_eq!(months_in(d("2026-01-31"), d("2026-03-01")), 2);
    }

    /// Issue 18: the count was capped at 12 000 months; a 2 000-year period
    /// has 24 000 (8 000 quarters).
    #[test]
    fn counts_long_periods_in_full() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(months_in(d("0001-01-01"), d("2000-12-31")), 24_000);
        assert_eq!(months_in(d("0001-01-01"), d("9999-12-31")), 119_988);
    }

    /// The same count as stepping month by month from the start (the day
    /// clamped to each month's end), on every pair of days around leap years.
    #[test]
    fn agrees_with_stepping_month_by_month() {
        fn stepped(start: Date, end: Date) -> u64 {
            let (sy, sm, sd) = start.ymd();
            let mut n = 1u64;
            loop {
                let index = sy * 12 + sm as i32 - 1 + n as i32;
                let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
                let day = sd.min(crate::date::days_in_month(y, m));
                let next = Date::parse(&format!("{y:04}-{m:02}-{day:02}")).unwrap();
                if next > end {
                    return n;
                }
                n += 1;
            }
        }
        let first = Date::parse("2027-11-25").unwrap();
        for s in (0..100).step_by(3) {
            for len in (0..500).step_by(7) {
                let (start, end) = (first.add_days(s), first.add_days(s + len));
                assert_eq!(
                    months_in(start, end),
                    stepped(start, end),
                    "{start} .. {end}"
                );
            }
        }
    }
}
