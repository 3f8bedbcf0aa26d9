//! The checks across the plan: traceability, numbers, resources, time and
//! focus. Each reads the resolved model and reports each fault once, at its
//! primary place; items that are broken or damaged (an invalid literal, a
//! wrong unit, an unresolved name) are left alone so nothing cascades.

mod cycle;
pub mod facts;
mod focus;
mod numbers;
pub mod resources;
pub mod sweep;
mod time;
mod trace;

use crate::diagnostic::Diagnostic;
use crate::graph::PlanGraph;
use crate::model::ItemId;
use crate::model::{EdgeKind, Model, Use};
use crate::syntax::ast::{AttrKey, ItemKind};

pub fn check(model: &Model) -> Vec<Diagnostic> {
    let ctx = Ctx::new(model);
    let mut out = Vec::new();
    trace::check(&ctx, &mut out);
    let cycles = cycle::check(&ctx, &mut out);
    numbers::check(&ctx, &mut out);
    resources::check(&ctx, &mut out);
    time::check(&ctx, &cycles, &mut out);
    focus::check(&ctx, &mut out);
    out
}

/// The model with the links the checks walk, in both directions.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub graph: PlanGraph,
    /// For each goal, the paths that serve it.
    pub paths_serving: Vec<Vec<usize>>,
    /// For each path, the battles on it.
    pub battles_on: Vec<Vec<usize>>,
    /// For each battle, its tactics.
    pub tactics_for: Vec<Vec<usize>>,
    /// Some reference of this kind did not resolve: "nothing points at X"
    /// may be that reference's fault, already reported.
    pub dangling_serves: bool,
    pub dangling_on: bool,
    pub dangling_for: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model) -> Ctx<'a> {
        let mut paths_serving = vec![Vec::new(); model.goals.len()];
        let mut battles_on = vec![Vec::new(); model.paths.len()];
        let mut tactics_for = vec![Vec::new(); model.battles.len()];
        let (mut dangling_serves, mut dangling_on, mut dangling_for) = (false, false, false);
        for r in model.refs() {
            let from = r.from.index;
            match (r.attr.edge, r.to.target) {
                (Some(EdgeKind::Serves), Some(g)) if !paths_serving[g].contains(&from) => {
                    paths_serving[g].push(from)
                }
                (Some(EdgeKind::On), Some(p)) => battles_on[p].push(from),
                (Some(EdgeKind::For), Some(b)) => tactics_for[b].push(from),
                (Some(EdgeKind::Serves), None) => dangling_serves = true,
                (Some(EdgeKind::On), None) => dangling_on = true,
                (Some(EdgeKind::For), None) => dangling_for = true,
                _ => {}
            }
        }
        Ctx {
            graph: PlanGraph::new(model),
            paths_serving,
            battles_on,
            tactics_for,
            // A link that is missing altogether (`path-without-goal`, …) or did
            // not resolve could be the very one "nothing points here" misses.
            dangling_serves: dangling_serves
                || model.paths.iter().any(|p| !p.common.has(AttrKey::Serves))
                || model.broken_could_be(ItemKind::Path),
            dangling_on: dangling_on
                || model.battles.iter().any(|b| !b.common.has(AttrKey::On))
                || model.broken_could_be(ItemKind::Battle),
            dangling_for: dangling_for
                || model.tactics.iter().any(|t| !t.common.has(AttrKey::For))
                || model.broken_could_be(ItemKind::Tactic),
            model,
        }
    }

    /// The battles that trace to a goal: on a path that serves it.
    pub fn battles_tracing_to(&self, goal: usize) -> Vec<usize> {
        let mut battles: Vec<usize> = self.paths_serving[goal]
            .iter()
            .flat_map(|&p| self.battles_on[p].iter().copied())
            .collect();
        battles.sort_unstable();
        battles.dedup();
        battles
    }

    /// What counts toward a goal's gap: the signed objectives (`+…`/`-…`) on
    /// the goal's metric of the battles that trace to it, with their battle.
    /// The one definition `goal-undercovered`, `planc build` and hover share.
    pub fn contributions(&self, goal: usize, metric: usize) -> Vec<(usize, &'a Use)> {
        let model = self.model;
        self.battles_tracing_to(goal)
            .into_iter()
            .flat_map(|b| {
                model.battles[b]
                    .objective
                    .iter()
                    .filter(move |u| u.what.target == Some(metric) && u.qty.change)
                    .map(move |u| (b, u))
            })
            .collect()
    }

    /// The goals a battle traces to.
    pub fn goals_of_battle(&self, battle: usize) -> Vec<usize> {
        let Some(path) = self.model.battles[battle]
            .on
            .as_ref()
            .and_then(|r| r.target)
        else {
            return Vec::new();
        };
        let mut goals: Vec<usize> = self.model.paths[path]
            .serves
            .iter()
            .filter_map(|r| r.target)
            .collect();
        goals.sort_unstable();
        goals.dedup();
        goals
    }

    /// Whether this item's name is the one the plan's names point to (the
    /// second of two items sharing a name is `duplicate-name`, and nothing
    /// can reach it).
    pub fn reachable(&self, kind: ItemKind, index: usize) -> bool {
        self.model
            .common(ItemId { kind, index })
            .is_some_and(|c| self.model.names.get(c.name()) == Some(&ItemId { kind, index }))
    }

    /// Whether any item at all is broken: "nothing uses X" may be its fault.
    pub fn anything_broken(&self) -> bool {
        !self.model.broken.is_empty()
    }
}
