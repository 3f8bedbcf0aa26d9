//! The checks across the plan: traceability, numbers, resources, time and
//! focus. Each reads the resolved model and reports each fault once, at its
//! primary place; items that are broken or damaged (an invalid literal, a
//! wrong unit, an unresolved name) are left alone so nothing cascades.

mod criteria;
mod cycle;
pub mod error;
mod examples;
mod excuses;
pub mod facts;
mod focus;
mod numbers;
mod owners;
mod parts;
pub mod resources;
pub mod sweep;
mod time;
mod trace;

pub use error::Finding;
use examples::Examples;
use excuses::Excuses;

use crate::graph::PlanGraph;
use crate::model::ItemId;
use crate::model::{EdgeKind, Model, Use};
use crate::resolve::ResolveError;
use crate::syntax::ast::ItemKind;

/// Every check on a resolved model. `text` is the plan's source (what broken
/// and damaged items said, so that only what they could explain is left
/// out), `unresolved` what resolution reported (the names it suggested).
pub fn check(model: &Model, text: &str, unresolved: &[ResolveError]) -> Vec<Finding> {
    let ctx = Ctx::new(model);
    let excuses = Excuses::new(model, text, unresolved);
    let examples = Examples::new(model);
    let mut loops = Vec::new();
    let cycles = cycle::check(&ctx, &mut loops);
    // The checks only read the model, each writing findings of its own, so
    // they run in two groups side by side, the pools and the calendar (the
    // largest) beside the rest; the findings are joined in the order the
    // checks have always run in.
    let ((mut out, mut numbers, mut focus), mut pools) = rayon::join(
        || {
            let (mut trace, mut numbers, mut focus) = (Vec::new(), Vec::new(), Vec::new());
            trace::check(&ctx, &excuses, &examples, &mut trace);
            numbers::check(&ctx, &excuses, &mut numbers);
            parts::check(&ctx, &excuses, &cycles, &mut numbers);
            focus::check(&ctx, &excuses, &examples, &mut focus);
            criteria::check(&ctx, &mut focus);
            (trace, numbers, focus)
        },
        || {
            let mut pools = Vec::new();
            resources::check(&ctx, &mut pools);
            time::check(&ctx, &cycles, &mut pools);
            pools
        },
    );
    out.append(&mut loops);
    out.append(&mut numbers);
    out.append(&mut pools);
    out.append(&mut focus);
    owners::check(&ctx, &mut out);
    out
}

/// The model with the links the checks walk, in both directions.
pub struct Ctx<'a> {
    pub model: &'a Model,
    /// The plan graph with the edges that can make a loop (`cycle::KINDS`).
    pub graph: PlanGraph,
    /// For each goal, the paths that serve it.
    pub paths_serving: Vec<Vec<usize>>,
    /// For each path, the battles on it.
    pub battles_on: Vec<Vec<usize>>,
    /// For each battle, its tactics.
    pub tactics_for: Vec<Vec<usize>>,
    /// For each goal, the goals that are `part_of` it.
    pub parts_of: Vec<Vec<usize>>,
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model) -> Ctx<'a> {
        // The graph is built beside the lists (both walk the references).
        let (graph, [paths_serving, battles_on, tactics_for, parts_of]) = rayon::join(
            || PlanGraph::of_kinds(model, &cycle::KINDS),
            || Ctx::lists(model),
        );
        Ctx {
            graph,
            paths_serving,
            battles_on,
            tactics_for,
            parts_of,
            model,
        }
    }

    /// The paths serving each goal, the battles on each path, the tactics
    /// for each battle and the parts of each goal.
    fn lists(model: &Model) -> [Vec<Vec<usize>>; 4] {
        let mut paths_serving = vec![Vec::new(); model.goals.len()];
        let mut battles_on = vec![Vec::new(); model.paths.len()];
        let mut tactics_for = vec![Vec::new(); model.battles.len()];
        let mut parts_of = vec![Vec::new(); model.goals.len()];
        for r in model.refs() {
            let from = r.from.index;
            match (r.attr.edge, r.to.target()) {
                (Some(EdgeKind::Serves), Some(g)) if !paths_serving[g].contains(&from) => {
                    paths_serving[g].push(from)
                }
                (Some(EdgeKind::On), Some(p)) => battles_on[p].push(from),
                (Some(EdgeKind::For), Some(b)) => tactics_for[b].push(from),
                (Some(EdgeKind::PartOf), Some(g)) => parts_of[g].push(from),
                _ => {}
            }
        }
        [paths_serving, battles_on, tactics_for, parts_of]
    }

    /// The battles grouped by their path, as people read a plan: main paths
    /// first, then candidates, each in the order of the file, and last
    /// (`None`) the battles on no path. Paths with no battle are left out.
    pub fn battles_by_path(&self) -> Vec<(Option<usize>, Vec<usize>)> {
        let model = self.model;
        let mut order: Vec<usize> = (0..model.paths.len()).collect();
        order.sort_by_key(|&p| (model.paths[p].main.is_none(), p));
        let mut groups: Vec<(Option<usize>, Vec<usize>)> = order
            .into_iter()
            .map(|p| (Some(p), self.battles_on[p].clone()))
            .collect();
        groups.push((
            None,
            (0..model.battles.len())
                .filter(|&b| {
                    model.battles[b]
                        .on
                        .as_ref()
                        .and_then(|r| r.target())
                        .is_none()
                })
                .collect(),
        ));
        groups.retain(|(_, battles)| !battles.is_empty());
        groups
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
                    .filter(move |u| u.what.target() == Some(metric) && u.qty.change)
                    .map(move |u| (b, u))
            })
            .collect()
    }

    /// The goals a battle traces to.
    pub fn goals_of_battle(&self, battle: usize) -> Vec<usize> {
        let Some(path) = self.model.battles[battle]
            .on
            .as_ref()
            .and_then(|r| r.target())
        else {
            return Vec::new();
        };
        let mut goals: Vec<usize> = self.model.paths[path]
            .serves
            .iter()
            .filter_map(|r| r.target())
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
            .is_some_and(|c| self.model.lookup(c.name()) == Some(ItemId { kind, index }))
    }
}
