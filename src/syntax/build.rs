//! pest pairs to the typed syntax tree. The grammar guarantees the shapes
//! matched here; a shape it does not produce is a bug in this file.

use super::ast::*;
use super::parser::Rule;
use crate::span::{Span, Spanned};
use pest::iterators::{Pair, Pairs};

pub(super) fn is_item(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::plan_item
            | Rule::positioning_item
            | Rule::resource_item
            | Rule::metric_item
            | Rule::goal_item
            | Rule::path_item
            | Rule::battle_item
            | Rule::tactic_item
            | Rule::checkin_item
    )
}

pub(super) fn item(pair: Pair<Rule>) -> Item {
    let kind = match pair.as_rule() {
        Rule::plan_item => ItemKind::Plan,
        Rule::positioning_item => ItemKind::Positioning,
        Rule::resource_item => ItemKind::Resource,
        Rule::metric_item => ItemKind::Metric,
        Rule::goal_item => ItemKind::Goal,
        Rule::path_item => ItemKind::Path,
        Rule::battle_item => ItemKind::Battle,
        Rule::checkin_item => ItemKind::Checkin,
        _ => ItemKind::Tactic,
    };
    let span = Span::from(pair.as_span());
    let mut item = Item {
        kind,
        span,
        keyword: span,
        name: None,
        date: None,
        label: None,
        unit: None,
        attrs: Vec::new(),
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => item.name = Some(ident(part)),
            Rule::date => item.date = Some(spanned(part)),
            Rule::string => item.label = Some(string(part)),
            Rule::metric_unit => item.unit = Some(spanned(part)),
            Rule::open_brace | Rule::close_brace => {}
            Rule::kw_plan
            | Rule::kw_positioning
            | Rule::kw_resource
            | Rule::kw_metric
            | Rule::kw_goal
            | Rule::kw_path
            | Rule::kw_battle
            | Rule::kw_tactic
            | Rule::kw_checkin => item.keyword = part.as_span().into(),
            _ => item.attrs.push(attr(part)),
        }
    }
    item
}

fn attr(pair: Pair<Rule>) -> Attr {
    // `*_attr` wraps one concrete attribute rule (`battle_attr` → `on_attr`),
    // except where the attribute rule is used directly.
    let pair = if matches!(
        pair.as_rule(),
        Rule::plan_attr
            | Rule::positioning_attr
            | Rule::resource_attr
            | Rule::goal_attr
            | Rule::path_attr
            | Rule::battle_attr
            | Rule::tactic_attr
            | Rule::checkin_attr
    ) {
        pair.into_inner()
            .next()
            .expect("an item attribute wraps one attribute")
    } else {
        pair
    };
    let rule = pair.as_rule();
    let span = Span::from(pair.as_span());
    let mut parts = pair.into_inner();
    let key_pair = parts.next().expect("an attribute starts with its key");
    let key_span = Span::from(key_pair.as_span());
    let key = AttrKey::from_word(key_pair.as_str()).expect("attribute keys are words of AttrKey");
    let value = match rule {
        Rule::period_attr | Rule::window_attr => Value::Window(window(next(&mut parts))),
        Rule::limits_attr | Rule::alerts_attr => Value::Limits(
            parts
                .filter(|p| matches!(p.as_rule(), Rule::limit | Rule::alert))
                .map(|limit| {
                    let mut inner = limit.into_inner();
                    (spanned(next(&mut inner)), spanned(next(&mut inner)))
                })
                .collect(),
        ),
        Rule::allow_attr => Value::DiagNames(
            parts
                .filter(|p| p.as_rule() == Rule::diag_name)
                .map(spanned)
                .collect(),
        ),
        Rule::question_attr
        | Rule::segment_attr
        | Rule::owner_attr
        | Rule::significance_attr
        | Rule::note_attr
        | Rule::by_attr => Value::Str(string(next(&mut parts))),
        Rule::not_do_attr | Rule::include_attr => Value::Strs(
            next(&mut parts)
                .into_inner()
                .filter(|p| p.as_rule() == Rule::string)
                .map(string)
                .collect(),
        ),
        Rule::moat_attr => Value::Scores(
            next(&mut parts)
                .into_inner()
                .filter(|p| p.as_rule() == Rule::score)
                .map(|score| {
                    let mut inner = score.into_inner();
                    (ident(next(&mut inner)), spanned(next(&mut inner)))
                })
                .collect(),
        ),
        Rule::capacity_attr | Rule::total_attr | Rule::baseline_attr => {
            Value::Qty(quantity(next(&mut parts)))
        }
        Rule::perspective_attr | Rule::kind_attr | Rule::lang_attr => {
            Value::Word(spanned(next(&mut parts)))
        }
        Rule::target_attr => {
            let metric = ident(next(&mut parts));
            let qty = quantity(next(&mut parts));
            let _by = next(&mut parts);
            Value::Target {
                metric,
                qty,
                by: spanned(next(&mut parts)),
            }
        }
        Rule::split_attr | Rule::milestones_attr => {
            let mode = spanned(next(&mut parts));
            Value::Split {
                mode,
                values: parts
                    .filter(|p| p.as_rule() == Rule::quantity)
                    .map(quantity)
                    .collect(),
            }
        }
        Rule::supports_attr | Rule::serves_attr | Rule::after_attr => {
            Value::Names(names(next(&mut parts)))
        }
        Rule::on_attr | Rule::for_attr | Rule::part_of_attr => Value::Name(ident(next(&mut parts))),
        Rule::breakthrough_attr | Rule::main_attr => Value::Flag,
        Rule::status_attr => Value::States(
            next(&mut parts)
                .into_inner()
                .filter(|p| p.as_rule() == Rule::state_entry)
                .map(|entry| {
                    let mut inner = entry.into_inner();
                    (ident(next(&mut inner)), spanned(next(&mut inner)))
                })
                .collect(),
        ),
        Rule::cost_attr
        | Rule::expects_attr
        | Rule::objective_attr
        | Rule::needs_attr
        | Rule::actual_attr
        | Rule::spent_attr => Value::Amounts(
            next(&mut parts)
                .into_inner()
                .filter(|p| p.as_rule() == Rule::amount)
                .map(|amount| {
                    let mut inner = amount.into_inner();
                    (ident(next(&mut inner)), quantity(next(&mut inner)))
                })
                .collect(),
        ),
        Rule::duration_attr => Value::Duration(spanned(next(&mut parts))),
        Rule::review_attr => {
            let _every = next(&mut parts);
            Value::Duration(spanned(next(&mut parts)))
        }
        Rule::win_attr | Rule::keep_attr => {
            let metric = ident(next(&mut parts));
            let op = comparison(next(&mut parts));
            Value::Win {
                metric,
                op,
                qty: quantity(next(&mut parts)),
            }
        }
        other => unreachable!("the grammar has no attribute rule {other:?}"),
    };
    Attr {
        key,
        key_span,
        value,
        span,
    }
}

fn next<'a>(parts: &mut Pairs<'a, Rule>) -> Pair<'a, Rule> {
    parts.next().expect("the grammar guarantees this part")
}

fn spanned(pair: Pair<Rule>) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), pair.as_span().into())
}

fn ident(pair: Pair<Rule>) -> Ident {
    Ident {
        name: pair.as_str().into(),
        span: pair.as_span().into(),
    }
}

fn names(pair: Pair<Rule>) -> Vec<Ident> {
    pair.into_inner()
        .filter(|p| p.as_rule() == Rule::ident)
        .map(ident)
        .collect()
}

fn window(pair: Pair<Rule>) -> WindowLit {
    let span = Span::from(pair.as_span());
    let mut dates = pair.into_inner().filter(|p| p.as_rule() == Rule::date);
    let start = spanned(dates.next().expect("a window has a start"));
    let end = spanned(dates.next().expect("a window has an end"));
    WindowLit { start, end, span }
}

/// A string's value with its escapes resolved, and the byte range (within
/// `raw`) of the first `\u{…}` that names no character (a surrogate, or past
/// U+10FFFF), which becomes U+FFFD. The grammar admits only the escapes of
/// LANGUAGE.md, so each is otherwise well-formed here.
pub(super) fn unescape(raw: &str) -> (crate::Text, Option<(usize, usize)>) {
    if !raw.contains('\\') {
        return (crate::Text::from(raw), None);
    }
    let mut out = String::with_capacity(raw.len());
    let mut bad = None;
    let mut chars = raw.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((_, 'u')) => {
                let hex: String = chars
                    .by_ref()
                    .skip(1)
                    .map(|(_, c)| c)
                    .take_while(|&c| c != '}')
                    .collect();
                let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                if code.is_none() && bad.is_none() {
                    bad = Some((at, at + hex.len() + 4));
                }
                out.push(code.unwrap_or('\u{FFFD}'));
            }
            Some((_, other)) => out.push(other),
            None => {}
        }
    }
    (out.into(), bad)
}

/// `≥` is `>=`: the comparison in its ASCII form, spanned as written.
fn comparison(pair: Pair<Rule>) -> Spanned<String> {
    let written = pair.as_str();
    let ascii = if written.is_ascii() {
        written.to_string()
    } else {
        written
            .chars()
            .map(|c| match c {
                '≥' => ">=",
                '≤' => "<=",
                '＞' => ">",
                '＜' => "<",
                '＝' => "=",
                '>' => ">",
                '<' => "<",
                _ => "=",
            })
            .collect()
    };
    Spanned::new(ascii, pair.as_span().into())
}

/// Whether a string was written in full-width quotes, `“…”`.
pub(crate) fn is_curly(written: &str) -> bool {
    written.starts_with('“')
}

/// A string literal as ASCII-quoted text: `“说"好"”` → `"说\"好\""`. Escapes
/// are kept as written; a bare `"` inside full-width quotes gets a backslash.
pub(crate) fn ascii_string(written: &str) -> String {
    let Some(inner) = written.strip_prefix('“').and_then(|s| s.strip_suffix('”')) else {
        return written.to_string();
    };
    let mut out = String::with_capacity(written.len());
    out.push('"');
    let mut escaped = false;
    for c in inner.chars() {
        if c == '"' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out.push('"');
    out
}

fn string(pair: Pair<Rule>) -> StrLit {
    let span = Span::from(pair.as_span());
    let inner = pair.into_inner().next();
    let (raw, raw_start) = inner.map_or(("", span.start() + 1), |p| {
        (p.as_str(), p.as_span().start())
    });
    let (value, bad) = unescape(raw);
    let bad_escape = bad.map(|(s, e)| Span::new(raw_start + s, raw_start + e));
    StrLit {
        value,
        span,
        bad_escape,
    }
}

/// A quantity, its `text` in the ASCII form planc writes (`40％` → `40%`,
/// `￥400万元` → `¥400万`); its span covers what was written.
fn quantity(pair: Pair<Rule>) -> QtyLit {
    let written = pair.as_str();
    let full_width = !written.is_ascii() && written.contains(['￥', '％', '元']);
    let text = crate::Text::from(written);
    let span = Span::from(pair.as_span());
    let mut qty = QtyLit {
        text,
        span,
        sign: None,
        currency: None,
        number: crate::Text::default(),
        percent: false,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::sign => qty.sign = part.as_str().chars().next(),
            Rule::yuan_sign => qty.currency = Some("¥".into()),
            Rule::currency => qty.currency = Some(part.as_str().into()),
            Rule::number => qty.number = part.as_str().into(),
            Rule::percent_sign => qty.percent = true,
            _ => {}
        }
    }
    if full_width {
        let mut text = crate::Text::with_capacity(written.len());
        text.extend(qty.sign);
        text.push_str(qty.currency.as_deref().unwrap_or(""));
        text.push_str(&qty.number);
        if qty.percent {
            text.push('%');
        }
        qty.text = text;
    }
    qty
}
