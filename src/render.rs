//! Diagnostics for people and for machines. Each format is one file; all
//! read the neutral [`Diagnostic`](crate::Diagnostic) and a [`Source`].

pub mod github;
#[cfg(feature = "cli")]
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use crate::sources::{Lines, SourceMap};
use crate::Diagnostic;

/// One checked plan: its files (one, or a root and the files it includes),
/// its text and its diagnostics. Spans are global offsets into `text`
/// ([`crate::sources`]); `lines` finds each place's own file.
pub struct Source<'a> {
    /// The root file's name as given.
    pub name: &'a str,
    /// The plan's text: every file end to end.
    pub text: &'a str,
    pub lines: Lines<'a>,
    pub diagnostics: &'a [Diagnostic],
    /// The language of planc's own words around the diagnostics (`help`,
    /// the summary); the diagnostics are already worded in it.
    pub lang: crate::lang::Lang,
}

impl<'a> Source<'a> {
    /// A plan of one file.
    pub fn new(name: &'a str, text: &'a str, diagnostics: &'a [Diagnostic]) -> Source<'a> {
        Source {
            name,
            text,
            lines: Lines::one(name, text),
            diagnostics,
            lang: crate::lang::Lang::En,
        }
    }

    /// A plan of one or several files.
    pub fn plan(map: &'a SourceMap, diagnostics: &'a [Diagnostic]) -> Source<'a> {
        Source {
            name: map.files().first().map_or("", |f| f.name.as_str()),
            text: map.text(),
            lines: Lines::of(map),
            diagnostics,
            lang: crate::lang::Lang::En,
        }
    }

    /// How many files the plan has.
    pub fn file_count(&self) -> usize {
        self.lines.parts().len()
    }

    pub fn with_lang(mut self, lang: crate::lang::Lang) -> Source<'a> {
        self.lang = lang;
        self
    }
}

/// Text from a plan made safe to print on a terminal or in a CI log: every
/// control character (C0, DEL and C1, which terminals act on: ESC starts a
/// command, BEL rings, CR rewinds the line) and every bidirectional override
/// (which reorders what is shown) becomes a visible escape such as `\u{1b}`.
/// Tab stays; `\n` stays when `keep_newlines` (planc's own multi-line
/// messages), and is escaped otherwise.
pub fn visible(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t' && !(keep_newlines && c == '\n'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(visible("营收\tok", false), "营收\tok");
        assert_eq!(visible("a\u{1b}[2Jb\u{7}", false), "a\\u{1b}[2Jb\\u{7}");
        assert_eq!(visible("a\r\nb\0", true), "a\\u{d}\nb\\u{0}");
        assert_eq!(visible("a\nb", false), "a\\u{a}b");
        assert_eq!(visible("\u{9b}31m\u{202e}x", false), "\\u{9b}31m\\u{202e}x");
    }
}
