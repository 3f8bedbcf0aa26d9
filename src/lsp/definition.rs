//! Go to definition: from a name, wherever it is written, to the item that
//! defines it.

use super::occurrences::definition_span;
use super::position::Encoding;
use super::Document;
use lsp_types::{GotoDefinitionResponse, Position};

pub fn definition(
    doc: &Document,
    encoding: Encoding,
    at: Position,
) -> Option<GotoDefinitionResponse> {
    let occurrence = doc.occurrences.at(doc.offset(at, encoding))?;
    let span = definition_span(&doc.analysis.model, &occurrence.name)?;
    // In whichever file of the plan the item is defined.
    Some(GotoDefinitionResponse::Scalar(doc.location(span, encoding)))
}
