//! The language server: `planc lsp`. A thin layer over the same core the
//! command line uses — every diagnostic comes from [`crate::analyze`], every
//! edit from [`crate::format`] — that speaks the Language Server Protocol.
//!
//! Each request is a pure function of one [`Document`] and its parameters
//! (one file per request below), so it is tested without any IO;
//! [`server`] is the loop that reads messages from an `lsp_server`
//! connection and sends the answers. The stdio transport is opened by
//! `src/cli/lsp.rs`. What the server offers: docs/lsp.md.

pub mod code_action;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod document;
pub mod formatting;
pub mod hover;
pub mod incremental;
pub mod occurrences;
pub mod position;
pub mod references;
pub mod rename;
pub mod server;
pub mod symbols;

pub use document::Document;
pub use position::Encoding;
pub use server::run;
