//! One open file: its text and everything planc knows about it, rebuilt on
//! every change (the client sends the whole text each time).
//!
//! A file of a plan of several files is a *view* of the whole plan: `text`
//! is the plan's text (every file end to end, see [`crate::sources`]),
//! `analysis` and `occurrences` are the plan's, shared by every open file
//! of it, and `view` says which of `files` the client's positions are in.
//! Requests convert positions through [`Document::offset`] and
//! [`Document::location`], so a name found in another file is answered
//! with that file's URI and range.

use super::occurrences::Occurrences;
use super::position::{self, Encoding};
use crate::analysis::{analyze, Analysis};
use crate::line_index::LineIndex;
use crate::span::Span;
use lsp_types::{Location, Position, Range, Uri};
use std::rc::Rc;

/// One file of the plan a document belongs to.
#[derive(Clone, Debug)]
pub struct PlanFile {
    pub uri: Uri,
    /// Where its text starts in the plan's text, and how long it is.
    pub base: usize,
    pub len: usize,
}

pub struct Document {
    pub uri: Uri,
    pub version: i32,
    /// The plan's text (for a plan of one file, the file's).
    pub text: Rc<String>,
    pub analysis: Rc<Analysis>,
    pub occurrences: Rc<Occurrences>,
    /// Every file of the plan, root first; one for a plan of one file.
    pub files: Rc<Vec<PlanFile>>,
    /// Which of `files` this document is.
    pub view: usize,
}

impl Document {
    /// A document analysed from scratch.
    pub fn new(uri: Uri, version: i32, text: String) -> Document {
        let analysis = analyze(&text, &[]);
        Document::with_analysis(uri, version, text, analysis)
    }

    /// A plan of one file.
    pub fn with_analysis(uri: Uri, version: i32, text: String, analysis: Analysis) -> Document {
        let occurrences = Occurrences::build(&analysis.model);
        let files = vec![PlanFile {
            uri: uri.clone(),
            base: 0,
            len: text.len(),
        }];
        Document {
            uri,
            version,
            text: Rc::new(text),
            analysis: Rc::new(analysis),
            occurrences: Rc::new(occurrences),
            files: Rc::new(files),
            view: 0,
        }
    }

    /// This file's own text.
    pub fn own_text(&self) -> &str {
        let f = &self.files[self.view];
        &self.text[f.base..f.base + f.len]
    }

    /// The line index of this file's own text.
    pub fn index(&self) -> LineIndex<'_> {
        LineIndex::new(self.own_text())
    }

    /// Whether the plan has more files than this one.
    pub fn several(&self) -> bool {
        self.files.len() > 1
    }

    /// A position in this file as an offset in the plan's text.
    pub fn offset(&self, at: Position, encoding: Encoding) -> usize {
        self.files[self.view].base + position::offset(&self.index(), at, encoding)
    }

    /// The file of the plan holding an offset.
    pub fn file_at(&self, offset: usize) -> usize {
        self.files
            .partition_point(|f| f.base <= offset)
            .saturating_sub(1)
    }

    /// A span of the plan's text as a range in its own file.
    pub fn range(&self, span: Span, encoding: Encoding) -> Range {
        let f = &self.files[self.file_at(span.start())];
        let text = &self.text[f.base..f.base + f.len];
        let local = Span::new(
            span.start().saturating_sub(f.base).min(f.len),
            span.end().saturating_sub(f.base).min(f.len),
        );
        position::range(&LineIndex::new(text), local, encoding)
    }

    /// A span of the plan's text as a location: its own file and range.
    pub fn location(&self, span: Span, encoding: Encoding) -> Location {
        let uri = self.files[self.file_at(span.start())].uri.clone();
        Location::new(uri, self.range(span, encoding))
    }

    /// Whether a span lies in this file.
    pub fn here(&self, span: Span) -> bool {
        self.file_at(span.start()) == self.view
    }
}
