//! A cheap pre-scan that finds where items probably begin, so that the
//! parser can read a large file in pieces, in parallel.
//!
//! A candidate is a line whose first word is an item word (the words of
//! [`ItemKind`], the one list), outside block comments and strings. The
//! scan is a hint, never trusted: the parallel parse (`super::parse_range`)
//! checks that the sequential parse would begin an item exactly at each
//! candidate it uses, and re-reads a piece in order where it would not. A
//! wrong candidate costs time, never a different result.

use super::ast::ItemKind;
use std::ops::Range;

/// Candidates in `text[range]` (after `range.start`), each at least `gap`
/// bytes after the previous one, so that the pieces between them are worth
/// a task each; and, from the same pass, how many items of each kind the
/// range probably holds.
///
/// A range of `split` bytes or more is scanned in two halves at once, the
/// second from a line's end past the middle as if no block comment were
/// open there: where one is, the second half's candidates are wrong, which
/// the parse finds and pays for in time only.
pub(super) fn item_starts(
    text: &str,
    range: Range<usize>,
    gap: usize,
    split: usize,
) -> (Vec<usize>, ItemCounts) {
    let bytes = &text.as_bytes()[..range.end];
    let mut counts = ItemCounts::default();
    if let Some(kind) = item_word_at(bytes, skip_blanks(bytes, range.start)) {
        counts.0[kind as usize] += 1;
    }
    let middle = range.start + range.len() / 2;
    let seam = (range.len() >= split.max(1))
        .then(|| bytes[middle..].iter().position(|&b| b == b'\n'))
        .flatten()
        .map(|at| middle + at);
    let Some(seam) = seam else {
        let starts = candidates(bytes, range, gap, &mut counts);
        return (starts, counts);
    };
    let mut later = ItemCounts::default();
    let (mut starts, rest) = rayon::join(
        || candidates(bytes, range.start..seam, gap, &mut counts),
        || candidates(bytes, seam..range.end, gap, &mut later),
    );
    counts.add(&later);
    // The second half's first candidates may be too near the first's last.
    let last = starts.last().copied().unwrap_or(range.start);
    starts.extend(
        rest.into_iter()
            .skip_while(|&j| j < last.saturating_add(gap)),
    );
    (starts, counts)
}

/// How long a range is scanned in two halves at once ([`item_starts`]):
/// long enough that the second thread costs little beside it.
pub(super) const SPLIT: usize = 4 * 1024 * 1024;

/// [`item_starts`] in `bytes[range]`, in one pass, counting into `counts`.
fn candidates(
    bytes: &[u8],
    range: Range<usize>,
    gap: usize,
    counts: &mut ItemCounts,
) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut last = range.start;
    line_starts(bytes, range, |j| {
        if let Some(kind) = item_word_at(bytes, j) {
            counts.0[kind as usize] += 1;
            if j >= last.saturating_add(gap) {
                starts.push(j);
                last = j;
            }
        }
    });
    starts
}

/// How many items of each kind a text probably holds (lines starting with
/// an item word, outside comments and strings, as [`item_starts`] finds
/// them): a hint to size the model's lists once, never trusted.
#[cfg(test)]
fn item_counts(text: &str) -> ItemCounts {
    item_starts(text, 0..text.len(), usize::MAX, SPLIT).1
}

/// Items of each kind, as the pre-scan guesses them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemCounts([usize; ItemKind::ALL.len()]);

impl ItemCounts {
    pub fn of(&self, kind: ItemKind) -> usize {
        self.0[kind as usize]
    }

    /// Both files' counts together.
    pub fn add(&mut self, other: &ItemCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }
}

/// Calls `at` with the place of each line's first non-blank character in
/// `bytes[range]` (after the range's start, which is not a line start of
/// its own), outside block comments and strings.
fn line_starts(bytes: &[u8], range: Range<usize>, mut at: impl FnMut(usize)) {
    let bytes = &bytes[..range.end];
    let mut i = range.start;
    let mut line_start = false;
    while i < bytes.len() {
        if line_start {
            line_start = false;
            let j = skip_blanks(bytes, i);
            at(j);
            i = j;
            continue;
        }
        match bytes[i] {
            b'\n' | b'\r' => {
                i += 1;
                line_start = true;
            }
            b'"' => i = string_end(bytes, i + 1, b"\""),
            // `“`: a curly string ends at `”`.
            0xE2 if bytes[i..].starts_with("“".as_bytes()) => {
                i = string_end(bytes, i + 3, "”".as_bytes());
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                match find(&bytes[i + 2..], b"*/") {
                    Some(end) => i += 2 + end + 2,
                    // Unclosed: the rest is one piece.
                    None => break,
                }
                // A comment's end is not a line's start, even after a newline.
            }
            // Most bytes are none of the above: pass them in a tight loop.
            _ => {
                i += 1;
                while i < bytes.len() && !STOPS[usize::from(bytes[i])] {
                    i += 1;
                }
            }
        }
    }
}

/// The bytes `line_starts` stops at: line ends, quotes, a slash, and the
/// first byte of `“`.
const STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut k = 0;
    let bytes = [b'\n', b'\r', b'"', b'/', 0xE2];
    while k < bytes.len() {
        stops[bytes[k] as usize] = true;
        k += 1;
    }
    stops
};

/// The first place at or after `i` that is not a space or a tab.
fn skip_blanks(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    i
}

/// Where the string whose text starts at `i` ends: after its closing
/// `close`, or at the end of the line (a string never spans lines).
fn string_end(bytes: &[u8], mut i: usize, close: &[u8]) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => return i,
            b'\\' if bytes.get(i + 1).is_some_and(|&b| b != b'\n' && b != b'\r') => i += 2,
            _ if bytes[i..].starts_with(close) => return i + close.len(),
            _ => i += 1,
        }
    }
    i
}

/// The item word that starts at `j`, as a whole word, if one does.
fn item_word_at(bytes: &[u8], j: usize) -> Option<ItemKind> {
    let mut k = j;
    while k < bytes.len() && bytes[k].is_ascii_lowercase() {
        k += 1;
    }
    // A longer word (or one going on in non-ASCII letters) is no item word.
    let whole = bytes
        .get(k)
        .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80));
    if !whole || k == j {
        return None;
    }
    std::str::from_utf8(&bytes[j..k])
        .ok()
        .and_then(ItemKind::from_keyword)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::item_starts;

    fn starts(text: &str) -> Vec<usize> {
        item_starts(text, 0..text.len(), 0, super::SPLIT).0
    }

    #[test]
    fn finds_item_words_at_line_starts() {
        let text = "goal a {}\n  battle b {}\ntactic_x\nbattles\n\ttactic t {}";
        assert_eq!(starts(text), vec![12, 42]);
    }

    #[test]
    fn skips_comments_and_strings() {
        let text = "/* x\nbattle a {}\n*/\ngoal g { owner \"a /* \"\n}\n// \nbattle b {}\n";
        let (g, b) = (text.find("goal g").unwrap(), text.find("battle b").unwrap());
        assert_eq!(starts(text), vec![g, b]);
        let text = "goal g { owner \"a\\\" /*\"\n}\nbattle b {}\n";
        assert_eq!(starts(text), vec![text.find("battle b").unwrap()]);
        let text = "goal g {} /* never closed\nbattle b {}\n";
        assert!(starts(text).is_empty());
        let text = "goal g { owner “/*” }\nbattle b {}\n";
        assert_eq!(starts(text), vec![text.find("battle b").unwrap()]);
    }

    #[test]
    fn counts_items_by_kind() {
        use super::super::ast::ItemKind;
        let text = "battle a {}\n/* tactic x\n*/\ngoal g { owner \"a\n  tactic t {}\n// tactic y\n  tactic u {}\n";
        let counts = super::item_counts(text);
        assert_eq!(counts.of(ItemKind::Battle), 1);
        assert_eq!(counts.of(ItemKind::Goal), 1);
        // The string ends at its line's end; the commented ones are not counted.
        assert_eq!(counts.of(ItemKind::Tactic), 2);
        assert_eq!(counts.of(ItemKind::Metric), 0);
        let generated = crate::testing::plan_with_checkins(50, 4);
        let counts = super::item_counts(&generated);
        let (file, _) = super::super::parse(&generated);
        for kind in ItemKind::ALL {
            let parsed = file.items.iter().filter(|i| i.kind == kind).count();
            assert_eq!(counts.of(kind), parsed, "{kind:?}");
        }
    }

    #[test]
    fn keeps_the_gap() {
        let text = "battle a {}\nbattle b {}\nbattle c {}\nbattle d {}\n";
        assert_eq!(
            item_starts(text, 0..text.len(), 20, super::SPLIT).0,
            vec![24]
        );
    }

    /// Scanned in two halves, a text gives the candidates and counts of one
    /// pass (where no block comment is open at the seam), and keeps the gap
    /// across the seam.
    #[test]
    fn two_halves_are_one_pass() {
        let text = crate::testing::plan(60);
        let whole = item_starts(&text, 0..text.len(), 0, usize::MAX);
        assert_eq!(item_starts(&text, 0..text.len(), 0, 0), whole);
        assert_eq!(
            item_starts(&text, 10..text.len() - 10, 0, 0),
            item_starts(&text, 10..text.len() - 10, 0, usize::MAX)
        );
        // Counting only: no candidate is ever far enough from the last.
        let counted = item_starts(&text, 0..text.len(), usize::MAX, 0);
        assert_eq!(counted, (Vec::new(), whole.1));
        for gap in [100, 1000, 5000] {
            let (halves, counts) = item_starts(&text, 0..text.len(), gap, 0);
            assert_eq!(counts, whole.1);
            assert!(halves.windows(2).all(|w| w[1] >= w[0] + gap), "gap {gap}");
            assert!(halves.iter().all(|j| whole.0.contains(j)));
            assert!(
                halves.len() >= text.len() / gap / 2,
                "gap {gap}: {} cuts",
                halves.len()
            );
        }
    }
}
