//! Names to items, and every quantity against the unit of what it measures.

mod error;

pub use error::ResolveError;

use crate::model::*;
use crate::quantity::{Unit, UnitKind};
use crate::span::Span;
use crate::syntax::ast::{AttrKey, ItemKind};
use std::sync::atomic::{AtomicBool, Ordering};

/// Resolves every reference of the table (`Model::refs`) to an item of a
/// kind its attribute expects, then checks every amount against the unit of
/// what it measures.
pub fn resolve(model: &mut Model) -> Vec<ResolveError> {
    let view: &Model = model;
    let mut r = Resolver {
        model: view,
        errors: Vec::new(),
        unreadable: view.broken.iter().any(|b| b.name.is_none()),
        broken: view
            .broken
            .iter()
            .filter_map(|b| b.name.as_ref().map(|n| n.name.as_str()))
            .collect(),
        candidates: crate::model::Map::default(),
    };
    // The names are looked up on all threads (a look-up only reads), and a
    // name of an item of a kind its attribute may name is resolved there;
    // the others are left unresolved, and judged after, in order, which is
    // where the errors are made.
    let unsettled = AtomicBool::new(false);
    view.for_each_ref(|x| {
        let found = settled(view, x);
        x.to.resolve_to(found.ok());
        if found.is_err() {
            unsettled.store(true, Ordering::Relaxed);
        }
    });
    if unsettled.into_inner() {
        for x in view.refs().filter(|x| x.target().is_none()) {
            let found = settled(view, x).err().flatten();
            x.to.resolve_to(r.judge(x, found));
        }
    }
    let mut errors = r.errors;
    units(model, &mut errors);
    errors
}

struct Resolver<'a> {
    model: &'a Model,
    errors: Vec<ResolveError>,
    /// A broken item whose name could not be read: any unknown name might be it.
    unreadable: bool,
    /// The names of broken items: an unknown name may be one of them.
    broken: crate::model::Set<&'a str>,
    /// The names of each set of expected kinds, sorted, for "did you mean".
    candidates: crate::model::Map<&'static [ItemKind], Vec<&'a str>>,
}

/// The target of `x` if its name names an item it may name, found without
/// a word to say; else what its name names, for [`Resolver::judge`].
fn settled(model: &Model, x: Reference) -> Result<ItemId, Option<ItemId>> {
    match model.lookup(&x.to.name) {
        Some(id) if x.attr.expects.contains(&id.kind) && !spends_capacity(model, x, id) => Ok(id),
        found => Err(found),
    }
}

/// `spent` records how much of a total pool is used up: a capacity pool
/// (people, desks) is not used up.
fn spends_capacity(model: &Model, x: Reference, id: ItemId) -> bool {
    x.attr.key == AttrKey::Spent
        && id.kind == ItemKind::Resource
        && model.resources[id.index].kind == Some(PoolKind::Capacity)
}

impl<'a> Resolver<'a> {
    /// The target of `x`, whose name names `found`, or none and the error
    /// that says why.
    fn judge(&mut self, x: Reference, found: Option<ItemId>) -> Option<ItemId> {
        let (r, attr) = (x.to, x.attr);
        match found.as_ref() {
            Some(id) if spends_capacity(self.model, x, *id) => {
                let defined = self.model.resources[id.index].common.id.span;
                self.errors.push(ResolveError::NotATotalPool {
                    span: r.span,
                    name: r.name.clone(),
                    defined,
                });
                None
            }
            Some(id) if attr.expects.contains(&id.kind) => Some(*id),
            Some(id) => {
                let defined = self.model.common(*id).map_or(r.span, |c| c.id.span);
                let suggestion = self.suggest(&r.name, attr.expects);
                self.errors.push(ResolveError::WrongKind {
                    span: r.span,
                    name: r.name.clone(),
                    attr,
                    found: id.kind,
                    defined,
                    suggestion,
                });
                None
            }
            None => {
                let explained = self.unreadable || self.broken.contains(r.name.as_str());
                if !explained {
                    let suggestion = self.suggest(&r.name, attr.expects);
                    self.errors.push(ResolveError::UnknownName {
                        span: r.span,
                        name: r.name.clone(),
                        attr,
                        suggestion,
                    });
                }
                None
            }
        }
    }

    fn suggest(&mut self, name: &str, kinds: &'static [ItemKind]) -> Option<String> {
        let model = self.model;
        let candidates = self.candidates.entry(kinds).or_insert_with(|| {
            // Sorting makes the pick deterministic among equally close names.
            let mut names: Vec<&str> = model
                .named()
                .filter(|(_, id)| kinds.contains(&id.kind))
                .map(|(n, _)| n)
                .collect();
            names.sort_unstable();
            names
        });
        crate::suggest::closest(name, candidates.iter().copied()).map(str::to_string)
    }
}

/// Every quantity against its metric's or resource's unit, and the plan's
/// one currency. A mismatched item is marked damaged so that no check adds
/// apples to oranges after the mismatch is reported.
fn units(model: &mut Model, errors: &mut Vec<ResolveError>) {
    let currency = model.currency;
    let metric_units: Vec<(UnitKind, Span, crate::Text)> = model
        .metrics
        .iter()
        .map(|m| (m.unit, m.common.id.span, m.common.id.name.clone()))
        .collect();
    let resource_units: Vec<Option<(Unit, Span, crate::Text)>> = model
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
    // Every amount written with a name, in the unit of what it names:
    // looked at on all threads first, then in order (where the errors are
    // made) only if one of them is not.
    let expect = |x: &Reference| {
        x.target().and_then(|t| match t.kind {
            ItemKind::Metric => Some(Expect::Metric(t.index)),
            ItemKind::Resource => Some(Expect::Resource(t.index)),
            _ => None,
        })
    };
    let mut damaged: Vec<ItemId> = Vec::new();
    let wrong = model.any_ref(|x| {
        x.quantity
            .is_some_and(|q| !check(q, expect(&x), &mut Vec::new()))
    });
    if wrong {
        for x in model.refs() {
            let Some(q) = x.quantity else { continue };
            if !check(q, expect(&x), errors) && damaged.last() != Some(&x.from) {
                damaged.push(x.from);
            }
        }
    }
    // A goal's baseline, split and milestones are in the unit of its metric.
    for (i, g) in model.goals.iter().enumerate() {
        let metric = g.metric().and_then(|r| r.target());
        let mut ok = true;
        if let Some(b) = &g.baseline {
            ok &= check(b, metric.map(Expect::Metric), errors);
        }
        for (s, is_split) in [(&g.split, true), (&g.milestones, false)]
            .into_iter()
            .filter_map(|(s, is_split)| Some((s.as_ref()?, is_split)))
        {
            // Splitting a percent goal is a split-mismatch, reported by the
            // checks; milestones of a percent level are fine.
            let percent_goal =
                is_split && metric.is_some_and(|m| metric_units[m].0 == UnitKind::Percent);
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
        if !ok {
            damaged.push(ItemId {
                kind: ItemKind::Goal,
                index: i,
            });
        }
    }
    for id in damaged {
        if let Some(c) = model.common_mut(id) {
            c.damaged = true;
        }
    }
}

#[derive(Clone, Copy)]
enum Expect {
    Metric(usize),
    Resource(usize),
}
