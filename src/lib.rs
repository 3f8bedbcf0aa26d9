//! planc: a compiler for `.plan` strategy files.
//!
//! The core does no IO. The pipeline is parse → lower → resolve → check, each
//! phase adding [`Diagnostic`]s; see ARCHITECTURE.md.

// The core does no IO: nothing in the library prints. (The language server's
// log lines go through `lsp::log`, which writes to stderr and is the one
// exception, as ARCHITECTURE.md says.)
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

// The pest parser is generated without pest's `std` feature (see Cargo.toml),
// so its code names `alloc` directly.
extern crate alloc;

pub mod diagnostic;
pub mod lang;
pub mod line_index;
pub mod span;
pub mod suggest;
pub mod syntax;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use line_index::LineIndex;
pub use span::Span;

/// The strings a plan holds hundreds of thousands of (names, labels, amounts
/// as written, owners): up to 24 bytes live inside the value itself, with
/// no allocation of their own (docs/performance.md, issue 17).
pub type Text = compact_str::CompactString;
pub mod analysis;
pub mod check;
pub mod date;
pub mod lower;
pub mod model;
pub mod quantity;
pub mod render;
pub mod resolve;
pub mod schedule;
pub mod source;
pub mod sources;

pub use analysis::{analyze, Analysis};
pub use lang::{Lang, LangPref};
pub mod diagram;
pub mod docs;
pub mod export;
pub mod format;
pub mod graph;
pub mod lsp;
pub mod report;
pub mod status;
pub mod testing;
