//! LSP positions ↔ byte offsets, in the encoding negotiated with the client
//! (UTF-16 code units unless the client offers UTF-8). Every conversion goes
//! through [`LineIndex`], like every line and column elsewhere in planc.

use crate::line_index::LineIndex;
use crate::span::Span;
use lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The server's choice among what the client offers: UTF-8 when offered
    /// (no conversion at all), else UTF-16, which every client must accept.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

pub fn position(index: &LineIndex, offset: usize, encoding: Encoding) -> Position {
    let (line, character) = match encoding {
        Encoding::Utf8 => index.utf8_position(offset),
        Encoding::Utf16 => index.utf16_position(offset),
    };
    Position { line, character }
}

pub fn range(index: &LineIndex, span: Span, encoding: Encoding) -> Range {
    Range {
        start: position(index, span.start(), encoding),
        end: position(index, span.end(), encoding),
    }
}

/// The byte offset of a position; positions past a line's end or the
/// text's end are clamped, as the protocol asks.
pub fn offset(index: &LineIndex, position: Position, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => index.offset_of_utf8(position.line, position.character),
        Encoding::Utf16 => index.offset_of_utf16(position.line, position.character),
    }
}

/// The byte span of a range, start and end in order.
pub fn span(index: &LineIndex, range: Range, encoding: Encoding) -> Span {
    let a = offset(index, range.start, encoding);
    let b = offset(index, range.end, encoding);
    Span::new(a.min(b), a.max(b))
}
