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
pub mod standing;
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

/// The text formats `planc graph` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Dot,
    Mermaid,
    Svg,
}

/// Who lays out an SVG: Graphviz, or planc's own layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Dot,
    Builtin,
}

/// Everything a `planc graph` run asks for, checked together by
/// [`Request::validate`] before anything is read or drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request<'a> {
    pub view: View,
    pub format: Format,
    /// `None`: Graphviz when it is there, else the built-in layout.
    pub engine: Option<Engine>,
    /// `--focus ID`: only what traces to and from this item.
    pub focus: Option<&'a str>,
    /// `--today DATE`: goals, battles and tactics coloured by their state
    /// on that day (`planc status`'s), and the day in the caption.
    pub today: Option<crate::date::Date>,
}

impl Request<'_> {
    /// Refuse combinations where an option would silently do nothing: an
    /// engine lays out SVG only, so naming one for DOT or Mermaid is a
    /// mistake worth saying (the command line exits 2 with this message).
    pub fn validate(&self) -> Result<(), String> {
        let format = match self.format {
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Svg => return Ok(()),
        };
        match self.engine {
            None => Ok(()),
            Some(engine) => Err(format!(
                "--engine {} lays out SVG only, and --format {format} is not laid out \
(Graphviz or GitHub does that when it reads the file); drop --engine, or use --format svg",
                match engine {
                    Engine::Dot => "dot",
                    Engine::Builtin => "builtin",
                }
            )),
        }
    }

    /// The scene to draw: the view, focused when asked. `Err` says why the
    /// focus names nothing drawn.
    pub fn scene(&self, analysis: &Analysis) -> Result<Scene, String> {
        let mut scene = scene::build(analysis, self.view);
        if let Some(name) = self.focus {
            scene.focus(name)?;
        }
        if let Some(day) = self.today {
            scene.take_status(&crate::status::status(&analysis.model, day));
        }
        Ok(scene)
    }
}

/// A scene as DOT, Mermaid or the built-in layout's SVG (for Graphviz's
/// SVG, the command line runs `dot` on the DOT).
pub fn render(scene: &Scene, format: Format) -> String {
    match format {
        Format::Dot => dot::render(scene),
        Format::Mermaid => mermaid::render(scene),
        Format::Svg => svg::render(&layout::layout(scene)),
    }
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
