//! The day-dependent parts of the language server, on a fixed day: a goal's
//! hover "as of today" and the action "Add a check-in for today", in
//! English and Chinese, on examples/acme.plan (two check-ins: 2026-04-14,
//! fission at risk; 2026-04-28, on track again).

use super::add_checkin::{add_checkin, skeleton};
use super::code_action::code_actions;
use super::hover::describe_on;
use super::{Document, Encoding};
use crate::analysis::analyze_in;
use crate::date::Date;
use crate::lang::{Lang, LangPref};
use crate::syntax::ast::ItemKind;
use lsp_types::{CodeActionKind, Position, Range};

const ACME: &str = include_str!("../../examples/acme.plan");

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

fn doc(text: &str, lang: Lang) -> Document {
    let analysis = analyze_in(text, &[], LangPref::forced(lang));
    Document::with_analysis(
        "file:///acme.plan".parse().expect("a URI"),
        1,
        text.to_string(),
        analysis,
    )
}

fn goal(doc: &Document, name: &str) -> usize {
    doc.analysis
        .model
        .goals
        .iter()
        .position(|g| g.common.name() == name)
        .expect("the goal")
}

/// Every goal's hover on a day, one after the other.
fn hovers(lang: Lang, on: &str) -> String {
    let d = doc(ACME, lang);
    let mut out = String::new();
    for g in 0..d.analysis.model.goals.len() {
        out.push_str(&describe_on(&d, ItemKind::Goal, g, Some(day(on))));
        out.push_str("\n---\n");
    }
    out
}

#[test]
fn hover_on_a_goal_says_where_it_stands_today() {
    insta::assert_snapshot!("hover_goals_en_2026-05-01", hovers(Lang::En, "2026-05-01"));
    insta::assert_snapshot!("hover_goals_zh_2026-05-01", hovers(Lang::Zh, "2026-05-01"));
}

#[test]
fn hover_before_any_checkin_says_there_is_no_actual_yet() {
    insta::assert_snapshot!("hover_goals_en_2026-04-01", hovers(Lang::En, "2026-04-01"));
    insta::assert_snapshot!("hover_goals_zh_2026-04-01", hovers(Lang::Zh, "2026-04-01"));
}

#[test]
fn hover_uses_the_numbers_and_words_of_planc_status() {
    let today = day("2026-05-01");
    for lang in [Lang::En, Lang::Zh] {
        let d = doc(ACME, lang);
        let status = crate::status::status(&d.analysis.model, today);
        for g in &status.goals {
            let text = describe_on(&d, ItemKind::Goal, g.goal, Some(today));
            let word = crate::status::words::goal_state(g.state, lang);
            assert!(text.ends_with(&format!("{word}\n")), "{text}");
            if let Some(pace) = g.pace {
                assert!(text.contains(&crate::status::pace_percent(pace)), "{text}");
            }
        }
        // Without a day (no clock), nothing of the day is said.
        let g = goal(&d, "revenue_2026");
        let plain = describe_on(&d, ItemKind::Goal, g, None);
        assert_eq!(plain, super::hover::describe(&d, ItemKind::Goal, g));
        assert!(!plain.contains("2026-04-28"), "{plain}");
    }
}

#[test]
fn the_checkin_skeleton_names_running_battles_and_goal_metrics() {
    for (lang, name) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let d = doc(ACME, lang);
        insta::assert_snapshot!(
            format!("add_checkin_{name}_2026-05-01"),
            skeleton(&d, day("2026-05-01")).expect("offered")
        );
        // Before any check-in: the metrics' origins.
        insta::assert_snapshot!(
            format!("add_checkin_{name}_2026-04-02"),
            skeleton(&d, day("2026-04-02")).expect("offered")
        );
    }
}

/// `text` with the action for `today` applied.
fn applied(text: &str, lang: Lang, today: &str) -> String {
    let d = doc(text, lang);
    let action = add_checkin(&d, Encoding::Utf8, day(today)).expect("offered");
    let edits = &action.edit.expect("an edit").changes.expect("changes")[&d.uri];
    assert_eq!(edits.len(), 1);
    let at = &edits[0].range.start;
    assert_eq!(edits[0].range.start, edits[0].range.end);
    let index = crate::LineIndex::new(text);
    let offset = super::position::offset(&index, *at, Encoding::Utf8);
    assert_eq!(offset, text.len(), "inserted at the end of the file");
    format!("{text}{}", edits[0].new_text)
}

fn codes(text: &str) -> Vec<&'static str> {
    crate::analyze(text, &[])
        .diagnostics
        .iter()
        .map(|d| d.code.name())
        .collect()
}

#[test]
fn the_inserted_checkin_is_formatted_and_checks_clean() {
    assert!(codes(ACME).is_empty(), "{:?}", codes(ACME));
    for lang in [Lang::En, Lang::Zh] {
        for today in [
            "2026-01-01",
            "2026-04-02",
            "2026-05-01",
            "2026-07-15",
            "2026-12-31",
        ] {
            let with = applied(ACME, lang, today);
            assert_eq!(
                crate::format::format(&with).expect("formats"),
                with,
                "{today}: not as `planc fmt` lays it out"
            );
            assert!(codes(&with).is_empty(), "{today}: {:?}", codes(&with));
            // planc status reads it: one more check-in, dated today.
            let model = crate::analyze(&with, &[]).model;
            assert_eq!(model.checkins.len(), 3);
            assert!(model
                .checkins
                .iter()
                .any(|c| c.date.as_ref().map(|d| d.value) == Some(day(today))));
        }
    }
    // A file that does not end with a newline, and an empty block of
    // battles: still one blank line before the check-in.
    let bare = ACME.trim_end();
    let with = applied(bare, Lang::En, "2026-12-31");
    assert_eq!(crate::format::format(&with).expect("formats"), with);
}

#[test]
fn the_action_is_offered_where_it_makes_sense() {
    let d = doc(ACME, Lang::En);
    let nowhere = Range::new(Position::new(0, 0), Position::new(0, 0));
    let titles = |today: Option<&str>, only: Option<&[CodeActionKind]>| -> Vec<String> {
        code_actions(&d, Encoding::Utf16, nowhere, only, today.map(day))
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    assert_eq!(
        titles(Some("2026-05-01"), None),
        ["Add a check-in for today"]
    );
    // Asked for source actions, or for this one alone.
    let source = [CodeActionKind::SOURCE];
    assert_eq!(titles(Some("2026-05-01"), Some(&source)).len(), 1);
    let own = [CodeActionKind::new(super::add_checkin::KIND)];
    assert_eq!(titles(Some("2026-05-01"), Some(&own)).len(), 1);
    // Asked for quick fixes only.
    let quickfix = [CodeActionKind::QUICKFIX];
    assert!(titles(Some("2026-05-01"), Some(&quickfix)).is_empty());
    // No clock, a day outside the period, a day that has its check-in.
    assert!(titles(None, None).is_empty());
    assert!(titles(Some("2027-01-04"), None).is_empty());
    assert!(titles(Some("2025-12-31"), None).is_empty());
    assert!(titles(Some("2026-04-14"), None).is_empty());
    // In Chinese.
    let zh = doc(ACME, Lang::Zh);
    let action = add_checkin(&zh, Encoding::Utf16, day("2026-05-01")).expect("offered");
    assert_eq!(action.title, "添加今天的复盘记录");
    assert_eq!(action.kind, Some(CodeActionKind::new("source.addCheckin")));
}
