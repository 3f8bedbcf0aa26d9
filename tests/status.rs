//! `planc status` end to end: the plan of tests/status/faults.plan on days
//! across its year, in every format (insta snapshots), against the
//! published schema; `--fail-on` and `--today` as specified; and the
//! check-in diagnostics `planc check` reports.

use crate::support::{stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const PLAN: &str = "tests/status/faults.plan";
const DAYS: [&str; 6] = [
    "2025-12-01", // before the period: nothing expected, every check-in ahead
    "2026-02-25", // spring running; three goals off track
    "2026-05-20", // summer's monthly review 17 days late
    "2026-07-15", // the half-year goal missed, a tactic lost, the budget overspent
    "2026-12-28", // autumn ended and not closed
    "2027-01-10", // after the period: every goal short of its target is missed
];

fn planc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("planc runs")
}

fn json(day: &str) -> Value {
    let o = planc(&["status", PLAN, "--today", day, "--format", "json"]);
    serde_json::from_str(&stdout(&o)).expect("status JSON")
}

fn schema() -> jsonschema::Validator {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(p)).expect("schema")).expect("JSON")
    };
    let check = read("docs/schema/check.schema.json");
    let status = read("docs/schema/status.json");
    let id = |v: &Value| v["$id"].as_str().expect("an $id").to_string();
    let registry = jsonschema::Registry::new()
        .add(id(&check), check.clone())
        .expect("check schema")
        .prepare()
        .expect("registry");
    jsonschema::options()
        .with_registry(&registry)
        .build(&status)
        .expect("docs/schema/status.json is a valid schema")
}

#[test]
fn human_on_each_day() {
    for day in DAYS {
        let o = planc(&["status", PLAN, "--today", day]);
        let text = format!(
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            o.status.code(),
            stdout(&o),
            stderr(&o)
        );
        insta::assert_snapshot!(format!("status_human_{day}"), text);
    }
}

#[test]
fn human_all_shows_every_battle_and_tactic() {
    let o = planc(&["status", PLAN, "--today", "2026-05-20", "--all"]);
    insta::assert_snapshot!("status_human_all", stdout(&o));
}

#[test]
fn colour_repeats_the_words_and_only_when_asked() {
    let o = planc(&["status", PLAN, "--today", "2026-07-15", "--color", "always"]);
    let out = stdout(&o);
    assert!(out.contains("\x1b[31mmissed\x1b[0m"), "{out}");
    assert!(out.contains("\x1b[33mat risk\x1b[0m"), "{out}");
    let plain = planc(&["status", PLAN, "--today", "2026-07-15"]);
    assert!(
        !stdout(&plain).contains('\x1b'),
        "NO_COLOR and a pipe: no colour"
    );
}

#[test]
fn json_on_each_day_matches_the_schema() {
    let validator = schema();
    for day in DAYS {
        let value = json(day);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{day}: {}", errors.join("\n"));
        insta::assert_json_snapshot!(format!("status_json_{day}"), value);
    }
}

#[test]
fn markdown_on_a_day() {
    let o = planc(&[
        "status",
        PLAN,
        "--today",
        "2026-07-15",
        "--format",
        "markdown",
    ]);
    let text = stdout(&o);
    assert!(text.len() < 1024 * 1024);
    insta::assert_snapshot!("status_markdown_2026-07-15", text);
}

/// Each planted fault fires on its day, and only there.
#[test]
fn the_status_diagnostics_fire_where_planted() {
    let codes = |day: &str| -> Vec<String> {
        json(day)["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| format!("{}@{}", d["code"].as_str().unwrap_or(""), d["line"]))
            .collect()
    };
    assert_eq!(
        codes("2026-05-20"),
        [
            "goal-off-track@28",
            "goal-off-track@33",
            "review-overdue@55",
            "checkin-in-future@104",
            "checkin-in-future@111"
        ]
    );
    let july = codes("2026-07-15");
    assert!(july.contains(&"goal-missed@38".to_string()), "{july:?}");
    assert!(july.contains(&"overspent@107".to_string()), "{july:?}");
    let december = codes("2026-12-28");
    assert!(
        december.contains(&"battle-not-closed@63".to_string()),
        "{december:?}"
    );
    // `planc check` never depends on the day.
    let o = planc(&["check", PLAN]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn states_on_the_days() {
    let state = |day: &str, list: &str, id: &str, key: &str| -> String {
        json(day)[list]
            .as_array()
            .expect("a list")
            .iter()
            .find(|x| x["id"] == id)
            .map(|x| x[key].to_string())
            .unwrap_or_default()
    };
    assert_eq!(state("2025-12-01", "goals", "rev", "state"), "\"no_data\"");
    assert_eq!(
        state("2025-12-01", "battles", "spring", "state"),
        "\"not_started\""
    );
    assert_eq!(
        state("2025-12-01", "battles", "spring", "phase"),
        "\"upcoming\""
    );
    assert_eq!(state("2026-02-25", "goals", "app", "state"), "\"on_track\"");
    assert_eq!(
        state("2026-02-25", "goals", "cheaper", "state"),
        "\"off_track\""
    );
    assert_eq!(
        state("2026-05-20", "battles", "summer", "review_overdue_days"),
        "17"
    );
    assert_eq!(
        state("2026-05-20", "battles", "autumn", "state"),
        "\"not_started\""
    );
    assert_eq!(
        state("2026-07-15", "tactics", "t_summer", "win"),
        "\"lost\""
    );
    assert_eq!(
        state("2026-07-15", "tactics", "t_spring", "win"),
        "\"lost\"" // 300 sign-ups by the end of its window, short of 600
    );
    assert_eq!(
        state("2026-07-15", "tactics", "t_spring", "state"),
        "\"done\""
    );
    assert_eq!(state("2026-07-15", "goals", "app", "state"), "\"missed\"");
    assert_eq!(
        state("2026-12-28", "battles", "summer", "state"),
        "\"done\""
    );
    assert_eq!(
        state("2026-12-28", "battles", "autumn", "phase"),
        "\"ended\""
    );
    assert_eq!(
        state("2026-12-28", "battles", "spring", "last_review"),
        "\"2026-04-03\""
    );
}

#[test]
fn fail_on_exits_1_when_a_goal_is_in_that_state_or_worse() {
    let code = |day: &str, fail_on: Option<&str>| {
        let mut args = vec!["status", PLAN, "--today", day, "--format", "json"];
        if let Some(f) = fail_on {
            args.extend(["--fail-on", f]);
        }
        planc(&args).status.code()
    };
    // Before the period: every goal no_data, no plan error.
    assert_eq!(code("2025-12-01", None), Some(0));
    assert_eq!(code("2025-12-01", Some("at_risk")), Some(0));
    // February: off track goals.
    assert_eq!(code("2026-02-25", None), Some(0));
    assert_eq!(code("2026-02-25", Some("off_track")), Some(1));
    assert_eq!(code("2026-02-25", Some("at_risk")), Some(1));
    // July: the budget is overspent, an error: 1 whatever --fail-on says.
    assert_eq!(code("2026-07-15", None), Some(1));
    // A clean plan whose goals are on track passes both.
    let acme = |f: &str| {
        planc(&[
            "status",
            "examples/acme.plan",
            "--today",
            "2026-04-30",
            "--fail-on",
            f,
        ])
        .status
        .code()
    };
    assert_eq!(acme("off_track"), Some(0));
}

#[test]
fn today_is_read_strictly() {
    for bad in [
        "2026-02-30",
        "2026-4-1",
        "20260401",
        "today",
        "2026-04-01T00:00",
    ] {
        let o = planc(&["status", PLAN, "--today", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&o).contains("is not a real date"),
            "{bad}: {}",
            stderr(&o)
        );
    }
    let o = planc(&["status", PLAN, "--fail-on", "missed"]);
    assert_eq!(o.status.code(), Some(2));
    // Without --today: the local date; the run works whatever day it is.
    let o = planc(&["status", PLAN, "--format", "json"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(v["today"].as_str().is_some_and(|d| d.len() == 10));
}

#[test]
fn a_missing_file_could_not_run() {
    let o = planc(&[
        "status",
        "tests/status/nothing-here.plan",
        "--today",
        "2026-01-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

const CONFLICT: &str = r#"plan "p" { period 2026-01-01 .. 2026-12-31 }
resource budget { total ¥10万 }
resource people { capacity 3 }
metric users count
checkin 2026-03-01 { actual users 10  spent budget ¥1万 }
checkin 2026-03-01 { actual users 12 }
"#;

#[test]
fn conflicting_checkins_and_their_fix() {
    let codes = |text: &str| -> Vec<&'static str> {
        planc::analyze(text, &[])
            .diagnostics
            .iter()
            .map(|d| d.code.name())
            .filter(|c| {
                [
                    "conflicting-checkins",
                    "wrong-kind",
                    "window-outside-period",
                    "unit-mismatch",
                ]
                .contains(c)
            })
            .collect()
    };
    assert_eq!(codes(CONFLICT), ["conflicting-checkins"]);
    // The same value twice is no conflict.
    let fixed = CONFLICT.replace("actual users 12", "actual users 10");
    assert!(codes(&fixed).is_empty());
    // A capacity pool is not spent; a goal has no status; dates in the period; units.
    let wrong = CONFLICT
        .replace("actual users 12", "spent people 1")
        .replace(
            "checkin 2026-03-01 { actual users 10",
            "checkin 2027-03-01 { actual users ¥10",
        );
    let mut got = codes(&wrong);
    got.sort_unstable();
    assert_eq!(
        got,
        ["unit-mismatch", "window-outside-period", "wrong-kind"]
    );
}

#[test]
fn an_actual_alone_does_not_use_a_metric() {
    let text = "plan \"p\" { period 2026-01-01 .. 2026-12-31 }\nmetric users count\ncheckin 2026-03-01 { actual users 10 }\n";
    let names: Vec<&str> = planc::analyze(text, &[])
        .diagnostics
        .iter()
        .map(|d| d.code.name())
        .collect();
    assert!(names.contains(&"unused-metric"), "{names:?}");
}

#[test]
fn completion_in_a_checkin() {
    use planc::lsp::completion::{context, Context};
    use planc::syntax::ast::ItemKind;
    let head = "checkin 2026-04-14 {\n  ";
    assert!(matches!(
        context(head),
        Context::AttrStart(ItemKind::Checkin, _)
    ));
    assert_eq!(
        context(&format!("{head}actual ")),
        Context::Names(ItemKind::Metric)
    );
    assert_eq!(
        context(&format!("{head}actual revenue ¥1万, ")),
        Context::Names(ItemKind::Metric)
    );
    assert_eq!(context(&format!("{head}status ")), Context::Reported);
    assert_eq!(
        context(&format!("{head}status fission at_risk, ")),
        Context::Reported
    );
    let Context::Words(states) = context(&format!("{head}status fission ")) else {
        panic!("the seven states after a status item");
    };
    assert_eq!(states.len(), 7);
    assert_eq!(context(&format!("{head}spent ")), Context::TotalPools);
}

const LANG12: &str = r#"plan "Parts" { period 2026-01-01 .. 2026-12-31 }
metric revenue money
metric web money
metric shops money
metric stores count
metric cash money
goal company { target revenue ¥1000万 by 2026-12-31 }
goal online { target web ¥500万 by 2026-12-31  part_of company }
goal retail { target shops ¥500万 by 2026-12-31  part_of company }
goal more_stores {
  target stores 50 by 2026-12-31
  baseline 10
  milestones quarterly 20, 30, 40, 50
}
goal runway { keep cash >= ¥100万 }
checkin 2026-02-14 { actual web ¥60万, shops ¥40万, stores 14, cash ¥150万 }
checkin 2026-05-01 { actual cash ¥90万 }
"#;

/// Milestones run straight between quarter ends; a guardrail is held, then
/// breached; a goal with parts shows their actuals added up.
#[test]
fn milestones_guardrails_and_parts() {
    let analysis = planc::analyze(LANG12, &[]);
    let day = planc::date::Date::parse("2026-02-20").expect("a date");
    let s = planc::status::status(&analysis.model, day);
    let map = planc::sources::SourceMap::one("p.plan", LANG12.to_string());
    let value = serde_json::to_value(planc::status::json::render(&map, &analysis.model, &s, &[]))
        .expect("JSON");
    let goal = |id: &str| {
        value["goals"]
            .as_array()
            .expect("goals")
            .iter()
            .find(|g| g["id"] == id)
            .cloned()
            .expect("the goal")
    };
    // Stores: 10 on 01-01 to 20 on 03-31 (90 days); on 02-14, day 45: 15.
    assert_eq!(goal("more_stores")["expected"], 15);
    assert_eq!(goal("more_stores")["state"], "at_risk"); // (14-10)/(15-10) = 80%
    assert_eq!(goal("runway")["state"], "held");
    assert_eq!(goal("runway")["bound"], 1_000_000);
    assert_eq!(
        goal("company")["parts"],
        serde_json::json!(["online", "retail"])
    );
    assert_eq!(goal("company")["parts_actual"], 1_000_000);
    assert!(schema().is_valid(&value), "{value:#}");

    let later = planc::date::Date::parse("2026-05-02").expect("a date");
    let s = planc::status::status(&analysis.model, later);
    let ds = planc::status::diagnostics(&analysis.model, &s, &[]);
    assert!(ds.iter().any(|d| d.code.name() == "guardrail-breached"));
    let breached = s
        .goals
        .iter()
        .find(|g| analysis.model.goals[g.goal].common.name() == "runway")
        .expect("runway");
    assert_eq!(breached.state, planc::schedule::GoalState::Breached);
    // --fail-on: breached is the worst state.
    assert_eq!(
        planc::status::severity_rank(planc::schedule::GoalState::Breached),
        7
    );
}

/// `plan { alerts … }` moves the thresholds: acme's revenue, at 88% of
/// plan on 2026-04-20, is at risk under the default 95% and on track when
/// the plan says at risk starts below 85%; a threshold that is not a
/// percentage, or an `off_track` above `at_risk`, is an invalid literal.
#[test]
fn alerts_set_the_thresholds() {
    let acme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme.plan"))
            .expect("acme");
    let day = planc::date::Date::parse("2026-04-20").expect("a date");
    let state = |text: &str| {
        let analysis = planc::analyze(text, &[]);
        assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
        let s = planc::status::status(&analysis.model, day);
        let revenue = analysis
            .model
            .goals
            .iter()
            .position(|g| g.common.name() == "revenue_2026")
            .expect("revenue");
        s.goals[revenue].state
    };
    use planc::schedule::GoalState;
    assert_eq!(state(&acme), GoalState::AtRisk);
    let relaxed = acme.replacen(
        "period 2026-01-01 .. 2026-12-31",
        "period 2026-01-01 .. 2026-12-31\n  alerts at_risk 85%, off_track 70%",
        1,
    );
    assert_ne!(relaxed, acme);
    assert_eq!(state(&relaxed), GoalState::OnTrack);
    let strict = relaxed.replace("at_risk 85%, off_track 70%", "at_risk 99%, off_track 90%");
    assert_eq!(state(&strict), GoalState::OffTrack);

    for bad in ["at_risk 120%", "at_risk 80%, off_track 90%"] {
        let text = relaxed.replace("at_risk 85%, off_track 70%", bad);
        let codes: Vec<&str> = planc::analyze(&text, &[])
            .diagnostics
            .iter()
            .map(|d| d.code.name())
            .collect();
        assert_eq!(codes, ["invalid-literal"], "{bad}");
    }
}
