//! The comments of a source text. The grammar skips them silently, so the
//! syntax tree has none; this small scanner finds them again, stepping over
//! string literals (which may hold `//` or `/*`).
//!
//! It is only run on text that parsed without a syntax error, where `"` only
//! opens strings and `/` only opens comments.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentKind {
    /// `// …` up to the end of the line (`\n`, `\r\n` or a lone `\r`; the
    /// line break is not part of it).
    Line,
    /// `/* … */`, possibly over several lines.
    Block,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    pub kind: CommentKind,
    pub span: Span,
}

impl Comment {
    /// The text to write back. A line comment loses its trailing whitespace
    /// (and the `\r` of a CRLF file); a block comment is kept exactly.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        let raw = &source[self.span.start()..self.span.end()];
        match self.kind {
            CommentKind::Line => raw.trim_end(),
            CommentKind::Block => raw,
        }
    }

    /// A block comment over several lines cannot share a line with code
    /// before it, so it is always written on lines of its own.
    pub fn is_multiline(&self, source: &str) -> bool {
        source[self.span.start()..self.span.end()].contains(['\n', '\r'])
    }

    /// Can be written in the middle of a line: a one-line block comment.
    pub fn fits_inline(&self, source: &str) -> bool {
        self.kind == CommentKind::Block && !self.is_multiline(source)
    }
}

/// Every comment in `text`, in order.
pub fn scan(text: &str) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let mut comments = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match (bytes[at], bytes.get(at + 1)) {
            (b'"', _) => at = string_end(bytes, at, b"\""),
            // `“`, a string in full-width quotes, closed by `”`.
            (0xE2, Some(0x80)) if bytes.get(at + 2) == Some(&0x9C) => {
                at = string_end(bytes, at + 2, "”".as_bytes());
            }
            (b'/', Some(b'/')) => {
                let end = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .map_or(bytes.len(), |n| at + n);
                comments.push(Comment {
                    kind: CommentKind::Line,
                    span: Span::new(at, end),
                });
                at = end;
            }
            (b'/', Some(b'*')) => {
                let end = text[at + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| at + 2 + n + 2);
                comments.push(Comment {
                    kind: CommentKind::Block,
                    span: Span::new(at, end),
                });
                at = end;
            }
            _ => at += 1,
        }
    }
    comments
}

/// The offset just past the string literal whose opening quote ends at
/// `start` (its last byte), closed by `close`.
fn string_end(bytes: &[u8], start: usize, close: &[u8]) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            _ if bytes[at..].starts_with(close) => return at + close.len(),
            // Strings do not span lines; stop rather than swallow the file.
            b'\n' | b'\r' => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        scan(text).iter().map(|c| c.text(text)).collect()
    }

    #[test]
    fn finds_line_and_block_comments() {
        let text =
            "// head\nplan \"x\" { /* in\n  side */ period 2026-01-01 .. 2026-12-31 } // tail";
        assert_eq!(texts(text), ["// head", "/* in\n  side */", "// tail"]);
    }

    #[test]
    fn skips_comment_markers_inside_strings() {
        let text = r#"owner "a // b /* c" // real
segment "quote \" // still string" /* real too */"#;
        assert_eq!(texts(text), ["// real", "/* real too */"]);
    }

    #[test]
    fn an_escaped_backslash_ends_before_the_quote() {
        let text = r#"owner "back\\" // real"#;
        assert_eq!(texts(text), ["// real"]);
    }

    #[test]
    fn line_comments_lose_trailing_whitespace_and_end_before_a_carriage_return() {
        let text = "// crlf   \r\nx";
        let comments = scan(text);
        assert_eq!(comments[0].span, Span::new(0, 10));
        assert_eq!(comments[0].text(text), "// crlf");
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_comment() {
        assert_eq!(
            texts("// old mac\rplan \"x\" {} // two"),
            ["// old mac", "// two"]
        );
    }

    #[test]
    fn skips_comment_markers_inside_full_width_quotes() {
        let text = "owner “a // b \"q\" /* c” // real\nsegment “x\\\\” /* y */";
        assert_eq!(texts(text), ["// real", "/* y */"]);
    }

    #[test]
    fn a_block_comment_may_hold_slashes_and_stars() {
        assert_eq!(texts("/* a // b * c / */x"), ["/* a // b * c / */"]);
    }

    #[test]
    fn an_unclosed_block_comment_runs_to_the_end() {
        assert_eq!(texts("x /* open"), ["/* open"]);
    }
}
