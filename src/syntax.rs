//! Text to syntax tree, with recovery at item boundaries.

pub mod ast;
mod build;
mod error;
mod expected;
mod hint;
mod parser;
mod scan;
pub mod shift;

pub(crate) use build::{ascii_string, is_curly};
pub use error::SyntaxError;
pub use parser::Rule;
pub use scan::ItemCounts;

use crate::span::Span;
use ast::{Broken, File, Ident, ItemKind};
use parser::PlanParser;
use pest::Parser;

/// Parse a whole file. Never fails: every region that is not a well-formed
/// item becomes a [`Broken`] entry and a [`SyntaxError`] that says, in words,
/// what was expected at the offending token.
pub fn parse(text: &str) -> (File, Vec<SyntaxError>) {
    let mut items = Vec::new();
    let (broken, errors) = parse_each(text, |item| items.push(item));
    (File { items, broken }, errors)
}

/// Parse a whole file, handing each item to `on_item` as soon as it is read,
/// so a caller that lowers items one by one never holds the whole tree.
/// Returns the broken regions and the syntax errors.
pub fn parse_each(text: &str, on_item: impl FnMut(ast::Item)) -> (Vec<Broken>, Vec<SyntaxError>) {
    parse_scanned(text, scan(text), on_item)
}

/// What the pre-scan of a text found: where the parallel parse may cut it,
/// and how many items of each kind it probably holds ([`Scan::counts`]), so
/// that a caller can make room for them before the first item arrives.
pub struct Scan {
    cuts: Vec<usize>,
    counts: ItemCounts,
}

impl Scan {
    /// The items of each kind, as the scan guesses them: a hint.
    pub fn counts(&self) -> &ItemCounts {
        &self.counts
    }
}

/// The pre-scan of a whole text (a long one in two halves at once).
pub fn scan(text: &str) -> Scan {
    scan_range(text, 0..text.len(), PIECE, scan::SPLIT)
}

/// The scan of `text[range]` for pieces of at least `piece` bytes, in two
/// halves at once from `split` bytes.
fn scan_range(text: &str, range: std::ops::Range<usize>, piece: usize, split: usize) -> Scan {
    let mut cuts = vec![range.start];
    let (starts, counts) = scan::item_starts(text, range, piece, split);
    cuts.extend(starts);
    Scan { cuts, counts }
}

/// [`parse_each`] with the text's scan done already.
pub fn parse_scanned(
    text: &str,
    scan: Scan,
    on_item: impl FnMut(ast::Item),
) -> (Vec<Broken>, Vec<SyntaxError>) {
    parse_pieces(text, 0..text.len(), scan.cuts, on_item)
}

/// How many bytes a piece read by one task holds at least: large enough
/// that a task costs little beside it, small enough for both cores.
const PIECE: usize = 64 * 1024;
/// How many pieces are read (in parallel) ahead of the one whose items are
/// handed on (in order, on the caller's thread), per thread: the syntax
/// trees held at once are these pieces'.
const PIECES_PER_THREAD: usize = 4;

/// [`parse_each`] over `text[range]`, with spans in the whole text.
///
/// The range is cut into pieces at the places where an item probably
/// begins ([`scan::item_starts`]); the pieces parse in parallel, and their
/// items, broken regions and errors are handed on in source order, while
/// the next pieces parse. A piece is used only if the sequential parse
/// would begin an item exactly where the piece begins; where it would not
/// (an item or a broken region runs over the cut), the text is read again
/// in order from where the sequential parse is. So the result is the
/// sequential parse's, whatever the cuts.
fn parse_range(
    text: &str,
    range: std::ops::Range<usize>,
    on_item: impl FnMut(ast::Item),
) -> (Vec<Broken>, Vec<SyntaxError>) {
    let cuts = scan_range(text, range.clone(), PIECE, scan::SPLIT).cuts;
    parse_pieces(text, range, cuts, on_item)
}

/// [`parse_range`] in the pieces that begin at `cuts` (the first is the
/// range's start).
fn parse_pieces(
    text: &str,
    range: std::ops::Range<usize>,
    cuts: Vec<usize>,
    mut on_item: impl FnMut(ast::Item),
) -> (Vec<Broken>, Vec<SyntaxError>) {
    let end = range.end;
    let limit = |k: usize| cuts.get(k + 1).copied().unwrap_or(end);
    let mut broken = Vec::new();
    let mut errors = Vec::new();
    // Where the sequential parse begins its next item; `None` once it ended.
    let mut next = Some(range.start);
    let mut take = |k: usize, mut piece: Piece| {
        let Some(at) = next else { return };
        if at >= limit(k) {
            return; // the sequential parse is past this piece
        }
        if at != cuts[k] {
            // Out of step: read this piece again from where the
            // sequential parse is.
            piece = Piece::read(text, at, limit(k), end);
        }
        piece.items.into_iter().for_each(&mut on_item);
        broken.extend(piece.broken);
        errors.extend(piece.errors);
        next = piece.next;
    };
    // One piece; or called from a task of rayon's pool itself, whose
    // thread must not wait for tasks it might be the one to run.
    if cuts.len() == 1 || rayon::current_thread_index().is_some() {
        take(0, Piece::read(text, range.start, end, end));
        return (broken, errors);
    }
    // Each piece parses as a task of its own on rayon's threads, at most
    // `window` ahead of the piece this thread hands on; this thread takes
    // them in order, each as soon as it is read. No batch waits for its
    // slowest piece, and only the window's trees exist at once.
    let window = PIECES_PER_THREAD * rayon::current_num_threads().max(1);
    rayon::in_place_scope(|scope| {
        let mut pending = std::collections::VecDeque::with_capacity(window);
        let mut spawned = 0;
        for k in 0..cuts.len() {
            while spawned < cuts.len() && spawned < k + window {
                let (send, receive) = std::sync::mpsc::sync_channel::<Piece>(1);
                let (from, to) = (cuts[spawned], limit(spawned));
                scope.spawn(move |_| {
                    // The reader may have stopped; then nobody waits for it.
                    let _ = send.send(Piece::read(text, from, to, end));
                });
                pending.push_back(receive);
                spawned += 1;
            }
            // A task that panicked sent nothing: stop here, and the scope
            // hands its panic on.
            let Some(Ok(piece)) = pending.pop_front().map(|r| r.recv()) else {
                break;
            };
            take(k, piece);
        }
    });
    (broken, errors)
}

/// What the sequential parse reads from one place to the next item that
/// begins at or after a limit.
struct Piece {
    items: Vec<ast::Item>,
    broken: Vec<Broken>,
    errors: Vec<SyntaxError>,
    /// Where the next item (or broken region) begins, at or after the
    /// limit; `None` where the parse ended.
    next: Option<usize>,
}

impl Piece {
    /// Parse `text[..end]` from `from`, where an item (or a broken region,
    /// or spaces before one) begins, until an item begins at `limit` or later.
    fn read(text: &str, from: usize, limit: usize, end: usize) -> Piece {
        let mut piece = Piece {
            items: Vec::new(),
            broken: Vec::new(),
            errors: Vec::new(),
            next: None,
        };
        let mut at = from;
        // One item at a time (`next_item` in the grammar): pest keeps one
        // item's tokens in memory, not the whole piece's.
        while at < end {
            let rest = &text[at..end];
            let next = match PlanParser::parse(Rule::next_item, rest) {
                Ok(mut pairs) => pairs.next(),
                // `next_item` accepts any text (see `broken` in the grammar);
                // this is a safety net, not a path users should ever see.
                Err(e) => {
                    let from = at + error::pest_position(&e);
                    let error = SyntaxError::unreadable(text, Span::new(from, end));
                    piece.errors.push(error);
                    piece.broken.push(Broken {
                        span: Span::new(at, end),
                        kind: None,
                        name: None,
                    });
                    break;
                }
            };
            let Some(next) = next else { break };
            let next_end = at + next.as_span().end();
            let Some(pair) = next.into_inner().next() else {
                break;
            };
            let start = at + pair.as_span().start();
            if start >= limit && pair.as_rule() != Rule::EOI {
                piece.next = Some(start);
                break;
            }
            match pair.as_rule() {
                Rule::broken => {
                    let span = Span::from(pair.as_span()).shifted(at);
                    piece.errors.push(reparse_broken(text, span));
                    piece.broken.push(broken_head(text, span));
                }
                rule if build::is_item(rule) => {
                    let mut item = build::item(pair);
                    shift::item(&mut item, at);
                    piece.items.push(item);
                }
                _ => break, // the end of the file
            }
            if next_end <= at {
                break;
            }
            at = next_end;
        }
        piece
    }
}

/// [`parse`] read as one piece, in order, on this thread: what [`parse`]
/// must equal whatever the cuts (the tests and the `parallel` fuzz target
/// compare the two).
#[doc(hidden)]
pub fn parse_sequential(text: &str) -> (File, Vec<SyntaxError>) {
    let piece = Piece::read(text, 0, text.len(), text.len());
    let file = File {
        items: piece.items,
        broken: piece.broken,
    };
    (file, piece.errors)
}

/// [`parse`] cut into pieces of at least `piece` bytes (`1`: at every
/// place an item may begin), its scan in two halves however short the
/// text, for the tests and the fuzz target.
#[doc(hidden)]
pub fn parse_in_pieces(text: &str, piece: usize) -> (File, Vec<SyntaxError>) {
    let mut items = Vec::new();
    let cuts = scan_range(text, 0..text.len(), piece, 0).cuts;
    let (broken, errors) = parse_pieces(text, 0..text.len(), cuts, |item| items.push(item));
    (File { items, broken }, errors)
}

/// The items of `text[range]` with their spans in the whole `text`, and the
/// syntax errors there: what [`parse`] finds in that range when it starts and
/// ends at item boundaries. The language server re-parses only the items
/// that changed (src/lsp/incremental.rs).
pub fn parse_region(text: &str, range: std::ops::Range<usize>) -> (File, Vec<SyntaxError>) {
    let mut items = Vec::new();
    let (broken, errors) = parse_range(text, range, |item| items.push(item));
    (File { items, broken }, errors)
}

/// Re-parse a broken region alone, to find the precise error inside it.
fn reparse_broken(text: &str, span: Span) -> SyntaxError {
    let slice = &text[span.start()..span.end()];
    match PlanParser::parse(Rule::item_alone, slice) {
        Err(e) => error::from_pest(text, span.start(), &e),
        // The region parses alone but not in place: something around it is off.
        Ok(_) => SyntaxError::unreadable(text, span),
    }
}

/// What can still be read of a broken item's head: `battle fission …`.
fn broken_head(text: &str, span: Span) -> Broken {
    let slice = &text[span.start()..span.end()];
    let keyword = slice.trim_start();
    let lead = slice.len() - keyword.len();
    let first_word = keyword
        .split(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    let kind = ItemKind::from_keyword(first_word);
    let mut name = None;
    if let Some(kind) = kind {
        let rest = &keyword[kind.keyword().len()..];
        let trimmed = rest.trim_start();
        let id: String = trimmed.chars().take_while(|&c| is_word_char(c)).collect();
        let starts_ok = id
            .chars()
            .next()
            .is_some_and(|c| c == '_' || unicode_xid::UnicodeXID::is_xid_start(c));
        if starts_ok && ItemKind::from_keyword(&id).is_none() {
            let start = span.start() + lead + kind.keyword().len() + (rest.len() - trimmed.len());
            name = Some(Ident {
                span: Span::new(start, start + id.len()),
                name: id.into(),
            });
        }
    }
    Broken { span, kind, name }
}

/// A character that can continue a name (Unicode XID, or `_`).
pub(crate) fn is_word_char(c: char) -> bool {
    c == '_' || unicode_xid::UnicodeXID::is_xid_continue(c)
}

/// Where the word that ends `text` starts (`text.len()` when it ends in
/// no word character).
pub(crate) fn trailing_word_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    /// Damage that moves item boundaries: unclosed and closed comments and
    /// strings, broken heads, stray braces, item words mid-line.
    const DAMAGE: &[&str] = &[
        "/*",
        "*/",
        "\"",
        "“",
        "”",
        "//",
        "{",
        "}",
        "\nbattle ",
        "\ntactic x {",
        "\r",
        "\n/* battle b {} */\n",
        "goal",
        "\n  path p \"",
        "\\",
        "\n\n",
        "元",
        "¥",
    ];

    fn agree(text: &str) {
        let sequential = format!("{:?}", super::parse_sequential(text));
        for piece in [1, 7, 200] {
            let parallel = format!("{:?}", super::parse_in_pieces(text, piece));
            assert_eq!(parallel, sequential, "pieces of {piece} on {text:?}");
        }
        assert_eq!(format!("{:?}", super::parse(text)), sequential);
    }

    /// Called from a task of a rayon pool of one thread, the parse must
    /// not wait for pieces that only that thread could read.
    #[test]
    fn parses_inside_a_rayon_task() {
        let text = crate::testing::plan(300);
        assert!(text.len() > 2 * super::PIECE, "several pieces");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool");
        let inside = pool.install(|| format!("{:?}", super::parse(&text)));
        assert_eq!(inside, format!("{:?}", super::parse_sequential(&text)));
    }

    #[test]
    fn the_parallel_parse_is_the_sequential_one_on_generated_plans() {
        agree(&crate::testing::plan(40));
        agree(&crate::testing::untidy(&crate::testing::plan(20)));
    }

    #[test]
    fn the_parallel_parse_is_the_sequential_one_on_damaged_plans() {
        let plan = crate::testing::plan(3);
        // A small deterministic generator: every damage at many places.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for round in 0..400 {
            let mut text = plan.clone();
            for _ in 0..1 + round % 4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let mut at = (seed as usize >> 8) % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, DAMAGE[(seed as usize) % DAMAGE.len()]);
            }
            agree(&text);
        }
    }
}
