//! Find references: every place a name is written, with or without the
//! definitions.

use super::position::Encoding;
use super::Document;
use lsp_types::{Location, Position};

pub fn references(
    doc: &Document,
    encoding: Encoding,
    at: Position,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let occurrence = doc.occurrences.at(doc.offset(at, encoding))?;
    Some(
        doc.occurrences
            .of(&occurrence.name)
            .filter(|o| include_declaration || !o.definition)
            .map(|o| doc.location(o.span, encoding))
            .collect(),
    )
}
