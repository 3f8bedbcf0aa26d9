//! Quick fixes for the cheap cases: add a missing `owner`, `review` or `win`
//! skeleton to the item, and replace an unknown name with the closest name
//! of the right kind. Each matches on the diagnostic's typed origin (the
//! check's finding or resolution's error), which names the item and carries
//! the suggestion already worked out: nothing is looked up again by span.

use super::diagnostics::convert;
use super::position::{range, span, Encoding};
use super::Document;
use crate::check::Finding;
use crate::diagnostic::{Diagnostic, Origin};
use crate::line_index::LineIndex;
use crate::model::Common;
use crate::resolve::ResolveError;
use crate::span::Span;
use lsp_types::{CodeAction, CodeActionKind, Range, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The actions at `wanted`: the quick fixes of the diagnostics there, then
/// "Add a check-in for today" (`add_checkin`) when the server knows the day.
/// `only` is the client's filter of kinds (`context.only`): a kind is
/// offered when it is, or falls under, one of them.
pub fn code_actions(
    doc: &Document,
    encoding: Encoding,
    wanted: Range,
    only: Option<&[CodeActionKind]>,
    today: Option<crate::date::Date>,
) -> Vec<CodeAction> {
    let allowed = |kind: &str| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                let o = o.as_str();
                kind == o
                    || kind
                        .strip_prefix(o)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let mut actions = if allowed(CodeActionKind::QUICKFIX.as_str()) {
        quick_fixes(doc, encoding, wanted)
    } else {
        Vec::new()
    };
    if let Some(today) = today.filter(|_| allowed(super::add_checkin::KIND)) {
        actions.extend(super::add_checkin::add_checkin(doc, encoding, today));
    }
    actions
}

fn quick_fixes(doc: &Document, encoding: Encoding, wanted: Range) -> Vec<CodeAction> {
    // Quick fixes edit one file's text; in a plan of several files they are
    // not offered yet (docs/several-files.md).
    if doc.several() {
        return Vec::new();
    }
    let index = doc.index();
    let wanted = span(&index, wanted, encoding);
    doc.analysis
        .diagnostics
        .iter()
        .filter(|d| d.span.start() <= wanted.end() && wanted.start() <= d.span.end())
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
    let lang = doc.analysis.lang;
    match &d.origin {
        Origin::Check(finding) => match finding.as_ref() {
            Finding::TacticWithoutOwner { tactic, .. } => {
                let edit =
                    add_attribute(&doc.text, &model.tactics.get(*tactic)?.common, "owner \"\"")?;
                Some((
                    lang.pick("Add an `owner` to fill in", "加上 `owner`，再填上负责人")
                        .to_string(),
                    edit,
                    true,
                ))
            }
            Finding::BattleWithoutReview { battle } => {
                let edit = add_attribute(
                    &doc.text,
                    &model.battles.get(*battle)?.common,
                    "review every 2w",
                )?;
                Some((
                    lang.pick("Add `review every 2w`", "加上 `review every 2w`")
                        .to_string(),
                    edit,
                    true,
                ))
            }
            Finding::TacticWithoutWin { tactic, win } => {
                let win = win.as_ref()?;
                let edit = add_attribute(&doc.text, &model.tactics.get(*tactic)?.common, win)?;
                Some((
                    match lang {
                        crate::lang::Lang::En => format!("Add `{win}` to adjust"),
                        crate::lang::Lang::Zh => format!("加上 `{win}`，再按实际调整"),
                    },
                    edit,
                    true,
                ))
            }
            _ => None,
        },
        Origin::Resolve(error) => match error.as_ref() {
            ResolveError::UnknownName {
                span,
                name,
                suggestion: Some(better),
                ..
            }
            | ResolveError::WrongKind {
                span,
                name,
                suggestion: Some(better),
                ..
            } => Some((
                match lang {
                    crate::lang::Lang::En => format!("Replace `{name}` with `{better}`"),
                    crate::lang::Lang::Zh => format!("把 `{name}` 改成 `{better}`"),
                },
                (*span, better.clone()),
                true,
            )),
            _ => None,
        },
        Origin::Other => None,
    }
}

/// An insertion of `attribute` as the block's last line (or before the `}`
/// of a one-line block), indented like the line above.
fn add_attribute(text: &str, item: &Common, attribute: &str) -> Option<(Span, String)> {
    let close = item.span.end().checked_sub(1)?;
    if text.as_bytes().get(close) != Some(&b'}') {
        return None;
    }
    let index = LineIndex::new(text);
    let line = index.line_of(close);
    let line_start = index.line_start(line);
    let before_brace = &text[line_start..close];
    if before_brace.trim().is_empty() && line > index.line_of(item.span.start()) {
        let above = index.line_text(line - 1);
        let indent: String = above
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let indent = if line - 1 == index.line_of(item.span.start()) || indent.is_empty() {
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
