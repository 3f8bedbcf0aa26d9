//! Rename a name everywhere in the file: its definition and every
//! reference, in one edit. A new name must be an identifier, not one of the
//! eight item words, and not already taken by another item.

use super::position::Encoding;
use super::Document;
use crate::syntax::ast::ItemKind;
use lsp_types::{Position, Range, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The range of the name under the cursor, if there is one to rename.
pub fn prepare(doc: &Document, encoding: Encoding, at: Position) -> Option<Range> {
    let occurrence = doc.occurrences.at(doc.offset(at, encoding))?;
    Some(doc.range(occurrence.span, encoding))
}

/// The edit, or why the rename is refused (shown to the user).
pub fn rename(
    doc: &Document,
    encoding: Encoding,
    at: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>, String> {
    let Some(occurrence) = doc.occurrences.at(doc.offset(at, encoding)) else {
        return Ok(None);
    };
    if new_name == occurrence.name {
        return Ok(None);
    }
    check_name(new_name)?;
    if let Some(id) = doc.analysis.model.lookup(new_name).as_ref() {
        return Err(format!(
            "`{new_name}` is already the name of {}; names are unique across the plan.",
            doc.analysis.model.describe(*id)
        ));
    }
    // One edit per file of the plan the name is written in. (lsp-types keys
    // `WorkspaceEdit::changes` by `Uri`, whose lazily parsed parts clippy
    // takes for interior mutability; the key is never changed.)
    #[allow(clippy::mutable_key_type)]
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    for o in doc.occurrences.of(&occurrence.name) {
        let at = doc.location(o.span, encoding);
        changes
            .entry(at.uri)
            .or_default()
            .push(TextEdit::new(at.range, new_name.to_string()));
    }
    Ok(Some(WorkspaceEdit::new(changes)))
}

/// Whether a word may name an item: a letter or `_`, then letters, digits or
/// `_` (Unicode XID), and not an item word.
pub fn check_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c == '_' || unicode_xid::UnicodeXID::is_xid_start(c));
    if !starts_well || !chars.all(unicode_xid::UnicodeXID::is_xid_continue) {
        return Err(format!(
            "`{name}` is not a name: a name starts with a letter or `_` and goes on with letters, digits or `_` (`fission_2`, `营收`)."
        ));
    }
    if ItemKind::from_keyword(name).is_some() {
        return Err(format!(
            "`{name}` is one of the eight item words and cannot name an item."
        ));
    }
    Ok(())
}
