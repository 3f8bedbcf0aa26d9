//! Diagrams of a plan: the balanced-scorecard strategy map and the trace
//! from goals down to tactics, as DOT, Mermaid or SVG. Pure functions from
//! an [`Analysis`] to text; running Graphviz is the command line's business.
//!
//! Every format is written from one [`Scene`] (what is drawn); SVG is laid
//! out by [`layout`] without Graphviz. docs/graph.md describes the pictures.

pub mod dot;
pub mod escape;
pub mod ids;
pub mod layout;
pub mod mermaid;
#[cfg(feature = "png")]
pub mod png;
pub mod scene;
pub mod style;
pub mod svg;
pub mod text;
pub mod timeline;

pub use scene::{Scene, View};

use crate::analysis::Analysis;

/// What to draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub view: View,
}

/// The plan as Graphviz DOT.
pub fn dot(analysis: &Analysis, options: Options) -> String {
    dot::render(&scene::build(analysis, options.view))
}

/// The plan as a Mermaid `flowchart`, as GitHub renders it in Markdown.
pub fn mermaid(analysis: &Analysis, options: Options) -> String {
    mermaid::render(&scene::build(analysis, options.view))
}

/// The plan as SVG, laid out by planc itself (no Graphviz needed).
pub fn svg(analysis: &Analysis, options: Options) -> String {
    svg::render(&layout::layout(&scene::build(analysis, options.view)))
}
