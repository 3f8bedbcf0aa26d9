//! The code action "Add a check-in for today": a skeleton
//! `checkin DATE "label" { actual …; status … }` for the day the server
//! read, at the end of the file the cursor is in (a check-in may sit in any
//! file of a plan, LANGUAGE.md), laid out by `planc fmt` itself.
//!
//! What it names: every goal's metric once, in the order of the goals, as
//! an `actual` prefilled with the metric's latest actual (else the goal's
//! origin: its baseline, or zero for a goal with a split; a guardrail's
//! bound), and every battle whose window contains the day as
//! `status BATTLE on_track`. A comment above says what to replace. The
//! prefilled values are real values of the right unit, so the plan with
//! the skeleton as inserted checks exactly as clean as without it.
//!
//! Offered anywhere in a plan file, as a `source` action (it is about the
//! whole plan, not about the text under the cursor), when the day lies in
//! the plan's period and no check-in of that day exists yet (a second one
//! would only invite `conflicting-checkins`; edit the one there). The
//! handler is pure: the server passes the day.

use super::position::{range, Encoding};
use super::Document;
use crate::date::Date;
use crate::lang::Lang;
use crate::quantity::Amount;
use crate::span::Span;
use lsp_types::{CodeAction, CodeActionKind, TextEdit, WorkspaceEdit};
use std::collections::HashMap;
use std::fmt::Write;

/// The kind of the action: a source action of its own, so a client can ask
/// for it alone (`only: ["source.addCheckin"]`) or bind it to a key.
pub const KIND: &str = "source.addCheckin";

/// The action for `today`, if it makes sense for this plan on that day.
pub fn add_checkin(doc: &Document, encoding: Encoding, today: Date) -> Option<CodeAction> {
    let skeleton = skeleton(doc, today)?;
    let own = doc.own_text();
    let eol = if own.contains("\r\n") { "\r\n" } else { "\n" };
    // One blank line between items, as `planc fmt` separates them.
    let before = if own.is_empty() || own.ends_with("\n\n") || own.ends_with("\r\n\r\n") {
        ""
    } else if own.ends_with('\n') {
        eol
    } else {
        if eol == "\n" {
            "\n\n"
        } else {
            "\r\n\r\n"
        }
    };
    let mut text = String::from(before);
    text.push_str(&skeleton.replace('\n', eol));
    let end = Span::new(own.len(), own.len());
    let edit = TextEdit::new(range(&doc.index(), end, encoding), text);
    let lang = doc.analysis.lang;
    Some(CodeAction {
        title: lang
            .pick("Add a check-in for today", "添加今天的复盘记录")
            .to_string(),
        kind: Some(CodeActionKind::new(KIND)),
        edit: Some(WorkspaceEdit::new(HashMap::from([(
            doc.uri.clone(),
            vec![edit],
        )]))),
        ..CodeAction::default()
    })
}

/// The check-in's text, formatted by `planc fmt`, ending with a newline.
pub fn skeleton(doc: &Document, today: Date) -> Option<String> {
    let model = &doc.analysis.model;
    let period = model.plan.as_ref()?.period?.range;
    if today < period.start || today > period.end {
        return None;
    }
    if model
        .checkins
        .iter()
        .any(|c| c.date.as_ref().is_some_and(|d| d.value == today))
    {
        return None;
    }
    let lang = doc.analysis.lang;
    let statuses = crate::status::goals(model, today);
    let text = doc.text.as_str();
    let slice = |span: Span| text.get(span.start()..span.end()).map(str::to_string);

    // Each goal's metric once, prefilled with its latest actual, else the
    // goal's origin.
    let mut seen = vec![false; model.metrics.len()];
    let mut actual: Vec<String> = Vec::new();
    for (g, goal) in model.goals.iter().enumerate() {
        let (metric, fallback) = match (&goal.target, &goal.keep) {
            (Some(t), _) => {
                let origin = match (&goal.split, &goal.baseline) {
                    (None, Some(b)) => b.text.to_string(),
                    _ => t.qty.style().format(Amount::ZERO),
                };
                (&t.metric, origin)
            }
            (None, Some(k)) => (&k.metric, k.qty.text.to_string()),
            (None, None) => continue,
        };
        let Some(m) = metric.target() else { continue };
        if std::mem::replace(&mut seen[m], true) {
            continue;
        }
        let value = statuses
            .get(g)
            .and_then(|s| s.actual)
            .and_then(|r| slice(r.span))
            .unwrap_or(fallback);
        actual.push(format!("{} {value}", metric.name));
    }

    let running: Vec<String> = model
        .battles
        .iter()
        .filter(|b| {
            b.window
                .is_some_and(|w| w.range.start <= today && today <= w.range.end)
        })
        .map(|b| format!("{} on_track", b.common.name()))
        .collect();

    let mut s = String::new();
    match lang {
        Lang::En => {
            let _ = writeln!(
                s,
                "// Check-in for {today}. Replace each value below with today's"
            );
            s.push_str(
                "// (for a goal with a split, the total since the period began; prefilled:\n\
                 // the latest actual) and each state with the battle's: on_track,\n\
                 // at_risk, off_track, blocked, done or dropped.\n",
            );
        }
        Lang::Zh => {
            let _ = writeln!(s, "// {today} 的复盘记录：把下面每个数值换成今天的实际值");
            s.push_str(
                "// （有拆解的目标写从周期开始累计的值；预填的是最新实际值），\n\
                 // 把每个状态换成战役的实际状态：on_track、at_risk、off_track、\n\
                 // blocked、done 或 dropped。\n",
            );
        }
    }
    let label = match lang {
        Lang::En => format!("Review of {today}"),
        Lang::Zh => format!("{today} 复盘"),
    };
    let _ = writeln!(s, "checkin {today} \"{label}\" {{");
    if !actual.is_empty() {
        let _ = writeln!(s, "  actual {}", actual.join(", "));
    }
    if !running.is_empty() {
        let _ = writeln!(s, "  status {}", running.join(", "));
    }
    if actual.is_empty() && running.is_empty() {
        s.push_str("  note \"\"\n");
    }
    s.push_str("}\n");
    // `planc fmt`'s own layout (long lists wrapped as it wraps them).
    Some(crate::format::format_in(&s, lang).unwrap_or(s))
}
