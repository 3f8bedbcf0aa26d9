//! Quick fixes for the cheap cases: add a missing `owner`, `review` or `win`
//! skeleton to the item, and replace an unknown name with the closest name
//! of the right kind.

use super::diagnostics::convert;
use super::position::{range, span, Encoding};
use super::Document;
use crate::diagnostic::{Code, Diagnostic};
use crate::line_index::LineIndex;
use crate::model::{Common, Model};
use crate::quantity::UnitKind;
use crate::span::Span;
use lsp_types::{CodeAction, CodeActionKind, Range, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

pub fn code_actions(doc: &Document, encoding: Encoding, wanted: Range) -> Vec<CodeAction> {
    let index = doc.index();
    let wanted = span(&index, wanted, encoding);
    doc.analysis
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= wanted.end && wanted.start <= d.span.end)
        .filter_map(|d| {
            let (title, edit, preferred) = fix(doc, d)?;
            let edit = TextEdit::new(range(&index, edit.0, encoding), edit.1);
            Some(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![convert(d, &doc.uri, &index, encoding)]),
                edit: Some(WorkspaceEdit::new(HashMap::from([(
                    doc.uri.clone(),
                    vec![edit],
                )]))),
                is_preferred: Some(preferred),
                ..CodeAction::default()
            })
        })
        .collect()
}

type Fix = (String, (Span, String), bool);

fn fix(doc: &Document, d: &Diagnostic) -> Option<Fix> {
    let model = &doc.analysis.model;
    match d.code {
        Code::TacticWithoutOwner => {
            let tactic = model.tactics.iter().find(|t| t.common.id.span == d.span)?;
            let edit = add_attribute(&doc.text, &tactic.common, "owner \"\"")?;
            Some(("Add an `owner` to fill in".to_string(), edit, true))
        }
        Code::BattleWithoutReview => {
            let battle = model.battles.iter().find(|b| b.common.id.span == d.span)?;
            let edit = add_attribute(&doc.text, &battle.common, "review every 2w")?;
            Some(("Add `review every 2w`".to_string(), edit, true))
        }
        Code::TacticWithoutWin => {
            let tactic = model.tactics.iter().find(|t| t.common.id.span == d.span)?;
            let battle = tactic.battle.as_ref().and_then(|r| r.target);
            let win = win_skeleton(model, battle)?;
            let edit = add_attribute(&doc.text, &tactic.common, &win)?;
            Some((format!("Add `{win}` to adjust"), edit, true))
        }
        Code::UnknownName | Code::WrongKind => {
            let occurrence = doc
                .occurrences
                .all()
                .iter()
                .find(|o| o.span == d.span && !o.definition)?;
            let mut candidates: Vec<&str> = model
                .names
                .iter()
                .filter(|(_, id)| id.kind == occurrence.kind)
                .map(|(n, _)| n.as_str())
                .collect();
            candidates.sort_unstable();
            let better = crate::suggest::closest(&occurrence.name, candidates)?;
            Some((
                format!("Replace `{}` with `{better}`", occurrence.name),
                (occurrence.span, better.to_string()),
                true,
            ))
        }
        _ => None,
    }
}

/// `win METRIC >= QTY` from the battle's first objective, else on the
/// plan's first metric; `None` when the plan has no metric to name.
fn win_skeleton(model: &Model, battle: Option<usize>) -> Option<String> {
    if let Some(u) = battle.and_then(|b| model.battles[b].objective.first()) {
        let level = u.qty.text.trim_start_matches(['+', '-']);
        return Some(format!("win {} >= {level}", u.what.name));
    }
    let metric = model.metrics.first()?;
    let one = match metric.unit {
        UnitKind::Count => "1".to_string(),
        UnitKind::Percent => "1%".to_string(),
        UnitKind::Money => {
            let sign = model.currency.map_or("¥", |(c, _)| c.sign());
            format!("{sign}1")
        }
    };
    Some(format!("win {} >= {one}", metric.common.name()))
}

/// An insertion of `attribute` as the block's last line (or before the `}`
/// of a one-line block), indented like the line above.
fn add_attribute(text: &str, item: &Common, attribute: &str) -> Option<(Span, String)> {
    let close = item.span.end.checked_sub(1)?;
    if text.as_bytes().get(close) != Some(&b'}') {
        return None;
    }
    let index = LineIndex::new(text);
    let line = index.line_of(close);
    let line_start = index.line_start(line);
    let before_brace = &text[line_start..close];
    if before_brace.trim().is_empty() && line > index.line_of(item.span.start) {
        let above = index.line_text(line - 1);
        let indent: String = above
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let indent = if line - 1 == index.line_of(item.span.start) || indent.is_empty() {
            "  ".to_string()
        } else {
            indent
        };
        let eol = if above.len() < index.line_start(line) - index.line_start(line - 1) - 1 {
            "\r\n"
        } else {
            "\n"
        };
        return Some((
            Span::new(line_start, line_start),
            format!("{indent}{attribute}{eol}"),
        ));
    }
    let space = if before_brace.ends_with(' ') { "" } else { " " };
    Some((Span::new(close, close), format!("{space}{attribute} ")))
}
