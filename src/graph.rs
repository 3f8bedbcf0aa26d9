//! The plan as a petgraph graph: one node per item, and an edge for each
//! resolved reference whose attribute is an edge in the table of references
//! (`model::TABLE`: `serves`, `on`, `for`, `supports` and `after`), from the
//! item that holds the reference to the item it names.

pub use crate::model::EdgeKind;
use crate::model::{ItemId, Model};
use crate::span::Span;
use crate::syntax::ast::ItemKind;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

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
        for r in model.refs() {
            if let (Some(kind), Some(to)) = (r.attr.edge, r.target()) {
                let (a, b) = (nodes[&r.from], nodes[&to]);
                graph.add_edge(
                    a,
                    b,
                    Edge {
                        kind,
                        span: r.to.span,
                    },
                );
            }
        }
        PlanGraph { graph, nodes }
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
