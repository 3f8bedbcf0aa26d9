//! Numbers: splits that add up, goals the battles cover, metrics and
//! resources that something uses.

use super::Ctx;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Goal, ItemId, SplitMode};
use crate::quantity::{Amount, Style, UnitKind};
use crate::syntax::ast::ItemKind;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (g, goal) in ctx.model.goals.iter().enumerate() {
        if goal.common.damaged {
            continue;
        }
        split(ctx, goal, out);
        coverage(ctx, g, goal, out);
    }
    unused(ctx, out);
}

/// The goal's metric unit, if its target resolved.
fn metric_unit(ctx: &Ctx, goal: &Goal) -> Option<UnitKind> {
    let m = goal.target.as_ref()?.metric.target?;
    Some(ctx.model.metrics[m].unit)
}

/// How many months the plan period spans (a period of 2026-01-01 .. 2026-12-31 is 12).
pub fn months_in(start: Date, end: Date) -> u32 {
    let (sy, sm, sd) = start.ymd();
    let mut n = 1;
    loop {
        // The day n months after start, clamped to the month's end.
        let index = sy * 12 + sm as i32 - 1 + n as i32;
        let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        let d = sd.min(crate::date::days_in_month(y, m));
        let next = Date::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap_or(end);
        if next > end || n >= 12_000 {
            return n;
        }
        n += 1;
    }
}

fn split(ctx: &Ctx, goal: &Goal, out: &mut Vec<Diagnostic>) {
    let (Some(split), Some(target)) = (&goal.split, &goal.target) else {
        return;
    };
    let Some(unit) = metric_unit(ctx, goal) else {
        return;
    };
    let name = goal.common.describe(ItemKind::Goal);
    if unit == UnitKind::Percent {
        out.push(
            Diagnostic::new(Code::SplitMismatch, split.span, format!("{name} is a percent goal and cannot be split"))
                .with_span_label("split of a percent")
                .with_label(target.span, "a percent target is a level, not a sum")
                .with_help("Percentages do not add up over quarters; remove the `split`, or set a separate goal for each milestone."),
        );
        return;
    }
    if let Some(period) = ctx.model.plan.as_ref().and_then(|p| p.period) {
        let months = months_in(period.range.start, period.range.end);
        let (expected, per) = match split.mode {
            SplitMode::Quarterly => (months.div_ceil(3), "quarter"),
            SplitMode::Monthly => (months, "month"),
        };
        if split.values.len() as u32 != expected {
            out.push(
                Diagnostic::new(
                    Code::SplitMismatch,
                    split.span,
                    format!(
                        "this split has {} values, but the plan period has {expected} {per}s",
                        split.values.len()
                    ),
                )
                .with_span_label(format!("{} values", split.values.len()))
                .with_label(
                    period.span,
                    format!(
                        "{expected} {per}s from {} to {}",
                        period.range.start, period.range.end
                    ),
                )
                .with_help(format!(
                    "Give one value per {per} of the period, from its start: {expected} in all."
                )),
            );
            return;
        }
    }
    let sum = split
        .values
        .iter()
        .fold(Amount::ZERO, |acc, v| acc.plus(v.amount));
    if sum != target.qty.amount {
        let style = target.qty.style();
        let diff = sum.minus(target.qty.amount);
        out.push(
            Diagnostic::new(
                Code::SplitMismatch,
                split.span,
                format!(
                    "the split adds up to {}, but the target is {} ({} {})",
                    style.format(sum),
                    target.qty.text,
                    style.format(Amount(diff.0.abs())),
                    if diff.0 > 0 { "too much" } else { "short" }
                ),
            )
            .with_span_label(format!("sums to {}", style.format(sum)))
            .with_label(target.qty.span, "the target")
            .with_help("Change the values so that they add up exactly to the target, or change the target."),
        );
    }
}

fn coverage(ctx: &Ctx, g: usize, goal: &Goal, out: &mut Vec<Diagnostic>) {
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
    // A goal no path serves is `goal-without-path`, not also undercovered;
    // and a broken or dangling link could be the missing contribution.
    if ctx.paths_serving[g].is_empty() || ctx.dangling_on || ctx.dangling_serves {
        return;
    }
    let baseline = goal.baseline.as_ref().map_or(Amount::ZERO, |b| b.amount);
    let gap = target.qty.amount.minus(baseline);
    if gap.is_zero() {
        return;
    }
    let battles = ctx.battles_tracing_to(g);
    // A battle without an objective is already reported; its missing
    // contribution is that fault, not a second one.
    let unreadable = |b: &crate::model::Battle| {
        b.common.damaged || !b.common.has(crate::syntax::ast::AttrKey::Objective)
    };
    if battles.iter().any(|&b| unreadable(&ctx.model.battles[b])) {
        return;
    }
    let contributions = ctx.contributions(g, metric);
    let sum = contributions
        .iter()
        .fold(Amount::ZERO, |acc, (_, u)| acc.plus(u.qty.amount));
    let short = if gap.0 > 0 { sum < gap } else { sum > gap };
    if !short {
        return;
    }
    let style = Style {
        unit: target.qty.unit,
        scale: target.qty.scale,
    };
    let metric_name = &ctx.model.metrics[metric].common.id.name;
    let name = goal.common.describe(ItemKind::Goal);
    let missing = gap.minus(sum);
    let mut d = Diagnostic::new(
        Code::GoalUndercovered,
        goal.common.id.span,
        format!(
            "the battles for {name} add up to {} of `{metric_name}`, short of the {} gap",
            style.format_signed(sum, true),
            style.format_signed(gap, true)
        ),
    )
    .with_span_label(format!(
        "{} not covered",
        style.format_signed(missing, true)
    ))
    .with_label(
        target.span,
        match &goal.baseline {
            Some(b) => format!(
                "gap: {} − baseline {} = {}",
                target.qty.text,
                b.text,
                style.format_signed(gap, true)
            ),
            None => format!("gap: all of {} (no baseline)", target.qty.text),
        },
    );
    for (b, u) in contributions {
        d = d.with_label(
            u.qty.span,
            format!(
                "{} from battle `{}`",
                u.qty.text, ctx.model.battles[b].common.id.name
            ),
        );
    }
    let help = if battles.is_empty() {
        "No battle is on a path serving this goal yet: plan battles whose `objective` moves this metric.".to_string()
    } else {
        format!(
            "Raise the battles' `objective {metric_name} …`, add a battle for the missing {}, or lower the target (the baseline counts as already reached).",
            style.format_signed(missing, true)
        )
    };
    out.push(d.with_help(help));
}

fn unused(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // A broken item could be the one that uses it.
    if ctx.anything_broken() {
        return;
    }
    let m = ctx.model;
    let mut metric_used = vec![false; m.metrics.len()];
    let mut resource_used = vec![false; m.resources.len()];
    // A name that did not resolve may have meant one of these.
    let (mut dangling_metric, mut dangling_resource) = (false, false);
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
            Some(_) => {}
            None => {
                dangling_metric |= r.attr.expects.contains(&ItemKind::Metric);
                dangling_resource |= r.attr.expects.contains(&ItemKind::Resource);
            }
        }
    }
    // So may a use whose amount was unreadable (the item is damaged, its use dropped).
    let damaged = m
        .goals
        .iter()
        .map(|g| &g.common)
        .chain(m.paths.iter().map(|p| &p.common))
        .chain(m.battles.iter().map(|b| &b.common))
        .chain(m.tactics.iter().map(|t| &t.common))
        .any(|c| c.damaged);
    let dangling_metric = damaged || dangling_metric;
    if !dangling_metric {
        for (i, (metric, _)) in m
            .metrics
            .iter()
            .zip(&metric_used)
            .enumerate()
            .filter(|(_, (_, &used))| !used)
        {
            if !ctx.reachable(ItemKind::Metric, i) {
                continue;
            }
            let c = &metric.common;
            out.push(
                Diagnostic::new(Code::UnusedMetric, c.id.span, format!("{} is never used", c.describe(ItemKind::Metric)))
                    .with_span_label("no target, objective, expects or win names it")
                    .with_help(format!(
                        "Use `{}` in a goal's target, a battle's objective, a path's expects or a tactic's win, or remove it.",
                        c.name()
                    )),
            );
        }
    }
    if !dangling_resource {
        for (i, (resource, _)) in m
            .resources
            .iter()
            .zip(&resource_used)
            .enumerate()
            .filter(|(_, (_, &used))| !used)
        {
            if !ctx.reachable(ItemKind::Resource, i) {
                continue;
            }
            let c = &resource.common;
            out.push(
                Diagnostic::new(
                    Code::UnusedResource,
                    c.id.span,
                    format!("{} is never used", c.describe(ItemKind::Resource)),
                )
                .with_span_label("nothing needs or costs it")
                .with_help(format!(
                    "Name `{}` in a battle's or tactic's `needs` or a path's `cost`, or remove it.",
                    c.name()
                )),
            );
        }
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
    }
}
