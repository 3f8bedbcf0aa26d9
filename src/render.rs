//! Diagnostics for people and for machines. Each format is one file; all
//! read the neutral [`Diagnostic`](crate::Diagnostic) and a [`Source`].

pub mod github;
#[cfg(feature = "cli")]
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use crate::line_index::LineIndex;
use crate::Diagnostic;

/// One checked file: its name as given, its text and its diagnostics.
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub index: LineIndex<'a>,
    pub diagnostics: &'a [Diagnostic],
}

impl<'a> Source<'a> {
    pub fn new(name: &'a str, text: &'a str, diagnostics: &'a [Diagnostic]) -> Source<'a> {
        Source {
            name,
            text,
            index: LineIndex::new(text),
            diagnostics,
        }
    }
}
