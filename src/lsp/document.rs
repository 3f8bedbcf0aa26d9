//! One open file: its text and everything planc knows about it, rebuilt on
//! every change (the client sends the whole text each time).

use super::occurrences::Occurrences;
use crate::analysis::{analyze, Analysis};
use crate::line_index::LineIndex;
use lsp_types::Uri;

pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    pub analysis: Analysis,
    pub occurrences: Occurrences,
}

impl Document {
    /// A document analysed from scratch.
    pub fn new(uri: Uri, version: i32, text: String) -> Document {
        let analysis = analyze(&text, &[]);
        Document::with_analysis(uri, version, text, analysis)
    }

    pub fn with_analysis(uri: Uri, version: i32, text: String, analysis: Analysis) -> Document {
        let occurrences = Occurrences::build(&analysis.model);
        Document {
            uri,
            version,
            text,
            analysis,
            occurrences,
        }
    }

    pub fn index(&self) -> LineIndex<'_> {
        LineIndex::new(&self.text)
    }
}
