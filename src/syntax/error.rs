//! Syntax errors, in the user's words.

use super::ast::{AttrKey, ItemKind};
use super::expected::{attribute_list, attrs_rule_kind, describe, one_of};
use super::parser::Rule;
use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use crate::suggest::closest;
use pest::error::{ErrorVariant, InputLocation};

mod zh;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxError {
    /// Something else was expected at this token.
    Expected {
        span: Span,
        expected: Vec<String>,
        found: String,
        help: Option<&'static str>,
        /// The grammar rules `expected` and `help` were worded from, for
        /// the other languages' words (`error/zh.rs`).
        rules: Vec<Rule>,
    },
    /// A word in a block that is not one of its attributes.
    UnknownAttribute {
        span: Span,
        kind: ItemKind,
        word: String,
        suggestion: Option<&'static str>,
        belongs_to: Vec<ItemKind>,
    },
    /// The next item starts before this one's `}`.
    Unclosed {
        span: Span,
        kind: ItemKind,
        next: String,
        opened: Span,
    },
    UnclosedString {
        span: Span,
        /// The quote that would close it: `"` or `”`.
        close: char,
    },
    BadEscape {
        span: Span,
        escape: String,
    },
    UnclosedComment {
        span: Span,
    },
    /// Text that cannot be read as an item at all.
    Unreadable {
        span: Span,
    },
    /// `2026-06-01 ~ 2026-06-30`: a window joined by something else than `..`.
    WindowDash {
        span: Span,
        dash: String,
        /// The window as it should be written.
        example: String,
    },
    /// `¥4,000,000`: commas between groups of digits.
    GroupedNumber {
        span: Span,
        written: String,
        /// `¥400万`, `¥4_000_000`.
        suggestions: Vec<String>,
    },
    /// `battle 618`: a name that starts with a digit.
    DigitName {
        span: Span,
        written: String,
        suggestion: String,
        /// The name is being defined (`battle 618`), not referred to (`for 618`).
        defines: bool,
    },
    /// `owner："张三"`: a colon after an attribute.
    Colon {
        span: Span,
        colon: char,
        /// The attribute before it, if it is one.
        attr: Option<String>,
        /// The line as it should be written.
        example: Option<String>,
    },
    /// `400万元`: yuan without `¥`.
    BareYuan {
        span: Span,
        written: String,
        suggestion: String,
    },
}

impl SyntaxError {
    pub fn unreadable(text: &str, span: Span) -> SyntaxError {
        let start = skip_trivia(text, span.start());
        SyntaxError::Unreadable {
            span: token_at(text, start).0,
        }
    }

    /// Move every place of this error by `by` bytes (an error found in
    /// one file of a plan, placed in the plan's whole text).
    pub fn shift(&mut self, by: usize) {
        match self {
            SyntaxError::Unclosed { span, opened, .. } => {
                *span = span.shifted(by);
                *opened = opened.shifted(by);
            }
            SyntaxError::Expected { span, .. }
            | SyntaxError::UnknownAttribute { span, .. }
            | SyntaxError::UnclosedString { span, .. }
            | SyntaxError::BadEscape { span, .. }
            | SyntaxError::UnclosedComment { span }
            | SyntaxError::Unreadable { span }
            | SyntaxError::WindowDash { span, .. }
            | SyntaxError::GroupedNumber { span, .. }
            | SyntaxError::DigitName { span, .. }
            | SyntaxError::Colon { span, .. }
            | SyntaxError::BareYuan { span, .. } => *span = span.shifted(by),
        }
    }

    pub fn span(&self) -> Span {
        match self {
            SyntaxError::Expected { span, .. }
            | SyntaxError::UnknownAttribute { span, .. }
            | SyntaxError::Unclosed { span, .. }
            | SyntaxError::UnclosedString { span, .. }
            | SyntaxError::BadEscape { span, .. }
            | SyntaxError::UnclosedComment { span }
            | SyntaxError::Unreadable { span }
            | SyntaxError::WindowDash { span, .. }
            | SyntaxError::GroupedNumber { span, .. }
            | SyntaxError::DigitName { span, .. }
            | SyntaxError::Colon { span, .. }
            | SyntaxError::BareYuan { span, .. } => *span,
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::new(Code::Syntax, self.span(), "");
        match self {
            SyntaxError::Expected { expected, found, help, .. } => {
                let expected = one_of(expected.clone());
                Diagnostic { message: format!("expected {expected}, found {found}"), ..d }
                    .with_span_label(format!("expected {expected}"))
                    .with_help(help.unwrap_or("Fix the text here; docs/language.md shows every form planc reads, and `planc explain syntax` has examples."))
            }
            SyntaxError::UnknownAttribute { kind, word, suggestion, belongs_to, .. } => {
                let kind_name = kind.keyword();
                let mut d = Diagnostic { message: format!("`{word}` is not an attribute of {}", kind.a()), ..d }
                    .with_span_label("unknown attribute");
                d.help = match (suggestion, belongs_to.first()) {
                    (Some(s), _) => format!("Did you mean `{s}`? A {kind_name} takes: {}.", attribute_list(*kind)),
                    (None, Some(other)) => format!(
                        "`{word}` belongs in {}, not in {}. A {kind_name} takes: {}.",
                        other.a(),
                        kind.a(),
                        attribute_list(*kind)
                    ),
                    (None, None) => format!("A {kind_name} takes: {}.", attribute_list(*kind)),
                };
                d
            }
            SyntaxError::Unclosed { kind, next, opened, .. } => Diagnostic {
                message: format!("this {} is not closed: expected `}}` before `{next}`", kind.keyword()),
                ..d
            }
            .with_span_label("the next item starts here")
            .with_label(*opened, format!("the {} starts here", kind.keyword()))
            .with_help(format!("Add `}}` at the end of the {}, before the next item.", kind.keyword())),
            SyntaxError::UnclosedString { close, .. } => Diagnostic { message: format!("this text has no closing `{close}`"), ..d }
                .with_span_label("the text starts here")
                .with_help(format!("End the text with `{close}` on the same line; a text may not span lines. Write `\\n` for a line break.")),
            SyntaxError::BadEscape { escape, .. } => Diagnostic { message: format!("`{escape}` is not an escape planc knows"), ..d }
                .with_span_label("unknown escape")
                .with_help("Inside a text, write `\\\"` for a quote, `\\\\` for a backslash, `\\n` for a line break, `\\t` for a tab or `\\u{4E07}` for any character."),
            SyntaxError::UnclosedComment { .. } => Diagnostic { message: "this comment is never closed".into(), ..d }
                .with_span_label("the comment starts here")
                .with_help("End the comment with `*/`, or use `//` for a comment to the end of the line."),
            SyntaxError::Unreadable { .. } => Diagnostic { message: "this text cannot be read as an item".into(), ..d }
                .with_span_label("not an item")
                .with_help("Items start with plan, positioning, resource, metric, goal, path, battle, tactic or checkin."),
            SyntaxError::WindowDash { dash, example, .. } => Diagnostic {
                message: format!("a window's two dates are joined by `..`, not `{dash}`"),
                ..d
            }
            .with_span_label("write `..` here")
            .with_help(format!("Write a window as `a .. b`, both dates included: `{example}`.")),
            SyntaxError::GroupedNumber { written, suggestions, .. } => Diagnostic {
                message: format!("`{written}` is not a number planc reads: a comma separates the items of a list"),
                ..d
            }
            .with_span_label("commas inside the number")
            .with_help(format!(
                "Write {}: group digits with `_`, or use a scale (k, M, 万, 亿).",
                one_of(suggestions.iter().map(|s| format!("`{s}`")).collect())
            )),
            SyntaxError::DigitName { written, suggestion, defines, .. } => {
                let d = Diagnostic { message: format!("`{written}` cannot be a name: a name cannot start with a digit"), ..d }
                    .with_span_label("starts with a digit");
                if *defines {
                    d.with_help(format!(
                        "Try `{suggestion}`, and write it the same way wherever the plan refers to it; the label in quotes may still say \"{written}\", as in `{suggestion} \"{written}\"`."
                    ))
                } else {
                    d.with_help(format!("Refer to the item by its name, which starts with a letter, like `{suggestion}`."))
                }
            }
            SyntaxError::Colon { colon, attr, example, .. } => {
                let d = Diagnostic { ..d }.with_span_label(format!("remove the `{colon}`"));
                match (attr, example) {
                    (Some(attr), example) => Diagnostic {
                        message: format!("`{attr}` takes no `{colon}`: its value follows after a space"),
                        ..d
                    }
                    .with_help(match example {
                        Some(example) => format!("Write `{example}`."),
                        None => format!("Write `{attr}`, a space and its value, like `owner \"张三\"`."),
                    }),
                    (None, _) => Diagnostic { message: format!("planc does not use `{colon}`"), ..d }
                        .with_help("Words are separated by spaces: remove the colon."),
                }
            }
            SyntaxError::BareYuan { written, suggestion, .. } => Diagnostic {
                message: format!("`{written}` has `元` but no `¥`: planc reads money by its sign"),
                ..d
            }
            .with_span_label("an amount in yuan")
            .with_help(format!("Write `{suggestion}`: money is a currency sign, then a number; `元` may follow (`{suggestion}元`).")),
        }
    }
}

pub(super) fn pest_position(e: &pest::error::Error<Rule>) -> usize {
    match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
}

/// A pest error inside the region starting at `base`, as a SyntaxError
/// pointing at the offending token.
pub(super) fn from_pest(text: &str, base: usize, e: &pest::error::Error<Rule>) -> SyntaxError {
    let raw = base + pest_position(e);
    let at = skip_trivia(text, raw);
    let rest = &text[at..];
    if rest.starts_with("/*") {
        return SyntaxError::UnclosedComment {
            span: Span::new(at, at + 2),
        };
    }
    if rest.starts_with(['"', '“']) {
        if let Some(error) = string_error(text, at) {
            return error;
        }
    }
    let mut positives: Vec<Rule> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    if let Some(hint) = super::hint::at_error(text, raw, at, &positives) {
        return hint;
    }
    // "an attribute of … or `}` to close it" already names `}`.
    if positives.iter().any(|&r| attrs_rule_kind(r).is_some()) {
        positives.retain(|&r| r != Rule::close_brace);
    }
    let (span, found) = token_at(text, at);
    let word = &text[span.start()..span.end()];
    let is_word = word
        .chars()
        .next()
        .is_some_and(|c| c == '_' || unicode_xid::UnicodeXID::is_xid_start(c));
    if let Some(kind) = positives.iter().find_map(|&r| attrs_rule_kind(r)) {
        if ItemKind::from_keyword(word).is_some() {
            let opened = token_at(text, skip_trivia(text, base)).0;
            return SyntaxError::Unclosed {
                span,
                kind,
                next: word.to_string(),
                opened,
            };
        }
        if is_word {
            let own = AttrKey::of(kind).iter().map(|k| k.word());
            let suggestion = closest(word, own);
            let belongs_to = match AttrKey::from_word(word) {
                Some(key) => ItemKind::ALL
                    .into_iter()
                    .filter(|&k| AttrKey::of(k).contains(&key))
                    .collect(),
                None => Vec::new(),
            };
            return SyntaxError::UnknownAttribute {
                span,
                kind,
                word: word.to_string(),
                suggestion,
                belongs_to,
            };
        }
    }
    let mut expected: Vec<String> = positives.iter().filter_map(|&r| describe(r)).collect();
    expected.sort();
    expected.dedup();
    let help = positives.iter().find_map(|&r| help_for(r));
    SyntaxError::Expected {
        span,
        expected,
        found,
        help,
        rules: positives,
    }
}

pub(super) fn help_for(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::file | Rule::item_alone | Rule::plan_item | Rule::kw_plan => {
            "Each item starts with one of the nine item words: plan, positioning, resource, metric, goal, path, battle, tactic or checkin."
        }
        Rule::date | Rule::window | Rule::range_dots => "Write dates as year-month-day with four, two and two digits, like 2026-04-01; a window is two dates joined by `..`.",
        Rule::quantity | Rule::number => "Write amounts as a number with an optional scale (k, M, 万, 亿): money with its sign first (¥2000万, $1.5M), percents with % (40%), counts bare (5000).",
        Rule::duration => "Write a duration as a whole number and a unit: d (days), w (weeks), mo (months), q (quarters) or y (years), like 2w.",
        Rule::ident => "Names start with a letter or `_` and continue with letters, digits or `_`; the item words (plan, goal, path, …) cannot be names.",
        Rule::string => "Put the text in double quotes on one line, like \"县域中小餐饮门店\".",
        Rule::comparison => "A win criterion is a metric, a comparison and an amount, like `win referrals >= 1500`.",
        Rule::open_brace => "An item's attributes go between `{` and `}` after its name and label.",
        Rule::metric_unit => "A metric is `metric ID \"label\" UNIT`, the unit one of money, count or percent.",
        Rule::kw_by => "A target reads `target METRIC AMOUNT by DATE`, like `target revenue ¥2000万 by 2026-12-31`.",
        Rule::kw_every => "A review cadence reads `review every 2w`.",
        _ => return None,
    })
}

/// The token at `at`: its span and how to name it in a message.
fn token_at(text: &str, at: usize) -> (Span, String) {
    let rest = &text[at..];
    let Some(first) = rest.chars().next() else {
        return (Span::new(at, at), "the end of the file".to_string());
    };
    if first == '_' || unicode_xid::UnicodeXID::is_xid_continue(first) {
        let len: usize = rest
            .char_indices()
            .find(|&(_, c)| {
                !(c == '_'
                    || unicode_xid::UnicodeXID::is_xid_continue(c)
                    || c == '-' && first.is_ascii_digit())
            })
            .map_or(rest.len(), |(i, _)| i);
        // Keep long runs readable in messages.
        let shown: String = rest[..len].chars().take(40).collect();
        let ellipsis = if shown.len() < len { "…" } else { "" };
        return (Span::new(at, at + len), format!("`{shown}{ellipsis}`"));
    }
    let span = Span::new(at, at + first.len_utf8());
    let shown = match first {
        '\n' | '\r' => "the end of the line".to_string(),
        '\0' => "a NUL byte".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    };
    (span, shown)
}

/// Skip whitespace and comments forward from `at`.
pub(super) fn skip_trivia(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at.min(text.len())..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n', '\u{FEFF}']);
        at += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            at += trimmed.find(['\n', '\r']).unwrap_or(trimmed.len());
        } else if let Some(comment) = trimmed.strip_prefix("/*") {
            match comment.find("*/") {
                Some(end) => at += end + 4,
                None => return at,
            }
        } else {
            return at.min(text.len());
        }
    }
}

/// A string starting at `at` that fails: a bad escape or no closing quote.
fn string_error(text: &str, at: usize) -> Option<SyntaxError> {
    let open = text[at..].chars().next()?;
    let close = if open == '“' { '”' } else { '"' };
    let body = at + open.len_utf8();
    let mut chars = text[body..].char_indices();
    while let Some((i, c)) = chars.next() {
        let here = body + i;
        match c {
            c if c == close => return None,
            '\n' | '\r' => break,
            '\\' => {
                let rest = &text[here + 1..];
                let ok =
                    rest.starts_with(['"', '\\', 'n', 't']) || unicode_escape_len(rest).is_some();
                if !ok {
                    let len = rest
                        .chars()
                        .next()
                        .filter(|c| !c.is_control())
                        .map_or(0, char::len_utf8);
                    return Some(SyntaxError::BadEscape {
                        span: Span::new(here, here + 1 + len),
                        escape: text[here..here + 1 + len].to_string(),
                    });
                }
                chars.next();
            }
            _ => {}
        }
    }
    Some(SyntaxError::UnclosedString {
        span: Span::new(at, body),
        close,
    })
}

/// `u{4E07}` → its length, if well-formed.
fn unicode_escape_len(rest: &str) -> Option<usize> {
    let hex = rest.strip_prefix("u{")?;
    let end = hex.find('}')?;
    (1..=6).contains(&end).then_some(())?;
    hex[..end]
        .chars()
        .all(|c| c.is_ascii_hexdigit())
        .then_some(end + 3)
}

#[cfg(test)]
mod tests {
    use crate::syntax::parse;

    fn messages(text: &str) -> Vec<String> {
        parse(text)
            .1
            .iter()
            .map(|e| e.to_diagnostic().message)
            .collect()
    }

    #[test]
    fn the_expected_list_names_the_closing_brace_once() {
        for text in [
            "path p { serves a 5 }",
            "battle b { objective revenue +5 % }",
            "goal g { perspective financial 5 }",
        ] {
            for message in messages(text) {
                assert_eq!(message.matches("`}`").count(), 1, "{text}: {message}");
            }
        }
        let [message] = &messages("path p { serves a 5 }")[..] else {
            panic!("one error")
        };
        assert_eq!(
            message,
            "expected `,` or an attribute of a path (serves, main, cost, duration, expects, segment, owner, allow) or `}` to close it, found `5`"
        );
    }

    #[test]
    fn a_full_width_string_reports_its_own_closing_quote() {
        let [message] = &messages("plan “x {}")[..] else {
            panic!("one error")
        };
        assert_eq!(message, "this text has no closing `”`");
    }
}
