//! The plan as a petgraph graph: one node per item, and an edge for each
//! resolved reference whose attribute is an edge in the table of references
//! (`model::TABLE`: `serves`, `on`, `for`, `supports` and `after`), from the
//! item that holds the reference to the item it names.

pub use crate::model::EdgeKind;
use crate::model::{ItemId, Model};
use crate::span::Span;
use crate::syntax::ast::ItemKind;
use petgraph::graph::{DiGraph, NodeIndex};

#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub kind: EdgeKind,
    /// Where the reference is written.
    pub span: Span,
}

pub struct PlanGraph {
    pub graph: DiGraph<ItemId, Edge>,
}

/// The kinds of item that are nodes, in the order of their nodes.
const NODE_KINDS: [ItemKind; 6] = ItemKind::NAMED;

impl PlanGraph {
    /// The graph of the model's items, sized once: its nodes are the items
    /// of [`NODE_KINDS`] in order, so an item's node is found by counting,
    /// not by a map (which was a fifth of the graph's memory).
    pub fn new(model: &Model) -> PlanGraph {
        PlanGraph::of_kinds(model, &EdgeKind::ALL)
    }

    /// The graph with only the edges of these kinds; without any such edge,
    /// no node either (the checks ask it for loops of three kinds, which
    /// most plans never write: 30 MB of nodes and edges at 100 000 battles
    /// for nothing).
    pub fn of_kinds(model: &Model, kinds: &[EdgeKind]) -> PlanGraph {
        let counts = NODE_KINDS.map(|kind| match kind {
            ItemKind::Resource => model.resources.len(),
            ItemKind::Metric => model.metrics.len(),
            ItemKind::Goal => model.goals.len(),
            ItemKind::Path => model.paths.len(),
            ItemKind::Battle => model.battles.len(),
            _ => model.tactics.len(),
        });
        let mut first = [0; NODE_KINDS.len()];
        for k in 1..NODE_KINDS.len() {
            first[k] = first[k - 1] + counts[k - 1];
        }
        let node = |id: ItemId| {
            let k = NODE_KINDS.iter().position(|&kind| kind == id.kind)?;
            (id.index < counts[k]).then(|| NodeIndex::new(first[k] + id.index))
        };
        let edges = || {
            model.refs().filter_map(|r| {
                let (kind, to) = (r.attr.edge?, r.target()?);
                if !kinds.contains(&kind) {
                    return None;
                }
                let edge = Edge {
                    kind,
                    span: r.to.span,
                };
                Some((node(r.from)?, node(to)?, edge))
            })
        };
        let edge_count = edges().count();
        if edge_count == 0 {
            return PlanGraph {
                graph: DiGraph::new(),
            };
        }
        let mut graph = DiGraph::with_capacity(counts.iter().sum(), edge_count);
        for (kind, count) in NODE_KINDS.into_iter().zip(counts) {
            for index in 0..count {
                graph.add_node(ItemId { kind, index });
            }
        }
        for (a, b, edge) in edges() {
            graph.add_edge(a, b, edge);
        }
        PlanGraph { graph }
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
