//! Find references: every place a name is written, with or without the
//! definitions.

use super::position::{offset, range, Encoding};
use super::Document;
use lsp_types::{Location, Position};

pub fn references(
    doc: &Document,
    encoding: Encoding,
    at: Position,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let index = doc.index();
    let occurrence = doc.occurrences.at(offset(&index, at, encoding))?;
    Some(
        doc.occurrences
            .of(&occurrence.name)
            .filter(|o| include_declaration || !o.definition)
            .map(|o| Location::new(doc.uri.clone(), range(&index, o.span, encoding)))
            .collect(),
    )
}
