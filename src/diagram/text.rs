//! Text as it goes on a picture: cleaned of characters no output format can
//! carry, cut to a bounded length, wrapped into lines, and measured.

use unicode_width::UnicodeWidthChar;

/// Longest text, in characters, that any one field of a diagram shows.
/// Past it the text is cut with an ellipsis: a picture is not the place for
/// a paragraph, and DOT refuses strings longer than 16 384 bytes.
pub const MAX_CHARS: usize = 160;

/// At most this many lines per wrapped field.
pub const MAX_LINES: usize = 4;

/// Replace what XML, DOT and Mermaid cannot carry: control characters
/// become spaces (tab, newline) or U+FFFD, and so do the two non-characters
/// XML forbids. Everything else, emoji and CJK included, stays.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\r' => ' ',
            '\n' => '\n',
            c if c.is_control() => '\u{FFFD}',
            '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Cut `text` to `max` characters, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Display columns of a character: 2 for CJK and emoji, 0 for combining
/// marks, 1 otherwise.
pub fn columns(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub fn text_columns(text: &str) -> usize {
    text.chars().map(columns).sum()
}

/// Wrap cleaned, truncated text into lines of at most `width` columns,
/// breaking at spaces where there are any and between two wide (CJK)
/// characters where the CJK rules allow (see `pieces`), at most
/// [`MAX_LINES`] lines. Newlines in the text are kept
/// as line breaks.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = truncate(&clean(text), MAX_CHARS);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph.trim(), width.max(4), &mut lines);
    }
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = lines[MAX_LINES - 1].trim_end_matches('…').to_string();
        lines[MAX_LINES - 1] = ellipsize(&last, width);
    }
    lines
}

/// `text` with an ellipsis, in at most `width` columns.
fn ellipsize(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + columns(c) + 1 > width {
            break;
        }
        used += columns(c);
        out.push(c);
    }
    out.push('…');
    out
}

fn wrap_paragraph(paragraph: &str, width: usize, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 0;
    // Break opportunities are spaces and the places before and after a
    // wide character; a word longer than the line is cut anywhere.
    for piece in pieces(paragraph) {
        let piece_width = text_columns(piece);
        let is_space = piece == " ";
        if used + piece_width <= width {
            if !(is_space && line.is_empty()) {
                line.push_str(piece);
                used += piece_width;
            }
            continue;
        }
        if is_space {
            lines.push(line.trim_end().to_string());
            line = String::new();
            used = 0;
            continue;
        }
        if !line.is_empty() {
            lines.push(line.trim_end().to_string());
            line = String::new();
            used = 0;
        }
        // A piece longer than a line is cut anywhere, but still not
        // before closing or after opening punctuation: the character
        // before such a break goes down with it.
        for c in piece.chars() {
            if used + columns(c) > width && !line.is_empty() {
                let mut carried = String::new();
                while line.chars().count() > 1 {
                    let last = line.chars().last().unwrap_or(' ');
                    let next = carried.chars().next().unwrap_or(c);
                    if !(CLOSING.contains(next) || OPENING.contains(last)) {
                        break;
                    }
                    line.pop();
                    carried.insert(0, last);
                }
                lines.push(std::mem::take(&mut line));
                line = carried;
                used = text_columns(&line);
            }
            line.push(c);
            used += columns(c);
        }
    }
    lines.push(line.trim_end().to_string());
}

/// Split into the pieces a line may break between: words, single spaces
/// and single wide characters, then glued where the usual CJK rules
/// (kinsoku) forbid a break:
///
/// - between a number and its unit or scale (`2000万`, `￥1.2亿`, `40％`,
///   `5000个`), and between a currency sign and its number;
/// - before closing punctuation (`，。、）」` and the like);
/// - after opening punctuation (`（「“` and the like).
fn pieces(text: &str) -> Vec<&str> {
    let mut atoms = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' || columns(c) >= 2 {
            if start < i {
                atoms.push(&text[start..i]);
            }
            atoms.push(&text[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        atoms.push(&text[start..]);
    }
    // Glue: a piece is a run of consecutive atoms, so it stays a slice.
    let mut out: Vec<&str> = Vec::new();
    let mut piece_start: Option<usize> = None;
    let mut offset = 0;
    let mut previous: Option<&str> = None;
    for atom in atoms {
        let at = offset;
        offset += atom.len();
        let glued = previous.is_some_and(|p| p != " " && atom != " " && !may_break(p, atom));
        if !glued {
            if let Some(s) = piece_start {
                out.push(&text[s..at]);
            }
            piece_start = Some(at);
        }
        previous = Some(atom);
    }
    if let Some(s) = piece_start {
        out.push(&text[s..]);
    }
    out
}

/// Whether a line may break between `before` and `after` (two atoms, no
/// space between them).
fn may_break(before: &str, after: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().last(), after.chars().next()) else {
        return true;
    };
    if CLOSING.contains(first) || OPENING.contains(last) {
        return false;
    }
    let number_end = last.is_ascii_digit() || ('０'..='９').contains(&last) || last == '.';
    if number_end && (UNITS.contains(first) || first == '%' || first == '％') {
        return false;
    }
    if CURRENCY.contains(last)
        && (first.is_ascii_digit() || ('０'..='９').contains(&first) || first == '.')
    {
        return false;
    }
    // A sign before a full-width currency sign: `+￥800万`.
    if (last == '+' || last == '-' || last == '＋' || last == '－') && CURRENCY.contains(first) {
        return false;
    }
    true
}

/// Punctuation no line may start with.
const CLOSING: &str = "，。、．,.:;：；！？!?）)」』】》〉〕］｝”’…‥・·%％〜～ー々ゝゞ";
/// Punctuation no line may end with.
const OPENING: &str = "（(「『【《〈〔［｛“‘";
/// Currency signs, glued to the number after them.
const CURRENCY: &str = "¥￥$＄€£￡";
/// Scales, units and counters a number is glued to.
const UNITS: &str =
    "万亿千百十元角分个家人次天日月年周倍份件位名台辆元块张条项场所店户篇单笔kKMBmw";

/// The width, in pixels, that `text` takes at `size` pixels. An estimate
/// that errs on the wide side for the sans-serif and CJK fonts the diagrams
/// name, so that a label always fits the box drawn for it: Latin letters by
/// their class (narrow `i`, wide `W`), everything else by its display
/// columns (a CJK character or emoji is two columns). Checked against the
/// advance widths of Noto Sans CJK SC, regular and bold: no ASCII or common
/// CJK-text character is estimated narrower than it is drawn.
pub fn measure(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(em_width).sum();
    ems * size * if bold { 1.08 } else { 1.0 }
}

fn em_width(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' => 0.32,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '!' => 0.42,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '&' => 0.95,
        'A'..='Z' => 0.76,
        '0'..='9' | 'a'..='z' => 0.63,
        c if c.is_ascii() => 0.62,
        // Emoji are drawn wider than CJK characters by colour-emoji fonts.
        c if columns(c) >= 2 && is_emoji(c) => 1.3,
        // CJK fonts draw East Asian "ambiguous" characters (·, …, ≥, ★,
        // Æ) a full em wide: count them as wide.
        c => 0.62 * c.width_cjk().unwrap_or(0) as f64,
    }
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_emoji_and_cjk_and_drops_controls() {
        assert_eq!(clean("a\u{1}b\u{FFFF}c😀营"), "a\u{FFFD}b\u{FFFD}c😀营");
        assert_eq!(clean("a\tb\r\nc"), "a b \nc");
    }

    #[test]
    fn wraps_latin_at_spaces_and_cjk_anywhere() {
        assert_eq!(
            wrap("Grow revenue from four to six million", 16),
            ["Grow revenue", "from four to six", "million"]
        );
        assert_eq!(
            wrap("年收入增长至2000万元人民币", 10),
            ["年收入增长", "至2000万元", "人民币"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("one\ntwo", 10), ["one", "two"]);
    }

    #[test]
    fn wrap_is_bounded() {
        let long = "字".repeat(10_000);
        let lines = wrap(&long, 10);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines.iter().all(|l| text_columns(l) <= 10), "{lines:?}");
        assert!(lines[MAX_LINES - 1].ends_with('…'));
    }

    #[test]
    fn every_line_fits_its_width() {
        for text in [
            "a b c d e f g",
            "emoji 😀😀😀😀😀😀 here",
            "混合 mixed 文字 text 很长很长很长",
        ] {
            for width in 4..20 {
                for line in wrap(text, width) {
                    assert!(text_columns(&line) <= width, "{line:?} in {width}");
                }
            }
        }
    }

    /// No line ends where the CJK rules forbid it; every break that is
    /// refused is also checked to be needed (the text is not just cut short).
    #[test]
    fn never_breaks_a_number_from_its_unit_or_scale() {
        assert_eq!(
            wrap("增长至2000万元", 8),
            ["增长至", "2000万元"],
            "never `2000 / 万`"
        );
        assert_eq!(wrap("预算达到￥1.2亿", 10), ["预算达到", "￥1.2亿"]);
        assert_eq!(wrap("预算达到¥1.2亿", 10), ["预算达到", "¥1.2亿"]);
        assert_eq!(wrap("占比提升至40%以上", 10), ["占比提升至", "40%以上"]);
        assert_eq!(wrap("占比提升至40％以上", 10), ["占比提升至", "40％以上"]);
        assert_eq!(
            wrap("新增5000个核心客户", 8),
            ["新增", "5000个核", "心客户"]
        );
        assert_eq!(wrap("营收 +￥800万 以上", 8), ["营收", "+￥800万", "以上"]);
    }

    #[test]
    fn never_starts_a_line_with_closing_punctuation() {
        for text in [
            "收银慢，对账难，营销没有数据。",
            "县域（餐饮）门店、连锁「品牌」，次日达。",
            "我们说“好”，他们说“不”。",
        ] {
            for width in 4..24 {
                let lines = wrap(text, width);
                for line in &lines[1..] {
                    let first = line.chars().next().expect("no empty line");
                    assert!(
                        !CLOSING.contains(first),
                        "{line:?} starts with {first:?} at width {width}: {lines:?}"
                    );
                }
            }
        }
        assert_eq!(wrap("收银慢，对账难", 6), ["收银", "慢，对", "账难"]);
    }

    #[test]
    fn never_ends_a_line_with_opening_punctuation() {
        for text in [
            "县域餐饮（中小门店）与连锁「品牌」",
            "他说“你好”然后《离开》了",
        ] {
            for width in 4..24 {
                let lines = wrap(text, width);
                for line in &lines[..lines.len() - 1] {
                    let last = line.chars().last().expect("no empty line");
                    assert!(
                        !OPENING.contains(last),
                        "{line:?} ends with {last:?} at width {width}: {lines:?}"
                    );
                }
            }
        }
        assert_eq!(wrap("县域餐饮（门店）", 10), ["县域餐饮", "（门店）"]);
    }

    #[test]
    fn wide_characters_measure_wider() {
        assert!(measure("营收", 12.0, false) > measure("ab", 12.0, false));
        assert!(measure("W", 12.0, false) > measure("i", 12.0, false));
        assert!(measure("x", 12.0, true) > measure("x", 12.0, false));
        // Full-width in CJK fonts although one column in a terminal.
        assert!(measure("≥", 10.0, false) >= 10.0);
    }
}
