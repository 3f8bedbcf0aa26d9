//! The layout rules of docs/fmt.md, one example each. Every example is also
//! checked to be a fixed point: formatting the result changes nothing.

use super::*;

fn fmt(text: &str) -> String {
    let once = format(text).unwrap_or_else(|d| panic!("{d:#?}"));
    let twice = format(&once).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(once, twice, "formatting is not idempotent on:\n{text}");
    once
}

#[test]
fn lists_windows_and_words_get_canonical_spacing() {
    let text = "plan   \"P\"{period 2026-01-01..2026-12-31 limits main_paths 2,concurrent_battles 3}\n\
                battle b{on p objective revenue +¥1万 ,  n +5 window\n 2026-02-01   ..  2026-03-01\nreview   every 2w}\n";
    assert_eq!(
        fmt(text),
        "plan \"P\" {\n  period 2026-01-01 .. 2026-12-31\n  limits main_paths 2, concurrent_battles 3\n}\n\n\
         battle b {\n  on p\n  objective revenue +¥1万, n +5\n  window 2026-02-01 .. 2026-03-01\n  review every 2w\n}\n"
    );
}

#[test]
fn literals_are_written_exactly_as_they_were() {
    let text = "goal g \"a \\\"quoted\\\" \\u{4e2d} label\" { target revenue ¥2000万 by 2026-12-31 baseline 5_000 split monthly $1.5M, -3%, 12.5% }";
    assert_eq!(
        fmt(text),
        "goal g \"a \\\"quoted\\\" \\u{4e2d} label\" {\n  target revenue ¥2000万 by 2026-12-31\n  baseline 5_000\n  split monthly $1.5M, -3%, 12.5%\n}\n"
    );
}

#[test]
fn items_are_one_blank_line_apart_and_blank_lines_in_blocks_are_kept_once() {
    let text = "\n\ngoal a {\n\n  perspective financial\n\n\n\n  owner \"x\"\n\n}\ngoal b {\n  owner \"y\"\n}\n\n\n\ngoal c {\n  owner \"z\"\n}\n\n\n";
    assert_eq!(
        fmt(text),
        "goal a {\n  perspective financial\n\n  owner \"x\"\n}\n\n\
         goal b {\n  owner \"y\"\n}\n\n\
         goal c {\n  owner \"z\"\n}\n"
    );
}

#[test]
fn one_line_items_of_a_kind_form_an_aligned_table() {
    let text = "metric revenue \"营收\" money\nmetric new_customers \"新增有效客户\" count\nmetric plain count\n\
                resource people \"销售与实施人员\" {\n  capacity 12\n}\nresource budget \"市场预算\" { total ¥120万 }\n";
    assert_eq!(
        fmt(text),
        "metric revenue       \"营收\"         money\n\
         metric new_customers \"新增有效客户\" count\n\
         metric plain                        count\n\n\
         resource people \"销售与实施人员\" { capacity 12 }\n\
         resource budget \"市场预算\"       { total ¥120万 }\n"
    );
}

#[test]
fn a_blank_line_splits_a_table() {
    let text = "metric a money\n\nmetric longer_name count\n";
    assert_eq!(fmt(text), "metric a money\n\nmetric longer_name count\n");
}

#[test]
fn positioning_values_line_up_after_the_longest_key() {
    let text = "positioning {\n  serve \"s\"\n  moat product 4,delivery 3\n  we_are \"w\"\n\n  pain \"p\"\n}\n";
    assert_eq!(
        fmt(text),
        "positioning {\n  serve  \"s\"\n  moat   product 4, delivery 3\n  we_are \"w\"\n\n  pain \"p\"\n}\n"
    );
}

#[test]
fn empty_blocks_close_on_their_line() {
    assert_eq!(
        fmt("goal g \"G\" {\n}\npositioning {   }"),
        "goal g \"G\" {}\n\npositioning {}\n"
    );
}

#[test]
fn a_resource_with_a_comment_inside_keeps_its_block() {
    let text = "resource people {\n  // the whole team\n  capacity 12\n}\n";
    assert_eq!(fmt(text), text);
}

#[test]
fn leading_comments_stay_with_what_follows_them() {
    let text = "// about the plan\nplan \"P\" {\n    // about the period\n       period 2026-01-01 .. 2026-12-31\n}\n// about g\n\ngoal g {\n  owner \"x\"\n}\n";
    assert_eq!(
        fmt(text),
        "// about the plan\nplan \"P\" {\n  // about the period\n  period 2026-01-01 .. 2026-12-31\n}\n// about g\n\ngoal g {\n  owner \"x\"\n}\n"
    );
}

#[test]
fn an_item_with_comments_above_it_is_apart_from_the_one_before() {
    let text =
        "goal a {\n  owner \"x\"\n}\n// about b\n/* and more */\ngoal b {\n  owner \"y\"\n}\n";
    assert_eq!(
        fmt(text),
        "goal a {\n  owner \"x\"\n}\n\n// about b\n/* and more */\ngoal b {\n  owner \"y\"\n}\n"
    );
}

#[test]
fn trailing_comments_stay_at_the_end_of_their_line_aligned_in_a_group() {
    let text = "battle b { // the battle\n  on p // the path\n  needs people 4, budget ¥15万 /* money */ // two\n  review every 2w\n\n  owner \"x\" // alone\n} // done\n";
    assert_eq!(
        fmt(text),
        "battle b { // the battle\n  on p                         // the path\n  needs people 4, budget ¥15万 /* money */ // two\n  review every 2w\n\n  owner \"x\" // alone\n} // done\n"
    );
}

#[test]
fn trailing_comments_of_a_table_line_up() {
    let text = "metric a money // first\nmetric bbbbbb count // second\n";
    assert_eq!(
        fmt(text),
        "metric a      money // first\nmetric bbbbbb count // second\n"
    );
}

#[test]
fn a_line_comment_inside_an_attribute_moves_above_it() {
    let text = "battle b {\n\n  needs people 4, // from sales\n        budget ¥15万 // from marketing\n}\n";
    assert_eq!(
        fmt(text),
        "battle b {\n  // from sales\n  needs people 4, budget ¥15万 // from marketing\n}\n"
    );
}

#[test]
fn a_one_line_block_comment_inside_an_attribute_stays_in_place() {
    let text = "goal g {\n  split quarterly ¥1 /* q1 */, /* q2 */ ¥2,\n ¥3, ¥4\n}\n";
    assert_eq!(
        fmt(text),
        "goal g {\n  split quarterly ¥1, /* q1 */ /* q2 */ ¥2, ¥3, ¥4\n}\n"
    );
}

#[test]
fn a_comment_before_the_first_word_of_a_line_goes_above_it() {
    let text = "positioning { we_are \"w\" /* why */ serve \"s\" }\n";
    assert_eq!(
        fmt(text),
        "positioning {\n  we_are \"w\"\n  /* why */\n  serve  \"s\"\n}\n"
    );
}

#[test]
fn block_comments_over_several_lines_keep_their_text_exactly() {
    let text = "goal g {\n      /* first\n   second  \n\tthird */\n  owner /* a\n b */ \"x\"\n}\n";
    assert_eq!(
        fmt(text),
        "goal g {\n  /* first\n   second  \n\tthird */\n  /* a\n b */\n  owner \"x\"\n}\n"
    );
}

#[test]
fn comments_before_a_closing_brace_stay_inside_the_block() {
    let text = "goal g {\n  owner \"x\"\n\n  // still to decide\n  /* c */ }\n";
    assert_eq!(
        fmt(text),
        "goal g {\n  owner \"x\"\n\n  // still to decide\n  /* c */\n}\n"
    );
}

#[test]
fn comments_after_the_last_item_are_kept() {
    let text = "metric m count\n// one\n\n\n/* two */";
    assert_eq!(fmt(text), "metric m count\n// one\n\n/* two */\n");
}

#[test]
fn a_file_of_comments_only_is_kept() {
    assert_eq!(fmt("  // just a note   \n"), "// just a note\n");
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n  \n"), "");
}

#[test]
fn comment_markers_inside_strings_are_not_comments() {
    let text = "goal g { owner \"// not a comment /* either\" }";
    assert_eq!(
        fmt(text),
        "goal g {\n  owner \"// not a comment /* either\"\n}\n"
    );
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_kept() {
    let text = "\u{feff}// crlf\r\ngoal g {\r\n  owner \"x\" // t\r\n  /* a\r\n  b */\r\n}\r\n";
    assert_eq!(fmt(text), text);
    assert_eq!(
        fmt("goal g { owner \"x\" }"),
        "goal g {\n  owner \"x\"\n}\n"
    );
}

#[test]
fn a_canonical_file_is_left_as_it_is() {
    let text = include_str!("../../examples/acme.plan");
    assert_eq!(fmt(text), text);
}

#[test]
fn syntax_errors_are_refused_with_their_diagnostics() {
    let text = "goal g {\n  owner\n}\nbattle b {\n  window 2026-01-01\n}\n";
    let diagnostics = format(text).expect_err("does not parse");
    assert_eq!(diagnostics.len(), 2);
    assert!(diagnostics.iter().all(|d| d.code == Code::Syntax));
    let (_, errors) = crate::syntax::parse(text);
    let expected: Vec<Diagnostic> = errors.iter().map(|e| e.to_diagnostic()).collect();
    assert_eq!(diagnostics, expected);
}

#[test]
fn semantic_errors_do_not_stop_formatting() {
    // Unknown names, impossible dates: fmt lays out what was written.
    assert_eq!(
        fmt("battle b { on nowhere window 2026-02-30 .. 2026-01-01 }"),
        "battle b {\n  on nowhere\n  window 2026-02-30 .. 2026-01-01\n}\n"
    );
}

#[test]
fn the_safety_net_catches_a_lost_comment() {
    let text = "goal g {} // kept";
    let comments = comments::scan(text);
    assert!(verify::same_comments(text, &comments, "goal g {}\n").is_err());
    assert!(verify::same_comments(text, &comments, "goal g {} // kept\n").is_ok());
}

#[test]
fn the_safety_net_catches_changed_words() {
    let text = "goal g { owner \"x\" }";
    let (file, _) = crate::syntax::parse(text);
    let items = words::items(text, &file, &[]);
    assert!(verify::same_plan(text, &items, "goal g {\n  owner \"x\"\n}\n").is_ok());
    assert!(verify::same_plan(text, &items, "goal g {\n  owner \"y\"\n}\n").is_err());
    assert!(verify::same_plan(text, &items, "goal g {\n  owner\n}\n").is_err());
}

#[test]
fn line_breaks_inside_block_comments_do_not_decide_the_line_ending() {
    let text = "/* a\nb */ goal g {\r\n}\r\n";
    assert_eq!(fmt(text), "/* a\nb */\r\ngoal g {}\r\n");
}
