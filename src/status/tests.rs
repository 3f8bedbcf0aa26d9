//! The status arithmetic on small plans: reviews by calendar months and by
//! days, the planned burn, tactics' wins, the latest check-in per item and
//! the states before, during and after a window.

use super::*;
use crate::date::Duration;

fn d(s: &str) -> Date {
    Date::parse(s).expect("a date")
}

const PLAN: &str = r#"plan "t" { period 2026-01-01 .. 2026-12-31 }
resource budget { total ¥100万 }
metric users count
goal g { target users 1000 by 2026-12-31 }
path p { serves g main }
battle b {
  on p
  objective users +1000
  window 2026-03-01 .. 2026-05-31
  needs budget ¥92万
  review every 1mo
}
tactic t { for b owner "o" win users >= 400 }
checkin 2026-03-10 { actual users 100  status b on_track }
checkin 2026-03-03 { actual users 50  status b at_risk, t at_risk }
checkin 2026-04-20 { actual users 450  spent budget ¥50万 }
"#;

fn at(day: &str) -> Status {
    let analysis = crate::analyze(PLAN, &[]);
    status(&analysis.model, d(day))
}

#[test]
fn the_latest_checkin_counts_whatever_the_order_in_the_file() {
    let s = at("2026-03-20");
    assert_eq!(s.battles[0].state, State::Reported(ItemState::OnTrack));
    assert_eq!(s.battles[0].last_review, Some(d("2026-03-10")));
    assert_eq!(s.tactics[0].state, State::Reported(ItemState::AtRisk));
    assert_eq!(
        s.goals[0].actual.map(|r| r.amount),
        Some(Amount::units(100))
    );
}

#[test]
fn phases_and_states_before_during_and_after_the_window() {
    let before = at("2026-02-01");
    assert_eq!(before.battles[0].phase, Some(Phase::Upcoming));
    assert_eq!(
        before.battles[0].state,
        State::Reported(ItemState::NotStarted)
    );
    // The tactic's window is its battle's.
    assert_eq!(before.tactics[0].phase, Some(Phase::Upcoming));
    let first_day = at("2026-03-01");
    assert_eq!(first_day.battles[0].phase, Some(Phase::Running));
    assert_eq!(first_day.battles[0].state, State::NoData);
    let last_day = at("2026-05-31");
    assert_eq!(last_day.battles[0].phase, Some(Phase::Running));
    let after = at("2026-06-01");
    assert_eq!(after.battles[0].phase, Some(Phase::Ended));
    assert!(after
        .findings
        .iter()
        .any(|f| matches!(f, Finding::BattleNotClosed { battle: 0, .. })));
}

#[test]
fn a_monthly_review_counts_calendar_months() {
    // Reviewed 2026-03-10: the next is due 2026-04-10; on 04-10 it is on
    // time, on 04-11 one day late.
    assert_eq!(at("2026-04-10").battles[0].review_overdue_days, Some(0));
    assert_eq!(at("2026-04-11").battles[0].review_overdue_days, Some(1));
    // 2026-01-31 every month: 2026-02-28 (the month is shorter).
    let every = |count, unit| Duration { count, unit };
    assert_eq!(
        next_review(d("2026-01-31"), every(1, DurationUnit::Month)),
        d("2026-02-28")
    );
    assert_eq!(
        next_review(d("2026-01-31"), every(2, DurationUnit::Week)),
        d("2026-02-14")
    );
    assert_eq!(
        next_review(d("2026-01-31"), every(1, DurationUnit::Quarter)),
        d("2026-04-30")
    );
    assert_eq!(
        next_review(d("2026-02-28"), every(1, DurationUnit::Year)),
        d("2027-02-28")
    );
}

#[test]
fn the_planned_burn_spreads_each_charge_over_its_window() {
    // ¥92万 over 92 days (March to May): ¥1万 a day, both ends counted.
    assert_eq!(at("2026-02-28").pools[0].planned, Amount::ZERO);
    assert_eq!(at("2026-03-01").pools[0].planned, Amount::units(10_000));
    assert_eq!(at("2026-03-31").pools[0].planned, Amount::units(310_000));
    assert_eq!(at("2026-12-31").pools[0].planned, Amount::units(920_000));
    assert_eq!(
        at("2026-04-20").pools[0].spent.map(|r| r.amount),
        Some(Amount::units(500_000))
    );
    assert_eq!(
        burned(
            Amount::units(10),
            DateRange {
                start: d("2026-01-01"),
                end: d("2026-01-03")
            },
            d("2026-01-01")
        ),
        Amount(3_333_333)
    );
}

#[test]
fn a_tactic_is_won_by_the_latest_actual_up_to_its_end() {
    assert_eq!(at("2026-04-01").tactics[0].win, WinState::Open);
    assert_eq!(at("2026-04-20").tactics[0].win, WinState::Won);
    assert_eq!(at("2026-12-01").tactics[0].win, WinState::Won);
    // An actual after the window does not count: 450 on 2026-04-20 is too
    // late for a window ending 2026-04-01.
    let late = PLAN.replace(
        "tactic t { for b owner \"o\" win users >= 400 }",
        "tactic t { for b owner \"o\" window 2026-03-01 .. 2026-04-01 win users >= 400 }",
    );
    let analysis = crate::analyze(&late, &[]);
    assert!(!analysis.has_errors(), "{:?}", analysis.diagnostics);
    let s = status(&analysis.model, d("2026-06-01"));
    assert_eq!(s.tactics[0].win, WinState::Lost);
    assert!(meets(Comparison::Below, Amount::units(1), Amount::units(2)));
    assert!(!meets(
        Comparison::Exactly,
        Amount::units(1),
        Amount::units(2)
    ));
}

#[test]
fn a_goal_before_the_period_and_a_future_checkin() {
    let s = at("2025-12-31");
    assert_eq!(s.goals[0].state, GoalState::NoData);
    assert_eq!(
        s.findings
            .iter()
            .filter(|f| matches!(f, Finding::CheckinInFuture { .. }))
            .count(),
        3
    );
    // The state order of --fail-on.
    let mut states = [
        GoalState::Missed,
        GoalState::AtRisk,
        GoalState::Achieved,
        GoalState::NoData,
        GoalState::OffTrack,
        GoalState::OnTrack,
    ];
    states.sort_by_key(|s| severity_rank(*s));
    assert_eq!(
        states,
        [
            GoalState::Achieved,
            GoalState::OnTrack,
            GoalState::NoData,
            GoalState::AtRisk,
            GoalState::OffTrack,
            GoalState::Missed
        ]
    );
}

#[test]
fn amounts_are_shown_rounded_and_kept_exact() {
    let wan = Style {
        unit: Unit::Money(crate::quantity::Currency::Cny),
        scale: Some(crate::quantity::Scale::Wan),
    };
    assert_eq!(shown(wan, Amount(4_769_230_769_231)), "¥476.92万");
    let count = Style {
        unit: Unit::Count,
        scale: None,
    };
    assert_eq!(shown(count, Amount(1_424_657_534)), "1425");
}
