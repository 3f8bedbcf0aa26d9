//! Go to definition: from a name, wherever it is written, to the item that
//! defines it.

use super::occurrences::definition_span;
use super::position::{offset, range, Encoding};
use super::Document;
use lsp_types::{GotoDefinitionResponse, Location, Position};

pub fn definition(
    doc: &Document,
    encoding: Encoding,
    at: Position,
) -> Option<GotoDefinitionResponse> {
    let index = doc.index();
    let occurrence = doc.occurrences.at(offset(&index, at, encoding))?;
    let span = definition_span(&doc.analysis.model, &occurrence.name)?;
    Some(GotoDefinitionResponse::Scalar(Location::new(
        doc.uri.clone(),
        range(&index, span, encoding),
    )))
}
