//! planc's integration tests, in one binary: linking a dozen test binaries
//! on two cores was most of `cargo test`'s time. Each file below is one
//! module; `support/` holds what several of them share.

#[path = "support/plans.rs"]
mod plans;
#[path = "support/cli.rs"]
mod support;

mod check;
mod ci;
mod cli;
mod diagnostics_table;
mod docs;
mod docs_zh;
mod files;
mod fmt;
mod fmt_cli;
mod graph;
mod graph_cli;
mod hostile;
mod lsp;
mod outputs;
mod pictures;
mod properties;
mod status;
mod zh;
