//! planc fmt on any text: it either refuses (syntax errors, never its own
//! bug) or returns text that formats to itself (idempotent), means the same
//! (same diagnostics), and keeps every comment. Run it with `-a` (debug
//! assertions): the layout is then made two items at a time and compared
//! with the whole layout.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn comments(text: &str) -> Vec<String> {
    // The formatter's own guarantee is byte-for-byte comments; here, the
    // comment texts are compared as a multiset of trimmed lines.
    let mut found: Vec<String> = Vec::new();
    // The quote that ends the string being read: `"`, or `”` for a string
    // typed on a Chinese keyboard (`“…”`).
    let mut closing: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let in_string = closing.is_some();
        match c {
            '"' | '“' if !in_string => closing = Some(if c == '"' { '"' } else { '”' }),
            _ if closing == Some(c) => closing = None,
            '\\' if in_string => {
                chars.next();
            }
            // A line ends at `\n`, `\r\n` or a lone `\r` (LANGUAGE.md).
            '\n' | '\r' => closing = None,
            '/' if !in_string && text[i..].starts_with("//") => {
                let end = text[i..].find(['\n', '\r']).map_or(text.len(), |e| i + e);
                found.push(text[i..end].trim_end().to_string());
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
            }
            '/' if !in_string && text[i..].starts_with("/*") => {
                let end = text[i + 2..].find("*/").map_or(text.len(), |e| i + 2 + e + 2);
                found.push(text[i..end].to_string());
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let once = match planc::format::format(text) {
        Ok(once) => once,
        // A refusal must be the plan's syntax errors, never the formatter
        // finding its own result wrong (built with `-a`, that includes the
        // layout a few items at a time differing from the whole layout).
        Err(diagnostics) => {
            let bug = diagnostics
                .iter()
                .find(|d| d.message.starts_with("planc could not format"));
            assert!(bug.is_none(), "formatter bug: {}", bug.map_or("", |d| d.message.as_str()));
            return;
        }
    };
    let twice = planc::format::format(&once).expect("formatted text parses");
    assert_eq!(once, twice, "not idempotent");
    let before: Vec<(planc::Code, String)> =
        planc::analyze(text, &[]).diagnostics.into_iter().map(|d| (d.code, d.message)).collect();
    let after: Vec<(planc::Code, String)> =
        planc::analyze(&once, &[]).diagnostics.into_iter().map(|d| (d.code, d.message)).collect();
    assert_eq!(before, after, "meaning changed");
    assert_eq!(comments(text).len(), comments(&once).len(), "a comment was lost");
});
