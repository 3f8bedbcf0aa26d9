//! The plan as a petgraph graph: one node per item, edges `serves`, `on`,
//! `for`, `supports` and `after`, each from the item that holds the reference
//! to the item it names.

use crate::model::{ItemId, Model, Ref};
use crate::span::Span;
use crate::syntax::ast::ItemKind;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    Serves,
    On,
    For,
    Supports,
    After,
}

impl EdgeKind {
    pub fn word(self) -> &'static str {
        match self {
            EdgeKind::Serves => "serves",
            EdgeKind::On => "on",
            EdgeKind::For => "for",
            EdgeKind::Supports => "supports",
            EdgeKind::After => "after",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub kind: EdgeKind,
    /// Where the reference is written.
    pub span: Span,
}

pub struct PlanGraph {
    pub graph: DiGraph<ItemId, Edge>,
    pub nodes: HashMap<ItemId, NodeIndex>,
}

impl PlanGraph {
    pub fn new(model: &Model) -> PlanGraph {
        let mut graph = DiGraph::new();
        let mut nodes = HashMap::new();
        let counts = [
            (ItemKind::Resource, model.resources.len()),
            (ItemKind::Metric, model.metrics.len()),
            (ItemKind::Goal, model.goals.len()),
            (ItemKind::Path, model.paths.len()),
            (ItemKind::Battle, model.battles.len()),
            (ItemKind::Tactic, model.tactics.len()),
        ];
        for (kind, count) in counts {
            for index in 0..count {
                let id = ItemId { kind, index };
                nodes.insert(id, graph.add_node(id));
            }
        }
        let mut plan = PlanGraph { graph, nodes };
        for (i, goal) in model.goals.iter().enumerate() {
            plan.link(
                ItemKind::Goal,
                i,
                &goal.supports,
                ItemKind::Goal,
                EdgeKind::Supports,
            );
        }
        for (i, path) in model.paths.iter().enumerate() {
            plan.link(
                ItemKind::Path,
                i,
                &path.serves,
                ItemKind::Goal,
                EdgeKind::Serves,
            );
        }
        for (i, battle) in model.battles.iter().enumerate() {
            plan.link(
                ItemKind::Battle,
                i,
                battle.on.as_slice(),
                ItemKind::Path,
                EdgeKind::On,
            );
            plan.link(
                ItemKind::Battle,
                i,
                &battle.after,
                ItemKind::Battle,
                EdgeKind::After,
            );
        }
        for (i, tactic) in model.tactics.iter().enumerate() {
            plan.link(
                ItemKind::Tactic,
                i,
                tactic.battle.as_slice(),
                ItemKind::Battle,
                EdgeKind::For,
            );
            plan.link(
                ItemKind::Tactic,
                i,
                &tactic.after,
                ItemKind::Tactic,
                EdgeKind::After,
            );
        }
        plan
    }

    fn link(
        &mut self,
        from_kind: ItemKind,
        from: usize,
        refs: &[Ref],
        to_kind: ItemKind,
        kind: EdgeKind,
    ) {
        let a = self.nodes[&ItemId {
            kind: from_kind,
            index: from,
        }];
        for r in refs {
            if let Some(to) = r.target {
                let b = self.nodes[&ItemId {
                    kind: to_kind,
                    index: to,
                }];
                self.graph.add_edge(a, b, Edge { kind, span: r.span });
            }
        }
    }

    /// Every edge as (from, to, kind), in a stable order.
    pub fn edges(&self) -> Vec<(ItemId, ItemId, Edge)> {
        let mut edges: Vec<_> = self
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = self.graph.edge_endpoints(e)?;
                Some((self.graph[a], self.graph[b], self.graph[e]))
            })
            .collect();
        edges.sort_by_key(|(a, b, e)| (*a, *b, e.kind, e.span));
        edges
    }
}
