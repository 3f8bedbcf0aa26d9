//! How human diagnostics are drawn on this terminal: colour and width.

use planc::render::human;
use std::io::IsTerminal;

/// `--color`: when to colour human output.
#[derive(Clone, Copy, Default, clap::ValueEnum)]
pub(super) enum Color {
    /// On a terminal, unless NO_COLOR is set
    #[default]
    Auto,
    Always,
    Never,
}

/// The style for stderr: colour as asked (never under NO_COLOR in `auto`),
/// wrapped at `COLUMNS` or 100.
pub(super) fn style(color: Color) -> human::Style {
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    human::Style { color, width }
}
