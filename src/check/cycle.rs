//! Loops in `supports`, `part_of` or `after`: strongly connected components, each
//! reported once with the whole loop. Kosaraju's algorithm, because
//! petgraph's is iterative there (its Tarjan recurses, and a chain of
//! thousands of `after`s would overflow the stack).

use super::{Ctx, Finding};
use crate::graph::EdgeKind;
use crate::model::ItemId;
use crate::model::Set as HashSet;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

/// The kinds of reference that can make a loop: the checks' graph holds
/// only these.
pub(super) const KINDS: [EdgeKind; 3] = [EdgeKind::Supports, EdgeKind::PartOf, EdgeKind::After];

/// Reports every loop; returns the items on one, so that `after-violated`
/// does not also report what only follows from the loop.
pub(super) fn check(ctx: &Ctx, out: &mut Vec<Finding>) -> HashSet<ItemId> {
    let mut in_cycle = HashSet::default();
    for kind in KINDS {
        // No edge of this kind, no loop: skip copying the whole graph and
        // visiting every item twice (most plans write no `part_of` or `after`).
        if !ctx.graph.graph.edge_weights().any(|e| e.kind == kind) {
            continue;
        }
        let graph = ctx
            .graph
            .graph
            .filter_map(|_, &n| Some(n), |_, e| (e.kind == kind).then_some(*e));
        let mut components: Vec<Vec<NodeIndex>> = kosaraju_scc(&graph)
            .into_iter()
            .filter(|c| c.len() > 1 || graph.find_edge(c[0], c[0]).is_some())
            .collect();
        for c in &mut components {
            c.sort_by_key(|&n| span_of(ctx, graph[n]));
        }
        components.sort_by_key(|c| span_of(ctx, graph[c[0]]));
        for component in components {
            let set: HashSet<NodeIndex> = component.iter().copied().collect();
            let start = component[0];
            let path = loop_through(&graph, start, &set);
            let ids: Vec<ItemId> = path.iter().map(|&n| graph[n]).collect();
            in_cycle.extend(component.iter().map(|&n| graph[n]));
            let first = ids[0];
            // The reference that closes the loop back to the first item.
            let closing = path
                .last()
                .and_then(|&last| graph.edges(last).find(|e| e.target() == start))
                .map_or_else(|| span_of(ctx, first), |e| e.weight().span);
            let links = path
                .windows(2)
                .filter_map(|e| {
                    let edge = graph.edges(e[0]).find(|x| x.target() == e[1])?;
                    Some((graph[e[0]], graph[e[1]], edge.weight().span))
                })
                .collect();
            out.push(Finding::Cycle {
                kind,
                items: ids,
                closing,
                links,
            });
        }
    }
    in_cycle
}

fn span_of(ctx: &Ctx, id: ItemId) -> crate::span::Span {
    ctx.model
        .common(id)
        .map_or_else(Default::default, |c| c.id.span)
}

/// A simple loop from `start` back to it within one component.
fn loop_through<N, E>(
    graph: &petgraph::Graph<N, E>,
    start: NodeIndex,
    set: &HashSet<NodeIndex>,
) -> Vec<NodeIndex> {
    // Breadth-first from start; the first time an edge leads back to start,
    // walk the parents back: the shortest loop through start.
    let mut parent = crate::model::Map::default();
    let mut queue = std::collections::VecDeque::from([start]);
    let mut seen: HashSet<NodeIndex> = [start].into_iter().collect();
    while let Some(n) = queue.pop_front() {
        let mut nexts: Vec<NodeIndex> = graph.neighbors(n).filter(|m| set.contains(m)).collect();
        nexts.sort();
        for m in nexts {
            if m == start {
                let mut path = vec![n];
                let mut at = n;
                while let Some(&p) = parent.get(&at) {
                    path.push(p);
                    at = p;
                }
                path.reverse();
                return path;
            }
            if seen.insert(m) {
                parent.insert(m, n);
                queue.push_back(m);
            }
        }
    }
    vec![start]
}
