//! Byte offsets to line and column, computed once per source.
//!
//! pest counts characters, miette's header counts bytes and the language
//! server counts UTF-16 units; everything in planc goes through this index
//! so the three never disagree.

/// A position for people: 1-based line, 1-based column in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts. Lines end at `\n`, `\r\n` or a
    /// lone `\r`, the three line ends of the LSP specification (and of every
    /// editor): a line end is never part of a line's text or columns.
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    /// The index of `text`; its lines are found when first asked (a clean
    /// plan's summary never asks, and finding them was 3 % of `planc
    /// check` on a large plan).
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: std::cell::OnceCell::new(),
        }
    }

    /// Byte offset where each line starts.
    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = vec![0];
            starts.extend(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(i, &b)| {
                        b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                    })
                    .map(|(i, _)| i + 1),
            );
            starts
        })
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn line_count(&self) -> usize {
        self.starts().len()
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.starts().binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        let starts = self.starts();
        starts[line.min(starts.len() - 1)]
    }

    /// The text of a 0-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_start(line);
        &self.text[start..self.line_end(line)]
    }

    /// The byte offset where a 0-based line's text ends: at its line ending,
    /// or at the end of the text for the last line.
    pub fn line_end(&self, line: usize) -> usize {
        match self.starts().get(line + 1) {
            None => self.text.len(),
            Some(&next) => {
                let bytes = self.text.as_bytes();
                if next >= 2 && bytes[next - 1] == b'\n' && bytes[next - 2] == b'\r' {
                    next - 2
                } else {
                    next - 1
                }
            }
        }
    }

    /// Snap an offset down to a character boundary.
    fn floor(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// 1-based line and character column, for people and for `--format json`.
    /// An offset inside a line ending (between `\r` and `\n`) counts as the
    /// end of the line's text.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor(offset);
        let line = self.line_of(offset);
        let end = offset.min(self.line_end(line));
        let column = self.text[self.line_start(line)..end].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// 0-based line and UTF-16 column, for the language server.
    pub fn utf16_position(&self, offset: usize) -> (u32, u32) {
        let offset = self.floor(offset);
        let line = self.line_of(offset);
        let column: usize = self.text[self.line_start(line)..offset]
            .chars()
            .map(char::len_utf16)
            .sum();
        (line as u32, column as u32)
    }

    /// 0-based line and UTF-8 byte column (LSP's `utf-8` position encoding).
    pub fn utf8_position(&self, offset: usize) -> (u32, u32) {
        let offset = self.floor(offset);
        let line = self.line_of(offset);
        (line as u32, (offset - self.line_start(line)) as u32)
    }

    /// The byte offset of a 0-based line and UTF-16 column; clamps to the line.
    pub fn offset_of_utf16(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.starts().get(line as usize) else {
            return self.text.len();
        };
        let line = line as usize;
        let mut units = 0u32;
        for (i, c) in self.line_text(line).char_indices() {
            if units >= column {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        start + self.line_text(line).len()
    }

    /// The byte offset of a 0-based line and UTF-8 byte column; clamps to the line.
    pub fn offset_of_utf8(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.starts().get(line as usize) else {
            return self.text.len();
        };
        let line = line as usize;
        self.floor(start + (column as usize).min(self.line_text(line).len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let index = LineIndex::new("ab\n营收 x\n");
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        let x = "ab\n营收 x".find('x').unwrap();
        assert_eq!(index.line_col(x), LineCol { line: 2, column: 4 });
        assert_eq!(index.utf16_position(x), (1, 3));
        assert_eq!(index.offset_of_utf16(1, 3), x);
    }

    #[test]
    fn crlf_lines_and_astral_characters() {
        let text = "a\r\n😀b\r\n";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(index.line_col(b), LineCol { line: 2, column: 2 });
        assert_eq!(index.utf16_position(b), (1, 2));
        assert_eq!(index.line_text(0), "a");
        assert_eq!(index.offset_of_utf16(1, 2), b);
    }

    #[test]
    fn a_lone_cr_ends_a_line() {
        let text = "a\rb\r\nc\n\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 5);
        let lines: Vec<&str> = (0..5).map(|l| index.line_text(l)).collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        let b = text.find('b').unwrap();
        assert_eq!(index.line_col(b), LineCol { line: 2, column: 1 });
        // Between the `\r` and the `\n` of a pair: still the end of line 2.
        assert_eq!(index.line_col(b + 2), LineCol { line: 2, column: 2 });
        let d = text.find('d').unwrap();
        assert_eq!(index.line_col(d), LineCol { line: 5, column: 1 });
        assert_eq!(index.utf16_position(d), (4, 0));
        assert_eq!(index.offset_of_utf16(4, 0), d);
    }

    #[test]
    fn offsets_inside_a_character_snap_down() {
        let index = LineIndex::new("营");
        assert_eq!(index.line_col(1), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(99), LineCol { line: 1, column: 2 });
    }
}
