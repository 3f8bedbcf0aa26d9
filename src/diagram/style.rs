//! Colours and fonts, the same in every format.

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

/// The breakthrough goal: a warm fill and a gold outline.
pub const BREAKTHROUGH_FILL: &str = "#fff3c4";
pub const BREAKTHROUGH_LINE: &str = "#b7791f";

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
