//! Targeted hints at a syntax error, for forms people type that planc does
//! not read because reading them would be a guess (LANGUAGE.md, "Chinese
//! keyboards"): a window written with `~` or `—`, `¥4,000,000`, a name that
//! starts with a digit (`battle 618`), `：` after an attribute, and `元`
//! after an amount without `¥`.
//!
//! The grammar decides what is an error; this module only looks at the text
//! around the place where the parse failed, so it costs nothing on plans
//! that parse.

use super::ast::{AttrKey, ItemKind};
use super::error::SyntaxError;
use super::is_word_char;
use super::parser::Rule;
use crate::span::Span;
use unicode_xid::UnicodeXID;

/// What people type between two dates instead of `..`.
const DASHES: &[&str] = &["~", "～", "——", "—", "–", "−", "-", "至", "到"];

/// The hint for a parse error at `at` (the first token at or after where
/// the parse stopped, `raw`), where `positives` were expected.
pub(super) fn at_error(
    text: &str,
    raw: usize,
    at: usize,
    positives: &[Rule],
) -> Option<SyntaxError> {
    // A number that fails its own look-ahead (`¥100,000` at the end of a
    // line) stops the parse right after it, before the spaces.
    grouped_number(text, raw)
        .or_else(|| grouped_number(text, at))
        .or_else(|| bare_yuan(text, at))
        .or_else(|| window_dash(text, at, positives))
        .or_else(|| colon(text, at))
        .or_else(|| digit_name(text, at, positives))
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

// ------------------------------------------------------------ ¥4,000,000

fn is_currency(c: char) -> bool {
    matches!(c, '¥' | '￥' | '$' | '€' | '£')
}

fn is_scale(c: char) -> bool {
    matches!(c, 'k' | 'M' | '万' | '亿')
}

/// `¥4,000,000` (or `1,000`, `+$1,500,000.50`) around `at`: a number with
/// commas between groups of three digits.
fn grouped_number(text: &str, at: usize) -> Option<SyntaxError> {
    let in_number = |c: char| c.is_ascii_digit() || matches!(c, ',' | '，' | '_' | '.');
    let mut lo = at;
    while let Some(c) = char_before(text, lo).filter(|&c| in_number(c)) {
        lo -= c.len_utf8();
    }
    if let Some(c) = char_before(text, lo).filter(|&c| is_currency(c)) {
        lo -= c.len_utf8();
    }
    if let Some(c) = char_before(text, lo).filter(|&c| matches!(c, '+' | '-')) {
        lo -= c.len_utf8();
    }
    let mut hi = at;
    if char_at(text, hi).is_some_and(|c| matches!(c, '+' | '-')) {
        hi += 1;
    }
    if let Some(c) = char_at(text, hi).filter(|&c| is_currency(c)) {
        hi += c.len_utf8();
    }
    while let Some(c) = char_at(text, hi).filter(|&c| in_number(c)) {
        hi += c.len_utf8();
    }
    if let Some(c) = char_at(text, hi).filter(|&c| is_scale(c)) {
        hi += c.len_utf8();
    }
    if char_at(text, hi) == Some('元') {
        hi += '元'.len_utf8();
    }
    let written = text[lo..hi].trim_end_matches([',', '，', '.']);
    let suggestions = ungrouped(written)?;
    Some(SyntaxError::GroupedNumber {
        span: Span::new(lo, lo + written.len()),
        written: written.to_string(),
        suggestions,
    })
}

/// `¥4,000,000` → `["¥400万", "¥4_000_000"]`; `None` unless every comma
/// stands between groups of three digits.
fn ungrouped(written: &str) -> Option<Vec<String>> {
    let (sign, rest) = match written.strip_prefix(['+', '-']) {
        Some(rest) => (&written[..1], rest),
        None => ("", written),
    };
    let currency = rest.chars().next().filter(|&c| is_currency(c));
    let rest = &rest[currency.map_or(0, char::len_utf8)..];
    let currency = currency.map(|c| if c == '￥' { '¥' } else { c });
    let rest = rest.strip_suffix('元').unwrap_or(rest);
    let scale = rest.chars().next_back().filter(|&c| is_scale(c));
    let body = &rest[..rest.len() - scale.map_or(0, char::len_utf8)];
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let groups: Vec<&str> = int.split([',', '，']).collect();
    let digits_only = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let well_grouped = groups.len() >= 2
        && groups[0].len() <= 3
        && digits_only(groups[0])
        && groups[1..].iter().all(|g| g.len() == 3 && digits_only(g))
        && (frac.is_empty() || frac.bytes().all(|b| b.is_ascii_digit()));
    if !well_grouped {
        return None;
    }
    let digits: String = groups.concat();
    let head = format!("{sign}{}", currency.map(String::from).unwrap_or_default());
    let mut suggestions = Vec::new();
    if scale.is_none() && frac.is_empty() {
        if let Ok(value) = digits.parse::<u128>() {
            let scales: &[(u128, &str)] = match currency {
                Some('$' | '€' | '£') => &[(1_000_000, "M"), (1_000, "k")],
                _ => &[(100_000_000, "亿"), (10_000, "万")],
            };
            if let Some((unit, suffix)) = scales.iter().find(|(unit, _)| value % unit == 0) {
                suggestions.push(format!("{head}{}{suffix}", value / unit));
            }
        }
    }
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('_');
        }
        grouped.push(c);
    }
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac}")
    };
    let scale = scale.map(String::from).unwrap_or_default();
    if suggestions.is_empty() && currency.is_none() && frac.is_empty() {
        suggestions.push(format!("{head}{digits}{scale}"));
    }
    suggestions.push(format!("{head}{grouped}{frac}{scale}"));
    Some(suggestions)
}

// ------------------------------------------------------------ 400万元

/// `元` right after a number that has no `¥`: `budget 400万元`.
fn bare_yuan(text: &str, at: usize) -> Option<SyntaxError> {
    if char_at(text, at) != Some('元') {
        return None;
    }
    let mut lo = at;
    while let Some(c) = char_before(text, lo)
        .filter(|&c| c.is_ascii_digit() || is_scale(c) || matches!(c, '_' | '.'))
    {
        lo -= c.len_utf8();
    }
    if lo == at || !text[lo..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let sign = char_before(text, lo).filter(|&c| matches!(c, '+' | '-'));
    let start = lo - sign.map_or(0, char::len_utf8);
    let end = at + '元'.len_utf8();
    Some(SyntaxError::BareYuan {
        span: Span::new(start, end),
        written: text[start..end].to_string(),
        suggestion: format!(
            "{}¥{}",
            sign.map(String::from).unwrap_or_default(),
            &text[lo..at]
        ),
    })
}

// ------------------------------------------------------------ 2026-06-01 ~ 2026-06-30

/// A date's shape, `2026-06-01`, at the start of `s`.
fn date_at(s: &str) -> Option<&str> {
    let date = s.get(..10)?;
    let ok = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    ok.then_some(date)
}

fn skip_spaces(text: &str, at: usize) -> usize {
    at + (text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len())
}

/// A window written with `~`, `—` or `至` instead of `..`.
fn window_dash(text: &str, at: usize, positives: &[Rule]) -> Option<SyntaxError> {
    if !positives
        .iter()
        .any(|r| matches!(r, Rule::range_dots | Rule::window | Rule::date))
    {
        return None;
    }
    // At the dash itself, or at a start date glued to `至`.
    let mut dash_at = at;
    let mut start = None;
    if let Some(date) = date_at(&text[at..]) {
        start = Some(date);
        dash_at = skip_spaces(text, at + date.len());
    } else {
        let before = text[..at].trim_end_matches([' ', '\t']);
        start = before
            .len()
            .checked_sub(10)
            .and_then(|from| before.get(from..))
            .and_then(date_at)
            .or(start);
    }
    let dash = DASHES.iter().find(|d| text[dash_at..].starts_with(**d))?;
    let after = skip_spaces(text, dash_at + dash.len());
    let example = match (start, date_at(&text[after..])) {
        (Some(from), Some(to)) => format!("{from} .. {to}"),
        _ => "2026-06-01 .. 2026-06-30".to_string(),
    };
    Some(SyntaxError::WindowDash {
        span: Span::new(dash_at, dash_at + dash.len()),
        dash: dash.to_string(),
        example,
    })
}

// ------------------------------------------------------------ owner："张三"

/// `：` (or `:`) where a value was expected.
fn colon(text: &str, at: usize) -> Option<SyntaxError> {
    let colon = char_at(text, at).filter(|&c| matches!(c, '：' | ':'))?;
    let word = word_before(text, at);
    let attr = AttrKey::from_word(word).map(|k| k.word().to_string());
    let after = at + colon.len_utf8();
    let line_end = text[after..]
        .find(['\n', '\r'])
        .map_or(text.len(), |n| after + n);
    let value: String = text[after..line_end]
        .trim_end_matches(|c: char| c == '}' || c.is_whitespace())
        .trim()
        .chars()
        .take(40)
        .collect();
    let example = attr
        .as_ref()
        .filter(|_| !value.is_empty())
        .map(|a| format!("{a} {value}"));
    Some(SyntaxError::Colon {
        span: Span::new(at, after),
        colon,
        attr,
        example,
    })
}

/// The word that ends just before `at` (spaces and tabs skipped), or "".
fn word_before(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end_matches([' ', '\t']);
    &before[super::trailing_word_start(before)..]
}

// ------------------------------------------------------------ battle 618

/// Words after which a name is written, and the kind of item it names.
fn named_after(word: &str) -> Option<ItemKind> {
    Some(match word {
        "for" | "after" => ItemKind::Battle,
        "on" => ItemKind::Path,
        "supports" | "serves" => ItemKind::Goal,
        "target" | "win" => ItemKind::Metric,
        other => return ItemKind::from_keyword(other),
    })
}

/// A name that starts with a digit, where a name was expected: `battle 618`,
/// `for 618`, `after a, 618`.
fn digit_name(text: &str, at: usize, positives: &[Rule]) -> Option<SyntaxError> {
    if !positives
        .iter()
        .any(|r| matches!(r, Rule::ident | Rule::names))
        || !text[at..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    // In a list (`after a, 618`), the attribute is before its first name.
    let mut end = at;
    let mut in_list = false;
    while let Some(rest) = text[..end]
        .trim_end()
        .strip_suffix([',', '，'])
        .map(str::trim_end)
    {
        let name = word_before(text, rest.len());
        if name.is_empty() {
            return None;
        }
        end = rest.len() - name.len();
        in_list = true;
    }
    let previous = word_before(text, end);
    if in_list && !matches!(previous, "after" | "supports" | "serves") {
        return None;
    }
    let kind = named_after(previous)?;
    let len = text[at..]
        .find(|c: char| !is_word_char(c))
        .unwrap_or(text.len() - at);
    let written = &text[at..at + len];
    let digits = written.len()
        - written
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let (number, rest) = written.split_at(digits);
    let suggestion = if rest.is_empty() || !rest.starts_with(|c: char| c.is_xid_start()) {
        let prefix = if looks_chinese(text) {
            match kind {
                ItemKind::Battle => "大促",
                ItemKind::Goal => "目标",
                ItemKind::Path => "路径",
                ItemKind::Tactic => "打法",
                ItemKind::Metric => "指标",
                _ => "资源",
            }
        } else {
            match kind {
                ItemKind::Battle => "campaign_",
                ItemKind::Goal => "goal_",
                ItemKind::Path => "path_",
                ItemKind::Tactic => "tactic_",
                ItemKind::Metric => "metric_",
                _ => "resource_",
            }
        };
        format!("{prefix}{written}")
    } else if rest.ends_with(|c: char| c.is_ascii_digit()) {
        format!("{rest}_{number}")
    } else {
        format!("{rest}{number}")
    };
    Some(SyntaxError::DigitName {
        span: Span::new(at, at + len),
        written: written.to_string(),
        suggestion,
        defines: ItemKind::from_keyword(previous).is_some(),
    })
}

/// Whether the plan is written in Chinese, for the examples in hints: any
/// CJK ideograph in its first 64 KB.
fn looks_chinese(text: &str) -> bool {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end]
        .chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_numbers_get_their_ungrouped_forms() {
        let s = |w: &str| ungrouped(w).map(|v| v.join(" | "));
        assert_eq!(s("¥4,000,000").as_deref(), Some("¥400万 | ¥4_000_000"));
        assert_eq!(s("￥400,000,000元").as_deref(), Some("¥4亿 | ¥400_000_000"));
        assert_eq!(s("$1,500,000").as_deref(), Some("$1500k | $1_500_000"));
        assert_eq!(s("$2,000,000").as_deref(), Some("$2M | $2_000_000"));
        assert_eq!(s("1,000").as_deref(), Some("1000 | 1_000"));
        assert_eq!(s("+¥1,234.5").as_deref(), Some("+¥1_234.5"));
        assert_eq!(s("¥1,000万").as_deref(), Some("¥1_000万"));
        assert_eq!(s("1,2"), None);
        assert_eq!(s("100"), None);
        assert_eq!(s("1234,567"), None);
    }

    /// The one diagnostic of `text`: message, then help.
    fn said(text: &str) -> (String, String) {
        let (_, errors) = crate::syntax::parse(text);
        assert_eq!(errors.len(), 1, "{text}: {errors:#?}");
        let d = errors[0].to_diagnostic();
        (d.message, d.help)
    }

    #[test]
    fn windows_joined_by_dashes_are_shown_with_dots() {
        for dash in ["~", " ~ ", "～", "—", " — ", "——", "-", " 至 ", "至", "到"] {
            let text = format!("battle b {{ window 2026-06-01{dash}2026-06-30 }}");
            let (message, help) = said(&text);
            assert!(
                message.starts_with("a window's two dates are joined by `..`, not"),
                "{text}: {message}"
            );
            assert!(
                help.contains("`2026-06-01 .. 2026-06-30`"),
                "{text}: {help}"
            );
        }
    }

    #[test]
    fn grouped_numbers_are_hinted_wherever_they_stand() {
        for (text, shown) in [
            (
                "goal g { target r ¥4,000,000 by 2026-12-31 }",
                "`¥4,000,000`",
            ),
            ("battle b { needs budget ¥4,000,000 }", "`¥4,000,000`"),
            (
                "battle b { needs budget ¥4,000,000, people 2 }",
                "`¥4,000,000`",
            ),
            (
                "battle b {\n  needs people 2, budget ¥100,000\n  on p\n}",
                "`¥100,000`",
            ),
            (
                "goal g { split quarterly ¥1,000,000, ¥2,000,000 }",
                "`¥1,000,000`",
            ),
            ("tactic t { win r >= ¥4,000,000 }", "`¥4,000,000`"),
            ("resource r { capacity 1,000 }", "`1,000`"),
            (
                "battle b { objective r +￥4，000，000元 }",
                "`+￥4，000，000元`",
            ),
        ] {
            let (message, help) = said(text);
            assert!(message.starts_with(shown), "{text}: {message}");
            assert!(help.starts_with("Write `"), "{text}: {help}");
        }
        assert_eq!(
            said("battle b { needs budget ¥4,000,000 }").1,
            "Write `¥400万` or `¥4_000_000`: group digits with `_`, or use a scale (k, M, 万, 亿)."
        );
    }

    #[test]
    fn a_name_starting_with_a_digit_gets_one_that_does_not() {
        let (message, help) = said("battle 618 \"618大促\" { on p }");
        assert_eq!(
            message,
            "`618` cannot be a name: a name cannot start with a digit"
        );
        assert!(help.starts_with("Try `大促618`"), "{help}");
        assert!(help.contains("`大促618 \"618\"`"), "{help}");
        assert!(said("battle 618 { on p }")
            .1
            .starts_with("Try `campaign_618`"));
        assert!(said("goal 2026营收 {}").1.starts_with("Try `营收2026`"));
        assert!(said("tactic t { for 618 }").1.contains("`campaign_618`"));
        assert!(said("tactic t { after a, 618 }")
            .1
            .contains("`campaign_618`"));
        assert!(said("path p { serves 营收, 2026 }")
            .1
            .contains("`目标2026`"));
        // A number where an amount's name belongs is not called a name.
        assert!(!said("battle b { needs 5 }").0.contains("cannot be a name"));
    }

    #[test]
    fn a_colon_after_an_attribute_is_shown_without_it() {
        let (message, help) = said("tactic t { owner：“王芳” }");
        assert_eq!(
            message,
            "`owner` takes no `：`: its value follows after a space"
        );
        assert_eq!(help, "Write `owner “王芳”`.");
        let (message, help) = said("tactic t { owner: \"Sam\" }");
        assert_eq!(
            message,
            "`owner` takes no `:`: its value follows after a space"
        );
        assert_eq!(help, "Write `owner \"Sam\"`.");
        assert_eq!(said("battle b： {}").0, "planc does not use `：`");
    }

    #[test]
    fn yuan_without_a_sign_is_shown_with_one() {
        let (message, help) = said("battle b { needs budget 400万元 }");
        assert_eq!(
            message,
            "`400万元` has `元` but no `¥`: planc reads money by its sign"
        );
        assert!(help.starts_with("Write `¥400万`"), "{help}");
        assert!(said("battle b { objective r +400元 }")
            .1
            .starts_with("Write `+¥400`"));
    }

    #[test]
    fn the_word_before_skips_spaces() {
        assert_eq!(word_before("  owner ：", 8), "owner");
        assert_eq!(word_before("x", 0), "");
    }
}
