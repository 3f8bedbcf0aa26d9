//! Names to items, and every quantity against the unit of what it measures.

mod error;

pub use error::ResolveError;

use crate::model::*;
use crate::quantity::{Unit, UnitKind};
use crate::span::Span;
use crate::syntax::ast::ItemKind;

pub fn resolve(model: &mut Model) -> Vec<ResolveError> {
    let mut r = Resolver {
        errors: Vec::new(),
        unreadable: model.broken.iter().any(|b| b.name.is_none()),
    };
    let names = std::mem::take(&mut model.names);
    let broken: Vec<String> = model
        .broken
        .iter()
        .filter_map(|b| b.name.as_ref().map(|n| n.name.clone()))
        .collect();
    let ctx = Ctx {
        model,
        names: &names,
        broken: &broken,
    };
    let mut pending: Vec<(ItemId, Vec<Fix>)> = Vec::new();
    // Resolve against an immutable view, then write the targets back.
    for (i, goal) in ctx.model.goals.iter().enumerate() {
        let mut fixes = Vec::new();
        if let Some(t) = &goal.target {
            fixes.push(r.lookup(
                &ctx,
                &t.metric,
                ItemKind::Metric,
                "`target`",
                Slot::TargetMetric,
            ));
        }
        for (k, s) in goal.supports.iter().enumerate() {
            fixes.push(r.lookup(&ctx, s, ItemKind::Goal, "`supports`", Slot::Supports(k)));
        }
        pending.push((
            ItemId {
                kind: ItemKind::Goal,
                index: i,
            },
            fixes,
        ));
    }
    for (i, path) in ctx.model.paths.iter().enumerate() {
        let mut fixes = Vec::new();
        for (k, s) in path.serves.iter().enumerate() {
            fixes.push(r.lookup(&ctx, s, ItemKind::Goal, "`serves`", Slot::Serves(k)));
        }
        for (k, u) in path.cost.iter().enumerate() {
            fixes.push(r.lookup(&ctx, &u.what, ItemKind::Resource, "`cost`", Slot::Cost(k)));
        }
        for (k, u) in path.expects.iter().enumerate() {
            fixes.push(r.lookup(
                &ctx,
                &u.what,
                ItemKind::Metric,
                "`expects`",
                Slot::Expects(k),
            ));
        }
        pending.push((
            ItemId {
                kind: ItemKind::Path,
                index: i,
            },
            fixes,
        ));
    }
    for (i, battle) in ctx.model.battles.iter().enumerate() {
        let mut fixes = Vec::new();
        if let Some(on) = &battle.on {
            fixes.push(r.lookup(&ctx, on, ItemKind::Path, "`on`", Slot::On));
        }
        for (k, u) in battle.objective.iter().enumerate() {
            fixes.push(r.lookup(
                &ctx,
                &u.what,
                ItemKind::Metric,
                "`objective`",
                Slot::Objective(k),
            ));
        }
        for (k, u) in battle.needs.iter().enumerate() {
            fixes.push(r.lookup(&ctx, &u.what, ItemKind::Resource, "`needs`", Slot::Needs(k)));
        }
        for (k, a) in battle.after.iter().enumerate() {
            fixes.push(r.lookup(
                &ctx,
                a,
                ItemKind::Battle,
                "a battle's `after`",
                Slot::After(k),
            ));
        }
        pending.push((
            ItemId {
                kind: ItemKind::Battle,
                index: i,
            },
            fixes,
        ));
    }
    for (i, tactic) in ctx.model.tactics.iter().enumerate() {
        let mut fixes = Vec::new();
        if let Some(f) = &tactic.battle {
            fixes.push(r.lookup(&ctx, f, ItemKind::Battle, "`for`", Slot::For));
        }
        if let Some(w) = &tactic.win {
            fixes.push(r.lookup(&ctx, &w.metric, ItemKind::Metric, "`win`", Slot::WinMetric));
        }
        for (k, u) in tactic.needs.iter().enumerate() {
            fixes.push(r.lookup(&ctx, &u.what, ItemKind::Resource, "`needs`", Slot::Needs(k)));
        }
        for (k, a) in tactic.after.iter().enumerate() {
            fixes.push(r.lookup(
                &ctx,
                a,
                ItemKind::Tactic,
                "a tactic's `after`",
                Slot::After(k),
            ));
        }
        pending.push((
            ItemId {
                kind: ItemKind::Tactic,
                index: i,
            },
            fixes,
        ));
    }
    model.names = names;
    for (id, fixes) in pending {
        for fix in fixes {
            apply(model, id, fix);
        }
    }
    units(model, &mut r.errors);
    r.errors
}

struct Ctx<'a> {
    model: &'a Model,
    names: &'a std::collections::HashMap<String, ItemId>,
    broken: &'a [String],
}

/// Which reference of an item a resolved target belongs to.
#[derive(Clone, Copy)]
enum Slot {
    TargetMetric,
    Supports(usize),
    Serves(usize),
    Cost(usize),
    Expects(usize),
    On,
    Objective(usize),
    Needs(usize),
    After(usize),
    For,
    WinMetric,
}

type Fix = (Slot, Option<usize>);

struct Resolver {
    errors: Vec<ResolveError>,
    /// A broken item whose name could not be read: any unknown name might be it.
    unreadable: bool,
}

impl Resolver {
    fn lookup(
        &mut self,
        ctx: &Ctx,
        r: &Ref,
        expected: ItemKind,
        via: &'static str,
        slot: Slot,
    ) -> Fix {
        match ctx.names.get(&r.name) {
            Some(id) if id.kind == expected => (slot, Some(id.index)),
            Some(id) => {
                let defined = ctx.model.common(*id).map_or(r.span, |c| c.id.span);
                self.errors.push(ResolveError::WrongKind {
                    span: r.span,
                    name: r.name.clone(),
                    via,
                    expected,
                    found: id.kind,
                    defined,
                    suggestion: suggest(ctx, &r.name, expected),
                });
                (slot, None)
            }
            None => {
                let explained = self.unreadable || ctx.broken.contains(&r.name);
                if !explained {
                    self.errors.push(ResolveError::UnknownName {
                        span: r.span,
                        name: r.name.clone(),
                        expected,
                        suggestion: suggest(ctx, &r.name, expected),
                    });
                }
                (slot, None)
            }
        }
    }
}

fn suggest(ctx: &Ctx, name: &str, kind: ItemKind) -> Option<String> {
    let candidates = ctx
        .names
        .iter()
        .filter(|(_, id)| id.kind == kind)
        .map(|(n, _)| n.as_str());
    // Sorting makes the pick deterministic among equally close names.
    let mut candidates: Vec<&str> = candidates.collect();
    candidates.sort_unstable();
    crate::suggest::closest(name, candidates).map(str::to_string)
}

fn apply(model: &mut Model, id: ItemId, (slot, target): Fix) {
    let i = id.index;
    match (id.kind, slot) {
        (ItemKind::Goal, Slot::TargetMetric) => {
            if let Some(t) = &mut model.goals[i].target {
                t.metric.target = target;
            }
        }
        (ItemKind::Goal, Slot::Supports(k)) => model.goals[i].supports[k].target = target,
        (ItemKind::Path, Slot::Serves(k)) => model.paths[i].serves[k].target = target,
        (ItemKind::Path, Slot::Cost(k)) => model.paths[i].cost[k].what.target = target,
        (ItemKind::Path, Slot::Expects(k)) => model.paths[i].expects[k].what.target = target,
        (ItemKind::Battle, Slot::On) => {
            if let Some(on) = &mut model.battles[i].on {
                on.target = target;
            }
        }
        (ItemKind::Battle, Slot::Objective(k)) => {
            model.battles[i].objective[k].what.target = target
        }
        (ItemKind::Battle, Slot::Needs(k)) => model.battles[i].needs[k].what.target = target,
        (ItemKind::Battle, Slot::After(k)) => model.battles[i].after[k].target = target,
        (ItemKind::Tactic, Slot::For) => {
            if let Some(f) = &mut model.tactics[i].battle {
                f.target = target;
            }
        }
        (ItemKind::Tactic, Slot::WinMetric) => {
            if let Some(w) = &mut model.tactics[i].win {
                w.metric.target = target;
            }
        }
        (ItemKind::Tactic, Slot::Needs(k)) => model.tactics[i].needs[k].what.target = target,
        (ItemKind::Tactic, Slot::After(k)) => model.tactics[i].after[k].target = target,
        _ => {}
    }
}

/// Every quantity against its metric's or resource's unit, and the plan's
/// one currency. A mismatched item is marked damaged so that no check adds
/// apples to oranges after the mismatch is reported.
fn units(model: &mut Model, errors: &mut Vec<ResolveError>) {
    let currency = model.currency;
    let metric_units: Vec<(UnitKind, Span, String)> = model
        .metrics
        .iter()
        .map(|m| (m.unit, m.common.id.span, m.common.id.name.clone()))
        .collect();
    let resource_units: Vec<Option<(Unit, Span, String)>> = model
        .resources
        .iter()
        .map(|r| {
            r.unit().map(|u| {
                (
                    u,
                    r.amount.as_ref().map_or(r.common.id.span, |q| q.span),
                    r.common.id.name.clone(),
                )
            })
        })
        .collect();
    let check =
        |qty: &Quantity, expected: Option<Expect>, errors: &mut Vec<ResolveError>| -> bool {
            let mut ok = true;
            if let (Unit::Money(c), Some((first, first_span))) = (qty.unit, currency) {
                if c != first {
                    errors.push(ResolveError::SecondCurrency {
                        span: qty.span,
                        text: qty.text.clone(),
                        first,
                        first_span,
                    });
                    ok = false;
                }
            }
            let mismatch = match expected {
                Some(Expect::Metric(m)) => {
                    let (unit, span, name) = &metric_units[m];
                    (qty.unit.kind() != *unit).then(|| ResolveError::MetricUnit {
                        span: qty.span,
                        text: qty.text.clone(),
                        found: qty.unit.kind(),
                        metric: name.clone(),
                        unit: *unit,
                        defined: *span,
                    })
                }
                Some(Expect::Resource(r)) => {
                    resource_units[r].as_ref().and_then(|(unit, span, name)| {
                        (qty.unit.kind() != unit.kind()).then(|| ResolveError::ResourceUnit {
                            span: qty.span,
                            text: qty.text.clone(),
                            found: qty.unit.kind(),
                            resource: name.clone(),
                            unit: unit.kind(),
                            defined: *span,
                        })
                    })
                }
                None => None,
            };
            if let Some(m) = mismatch {
                // A second currency is already reported; do not say it twice.
                if ok {
                    errors.push(m);
                }
                ok = false;
            }
            ok
        };
    for r in &mut model.resources {
        if let Some(q) = &r.amount {
            if !check(q, None, errors) {
                r.common.damaged = true;
            }
        }
    }
    for g in &mut model.goals {
        let metric = g.target.as_ref().and_then(|t| t.metric.target);
        let mut ok = true;
        if let Some(t) = &g.target {
            ok &= check(&t.qty, metric.map(Expect::Metric), errors);
        }
        if let Some(b) = &g.baseline {
            ok &= check(b, metric.map(Expect::Metric), errors);
        }
        if let Some(s) = &g.split {
            // Splitting a percent goal is a split-mismatch, reported by the checks.
            let percent_goal = metric.is_some_and(|m| metric_units[m].0 == UnitKind::Percent);
            for v in &s.values {
                ok &= check(
                    v,
                    if percent_goal {
                        None
                    } else {
                        metric.map(Expect::Metric)
                    },
                    errors,
                );
            }
        }
        g.common.damaged |= !ok;
    }
    for p in &mut model.paths {
        let mut ok = true;
        for u in &p.cost {
            ok &= check(&u.qty, u.what.target.map(Expect::Resource), errors);
        }
        for u in &p.expects {
            ok &= check(&u.qty, u.what.target.map(Expect::Metric), errors);
        }
        p.common.damaged |= !ok;
    }
    for b in &mut model.battles {
        let mut ok = true;
        for u in &b.objective {
            ok &= check(&u.qty, u.what.target.map(Expect::Metric), errors);
        }
        for u in &b.needs {
            ok &= check(&u.qty, u.what.target.map(Expect::Resource), errors);
        }
        b.common.damaged |= !ok;
    }
    for t in &mut model.tactics {
        let mut ok = true;
        for u in &t.needs {
            ok &= check(&u.qty, u.what.target.map(Expect::Resource), errors);
        }
        if let Some(w) = &t.win {
            ok &= check(&w.qty, w.metric.target.map(Expect::Metric), errors);
        }
        t.common.damaged |= !ok;
    }
}

#[derive(Clone, Copy)]
enum Expect {
    Metric(usize),
    Resource(usize),
}
