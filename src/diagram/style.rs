//! Colours and fonts, the same in every format.

use super::scene::{Emphasis, Flag, Look};
use super::standing::Tone;
use crate::diagnostic::Severity;

/// Fonts in order of preference: CJK-capable sans-serif fonts on Linux,
/// macOS and Windows first, so Chinese labels never fall back to boxes,
/// then the generic family. No emoji font is named: emoji fonts carry
/// digits too, and Pango would draw `2026` with them; every system falls
/// back to its emoji font for emoji by itself.
pub const FONTS: &str = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Hiragino Sans GB, \
Microsoft YaHei, WenQuanYi Micro Hei, Noto Sans, Helvetica, Arial, sans-serif";

/// Ink for text, outlines and arrows.
pub const INK: &str = "#37474f";
/// Secondary text: names and placeholders.
pub const MUTED: &str = "#78909c";
pub const NODE_FILL: &str = "#ffffff";

/// An item with an error.
pub const ERROR: &str = "#d32f2f";
/// An item with a warning (and no error).
pub const WARNING: &str = "#f29900";

/// The breakthrough goal: a warm fill, a double ink outline and a star
/// badge. Its outline is not gold: gold and the warning's amber were hard
/// to tell apart, with normal sight and more so with colour-blind sight
/// (docs/graph.md, "Colours").
pub const BREAKTHROUGH_FILL: &str = "#fff3c4";
pub const BREAKTHROUGH_LINE: &str = INK;
/// The star badge's fill.
pub const STAR: &str = "#f2b705";

/// How a box is drawn: the same for a node and for its sample in the legend.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoxStyle {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub stroke_width: f64,
    pub dashed: bool,
    /// A second outline inside the first (the breakthrough goal).
    pub double: bool,
    /// Marks on the corners, so that nothing is told by colour alone.
    pub badges: Badges,
}

/// Corner marks: a star on the top left for the breakthrough goal, a round
/// red badge (error) or a triangular amber one (warning) on the top right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Badges {
    pub star: bool,
    pub problem: Option<Severity>,
}

/// The look of a box with this emphasis and this worst problem.
pub fn box_style(look: Look) -> BoxStyle {
    let mut style = BoxStyle {
        fill: NODE_FILL,
        stroke: INK,
        stroke_width: 1.2,
        dashed: false,
        double: false,
        badges: Badges::default(),
    };
    match look.emphasis {
        Emphasis::Plain => {}
        Emphasis::Breakthrough => {
            style.fill = BREAKTHROUGH_FILL;
            style.stroke = BREAKTHROUGH_LINE;
            style.stroke_width = 1.6;
            style.double = true;
            style.badges.star = true;
        }
        Emphasis::Main => style.stroke_width = 2.5,
        Emphasis::Candidate | Emphasis::Guardrail => style.dashed = true,
    }
    if let Some(tone) = look.tone {
        // The state fills the box; a problem still draws its outline.
        style.fill = tone_fill(tone);
    }
    if let Some(severity) = look.problem {
        style.stroke = problem_color(severity);
        style.stroke_width = 3.0;
        style.badges.problem = Some(severity);
    }
    style
}

/// A state's fill: a bluish green, yellow, red and grey chosen to stay
/// apart under simulated red-green colour blindness (tests/graph.rs
/// measures it); the state's word is written in the box besides.
pub fn tone_fill(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "#a5d6c1",
        Tone::Watch => "#ffd54f",
        Tone::Bad => "#ef9a9a",
        Tone::Quiet => "#eeeeee",
    }
}

/// Red for an error, amber for a warning.
pub fn problem_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
    }
}

/// A band's fill and the colour of its heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BandColors {
    pub fill: &'static str,
    pub heading: &'static str,
}

/// Colours per band key (`financial`, …, `goals`, …).
pub fn band(key: &str) -> BandColors {
    let (fill, heading) = match key {
        "financial" | "goals" => ("#e3f0fb", "#1f5f99"),
        "customer" | "paths" => ("#e6f4ea", "#2e7d32"),
        "process" | "battles" => ("#fdf1e2", "#b35c00"),
        "learning" | "tactics" => ("#f1eafa", "#6a3fa0"),
        _ => ("#eef1f3", "#546e7a"),
    };
    BandColors { fill, heading }
}

/// The mark written before the problems' names in DOT and Mermaid labels:
/// a cross for errors, a warning sign for warnings.
pub fn problem_mark(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
    }
}

/// "✖ unknown-name, cycle": the names of the problems on an item, each once.
pub fn problem_line(flag: &Flag) -> String {
    let mut names: Vec<&str> = Vec::new();
    for problem in &flag.problems {
        if !names.contains(&problem.code.name()) {
            names.push(problem.code.name());
        }
    }
    format!("{} {}", problem_mark(flag.severity), names.join(", "))
}
