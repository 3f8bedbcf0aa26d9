//! The formatter's own safety net: the formatted text must hold the same
//! comments as the original, and parse into the same words in the same order.

use super::comments::{self, Comment};
use super::words::{self, ItemWords};

/// The same comments, byte for byte (a line comment's trailing whitespace
/// aside). Cheap: it also catches code swallowed by a misplaced comment.
pub(super) fn same_comments(
    original: &str,
    original_comments: &[Comment],
    formatted: &str,
) -> Result<(), String> {
    let formatted_comments = comments::scan(formatted);
    if comment_texts(original, original_comments) != comment_texts(formatted, &formatted_comments) {
        return Err("a comment would be lost or changed".into());
    }
    Ok(())
}

/// The formatted text parses, into the same items with the same words in
/// the same order.
pub(super) fn same_plan(
    original: &str,
    items: &[ItemWords],
    formatted: &str,
) -> Result<(), String> {
    let (file, errors) = crate::syntax::parse(formatted);
    if !errors.is_empty() {
        return Err("the formatted text does not parse".into());
    }
    let formatted_comments = comments::scan(formatted);
    let formatted_items = words::items(formatted, &file, &formatted_comments);
    let before = item_texts(original, items);
    let after = item_texts(formatted, &formatted_items);
    if before.len() != after.len() {
        return Err("the number of items would change".into());
    }
    if let Some((words, _)) = before.iter().zip(&after).find(|(a, b)| a != b) {
        return Err(format!("the words of `{}` would change", words.join(" ")));
    }
    Ok(())
}

/// Comment texts, sorted: a comment may move (say, out of the middle of an
/// attribute) but never change or disappear.
fn comment_texts<'a>(text: &'a str, comments: &[Comment]) -> Vec<&'a str> {
    let mut texts: Vec<&str> = comments.iter().map(|c| c.text(text)).collect();
    texts.sort_unstable();
    texts
}

/// Each item's words as written.
fn item_texts<'a>(text: &'a str, items: &[ItemWords]) -> Vec<Vec<&'a str>> {
    items
        .iter()
        .map(|item| {
            item.units()
                .iter()
                .flat_map(|unit| &unit.words)
                .map(|w| &text[w.span.start()..w.span.end()])
                .collect()
        })
        .collect()
}
