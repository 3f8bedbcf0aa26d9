//! The language server: `planc lsp`. A thin layer over the same core the
//! command line uses — every diagnostic comes from [`crate::analyze`], every
//! edit from [`crate::format`] — that speaks the Language Server Protocol.
//!
//! Each request is a pure function of one [`Document`] and its parameters
//! (one file per request below), so it is tested without any IO;
//! [`server`] is the loop that routes each message to its function over an
//! `lsp_server` connection, and [`transport`] reads and writes the frames
//! of that connection on a byte stream (stdin and stdout, opened by
//! `src/cli/lsp.rs`). What the server offers: docs/lsp.md.

pub mod add_checkin;
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
pub mod transport;

pub use document::Document;
pub use position::Encoding;
pub use server::{run, Exit};
pub use transport::{serve, Broken};

/// One line on standard error, where editors keep a server's log. Control
/// characters (text from the client may hold any) are escaped, the line is
/// cut short (a serde error can quote a whole document), and a standard
/// error that cannot be written to is not a reason to stop.
pub(crate) fn log(message: &str) {
    use std::io::Write;
    let mut line = String::from("planc lsp: ");
    for c in short(message).chars() {
        if c.is_control() {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line.push('\n');
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// At most a few hundred characters of `text`, with `…` where it is cut.
pub(crate) fn short(text: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 300;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

#[cfg(test)]
mod as_of_tests;
