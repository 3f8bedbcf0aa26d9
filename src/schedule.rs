//! Where a goal should stand on a day: the blocks of a `split` or of
//! `milestones`, the expected value, pace and the goal's state, exactly as
//! LANGUAGE.md's *Check-ins and status* defines them.
//!
//! Everything is exact: amounts are integer millionths ([`Amount`]), a share
//! of days is a fraction of integers, and pace is a [`Ratio`] that becomes a
//! float only when printed.

use crate::date::{days_in_month, Date, DateRange};
use crate::quantity::Amount;
use std::cmp::Ordering;

/// How a `split` or `milestones` cuts the time up to a goal's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cadence {
    /// Three-month blocks counted from the period's first day.
    Quarterly,
    /// Calendar months.
    Monthly,
}

/// The day `months` months after `date`, clamped to the end of that month
/// (2026-01-31 plus one month is 2026-02-28).
pub fn add_months(date: Date, months: u32) -> Date {
    let (y, m, d) = date.ymd();
    let index = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(months);
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    let y = i32::try_from(y).unwrap_or(i32::MAX);
    let start_of_month = Date::parse(&format!("{y:04}-{m:02}-01"));
    match start_of_month {
        Some(s) => s.add_days(d.min(days_in_month(y, m)) as i32 - 1),
        // Past year 9999: dates this far out are never inside a plan period.
        None => Date(i32::MAX / 2),
    }
}

/// The blocks of a split or milestones for a goal due on `due` in a period
/// starting on `start`: one per quarter (month) from `start` up to `due`, the
/// last one cut at `due`. Empty when `due` is before `start`.
pub fn blocks(cadence: Cadence, start: Date, due: Date) -> Blocks {
    Blocks {
        cadence,
        start,
        due,
        next: if due < start { None } else { Some(start) },
        index: 0,
    }
}

/// How many blocks [`blocks`] yields, without listing them: a 2 000-year
/// period has 24 000 months and a split must be checked against that number.
pub fn block_count(cadence: Cadence, start: Date, due: Date) -> u64 {
    if due < start {
        return 0;
    }
    let (sy, sm, _) = start.ymd();
    let (dy, dm, _) = due.ymd();
    match cadence {
        Cadence::Monthly => {
            ((i64::from(dy) - i64::from(sy)) * 12 + i64::from(dm) - i64::from(sm) + 1) as u64
        }
        Cadence::Quarterly => {
            // Whole months from start to due, then blocks of three; a block
            // has begun when its first day is on or before `due`.
            let months = (i64::from(dy) - i64::from(sy)) * 12 + i64::from(dm) - i64::from(sm);
            let mut n = (months / 3).max(0) as u64 + 1;
            // `add_months` clamps days, so check the boundary block exactly.
            while n > 1 && quarter_start(start, n - 1) > due {
                n -= 1;
            }
            while quarter_start(start, n) <= due {
                n += 1;
            }
            n
        }
    }
}

fn quarter_start(start: Date, k: u64) -> Date {
    add_months(start, u32::try_from(k * 3).unwrap_or(u32::MAX))
}

/// The iterator [`blocks`] returns.
#[derive(Clone, Debug)]
pub struct Blocks {
    cadence: Cadence,
    start: Date,
    due: Date,
    next: Option<Date>,
    index: u64,
}

impl Iterator for Blocks {
    type Item = DateRange;

    fn next(&mut self) -> Option<DateRange> {
        let begin = self.next?;
        self.index += 1;
        let following = match self.cadence {
            Cadence::Quarterly => quarter_start(self.start, self.index),
            Cadence::Monthly => begin.month_start_after(1),
        };
        let end = following.add_days(-1).min(self.due);
        self.next = (following <= self.due).then_some(following);
        Some(DateRange { start: begin, end })
    }
}

/// How a goal's planned line runs from the period's first day to its date.
#[derive(Clone, Copy, Debug)]
pub enum Line<'a> {
    /// `split`: the amount of each block; the line accumulates from 0.
    Split(Cadence, &'a [Amount]),
    /// `milestones`: where the level should stand at each block's end,
    /// starting from the baseline.
    Milestones(Cadence, &'a [Amount]),
    /// Neither: a straight line from the baseline to the target.
    Straight,
}

/// What status needs to know of a goal with a `target`.
#[derive(Clone, Copy, Debug)]
pub struct GoalLine<'a> {
    /// The plan period's first day.
    pub start: Date,
    /// The goal's date (`target … by DATE`).
    pub due: Date,
    pub baseline: Amount,
    pub target: Amount,
    pub line: Line<'a>,
}

/// A fraction of two integers, kept exact until it is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    pub num: i128,
    /// Always positive.
    pub den: i128,
}

impl Ratio {
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        match den.cmp(&0) {
            Ordering::Equal => None,
            Ordering::Greater => Some(Ratio { num, den }),
            Ordering::Less => Some(Ratio {
                num: num.checked_neg()?,
                den: den.checked_neg()?,
            }),
        }
    }

    /// For printing and JSON only.
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Whether this ratio is below `percent` (an amount in percent: 95% is
    /// `Amount::units(95)`), compared exactly.
    pub fn below_percent(self, percent: Amount) -> bool {
        // num/den < p/(100·SCALE)  ⇔  num·100·SCALE < p·den  (den > 0)
        let lhs = self.num.saturating_mul(100 * crate::quantity::SCALE);
        let rhs = percent.0.saturating_mul(self.den);
        lhs < rhs
    }
}

/// `value × part / whole`, rounded half away from zero, in millionths.
fn share(value: Amount, part: i64, whole: i64) -> Amount {
    if whole <= 0 {
        return value;
    }
    let part = part.clamp(0, whole);
    let n = value.0.saturating_mul(i128::from(part));
    let d = i128::from(whole);
    let q = n / d;
    let r = n % d;
    let rounded = if 2 * r.abs() >= d { q + n.signum() } else { q };
    Amount(rounded)
}

/// Days of `range` up to and including `d` (0 before it, all after it).
fn elapsed(range: DateRange, d: Date) -> i64 {
    if d < range.start {
        0
    } else {
        i64::from(d.min(range.end).0) - i64::from(range.start.0) + 1
    }
}

fn len(range: DateRange) -> i64 {
    i64::from(range.end.0) - i64::from(range.start.0) + 1
}

impl GoalLine<'_> {
    /// The line's starting value: 0 for a split (it accumulates), the
    /// baseline otherwise.
    pub fn origin(&self) -> Amount {
        match self.line {
            Line::Split(..) => Amount::ZERO,
            _ => self.baseline,
        }
    }

    /// Whether the goal goes down (cost from ¥80 to ¥50): then behind the
    /// line means above it.
    pub fn decreasing(&self) -> bool {
        self.target < self.origin()
    }

    /// The expected value on day `d`: the sum of the ended blocks' values
    /// plus the current one's times the share of its days elapsed, `d`
    /// itself counted (split); the straight line between milestones
    /// (milestones); the straight line from baseline to target (neither).
    /// Before the period it is the origin; from the goal's date on, the
    /// target (the last milestone, the split's sum).
    pub fn expected(&self, d: Date) -> Amount {
        match self.line {
            Line::Split(cadence, values) => {
                let mut sum = Amount::ZERO;
                for (block, value) in blocks(cadence, self.start, self.due).zip(values) {
                    if d < block.start {
                        break;
                    }
                    sum = sum.plus(share(*value, elapsed(block, d), len(block)));
                }
                sum
            }
            Line::Milestones(cadence, values) => {
                let mut previous = self.baseline;
                for (block, value) in blocks(cadence, self.start, self.due).zip(values) {
                    if d <= block.end {
                        let step = value.minus(previous);
                        return previous.plus(share(step, elapsed(block, d), len(block)));
                    }
                    previous = *value;
                }
                previous
            }
            Line::Straight => {
                let whole = DateRange {
                    start: self.start,
                    end: self.due,
                };
                if self.due < self.start {
                    return self.target;
                }
                let step = self.target.minus(self.baseline);
                self.baseline
                    .plus(share(step, elapsed(whole, d), len(whole)))
            }
        }
    }

    /// Pace on the actual's own date: (actual − origin) / (expected − origin).
    /// `None` when nothing is expected yet (expected = origin).
    pub fn pace(&self, actual: Amount, on: Date) -> Option<Ratio> {
        let origin = self.origin();
        Ratio::new(actual.minus(origin).0, self.expected(on).minus(origin).0)
    }

    /// Whether `actual` reaches the target, in the goal's direction.
    pub fn reached(&self, actual: Amount) -> bool {
        if self.decreasing() {
            actual <= self.target
        } else {
            actual >= self.target
        }
    }
}

/// A goal's state on a day (LANGUAGE.md's names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GoalState {
    Achieved,
    /// A guardrail (`keep`) whose latest actual keeps its bound.
    Held,
    OnTrack,
    NoData,
    AtRisk,
    OffTrack,
    Missed,
    /// A guardrail whose latest actual is on the wrong side of its bound.
    Breached,
}

impl GoalState {
    pub fn word(self) -> &'static str {
        match self {
            GoalState::Achieved => "achieved",
            GoalState::OnTrack => "on_track",
            GoalState::NoData => "no_data",
            GoalState::AtRisk => "at_risk",
            GoalState::OffTrack => "off_track",
            GoalState::Missed => "missed",
            GoalState::Held => "held",
            GoalState::Breached => "breached",
        }
    }
}

/// The pace thresholds of `plan { alerts … }`, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alerts {
    pub at_risk: Amount,
    pub off_track: Amount,
}

impl Default for Alerts {
    fn default() -> Alerts {
        Alerts {
            at_risk: Amount::units(95),
            off_track: Amount::units(80),
        }
    }
}

/// The state of a goal on `today`, given its latest actual on or before
/// that day (`None`: no data). `achieved` once the actual reaches the
/// target; `missed` once the date has passed without it; else by pace.
/// A pace that cannot be computed (nothing expected yet) is on track.
pub fn goal_state(
    line: &GoalLine,
    latest: Option<(Date, Amount)>,
    today: Date,
    alerts: Alerts,
) -> GoalState {
    let reached = latest.is_some_and(|(_, a)| line.reached(a));
    if reached {
        return GoalState::Achieved;
    }
    if today > line.due {
        return GoalState::Missed;
    }
    let Some((on, actual)) = latest else {
        return GoalState::NoData;
    };
    match line.pace(actual, on) {
        Some(p) if p.below_percent(alerts.off_track) => GoalState::OffTrack,
        Some(p) if p.below_percent(alerts.at_risk) => GoalState::AtRisk,
        _ => GoalState::OnTrack,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("a date")
    }
    fn wan(n: i64) -> Amount {
        Amount::units(n * 10_000)
    }

    #[test]
    fn quarters_count_from_the_period_start_and_the_last_is_cut_at_the_date() {
        let q: Vec<String> = blocks(Cadence::Quarterly, d("2026-04-01"), d("2027-03-31"))
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            q,
            [
                "2026-04-01 .. 2026-06-30",
                "2026-07-01 .. 2026-09-30",
                "2026-10-01 .. 2026-12-31",
                "2027-01-01 .. 2027-03-31"
            ]
        );
        let mid: Vec<String> = blocks(Cadence::Quarterly, d("2026-01-01"), d("2026-05-15"))
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            mid,
            ["2026-01-01 .. 2026-03-31", "2026-04-01 .. 2026-05-15"]
        );
        assert_eq!(
            blocks(Cadence::Quarterly, d("2026-01-01"), d("2025-12-31")).count(),
            0
        );
    }

    #[test]
    fn months_are_calendar_months() {
        let m: Vec<String> = blocks(Cadence::Monthly, d("2026-01-15"), d("2026-03-10"))
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            m,
            [
                "2026-01-15 .. 2026-01-31",
                "2026-02-01 .. 2026-02-28",
                "2026-03-01 .. 2026-03-10"
            ]
        );
    }

    #[test]
    fn the_count_is_the_real_number_even_for_two_thousand_years() {
        assert_eq!(
            block_count(Cadence::Monthly, d("2000-01-01"), d("3999-12-31")),
            24_000
        );
        assert_eq!(
            block_count(Cadence::Quarterly, d("2000-01-01"), d("3999-12-31")),
            8_000
        );
        for (s, e) in [
            ("2026-01-31", "2026-12-30"),
            ("2026-01-01", "2026-06-30"),
            ("2026-04-15", "2027-04-14"),
            ("2026-02-28", "2026-02-28"),
            ("2024-02-29", "2025-03-01"),
        ] {
            for c in [Cadence::Monthly, Cadence::Quarterly] {
                assert_eq!(
                    block_count(c, d(s), d(e)),
                    blocks(c, d(s), d(e)).count() as u64,
                    "{c:?} {s} {e}"
                );
            }
        }
    }

    fn acme<'a>(values: &'a [Amount]) -> GoalLine<'a> {
        GoalLine {
            start: d("2026-01-01"),
            due: d("2026-12-31"),
            baseline: wan(1200),
            target: wan(2000),
            line: Line::Split(Cadence::Quarterly, values),
        }
    }

    #[test]
    fn a_split_goal_mid_quarter_and_on_a_quarters_first_and_last_day() {
        let values = [wan(400), wan(500), wan(500), wan(600)];
        let g = acme(&values);
        // Q1 ends 2026-03-31: its whole value counts on its last day.
        assert_eq!(g.expected(d("2026-03-31")), wan(400));
        // Q2's first day: 1 of its 91 days.
        assert_eq!(
            g.expected(d("2026-04-01")),
            wan(400).plus(share(wan(500), 1, 91))
        );
        // 2026-04-14: 14 of 91 days of ¥500万.
        let mid = g.expected(d("2026-04-14"));
        assert_eq!(mid, wan(400).plus(share(wan(500), 14, 91)));
        assert_eq!(mid.to_decimal(), "4769230.769231");
        // A day before the period: nothing expected yet, pace undefined.
        assert_eq!(g.expected(d("2025-12-31")), Amount::ZERO);
        assert_eq!(g.pace(wan(10), d("2025-12-31")), None);
        // After the goal's date: the whole target.
        assert_eq!(g.expected(d("2027-06-01")), wan(2000));
    }

    #[test]
    fn pace_and_state_with_the_default_alerts() {
        let values = [wan(400), wan(500), wan(500), wan(600)];
        let g = acme(&values);
        let day = d("2026-03-31");
        let state = |a: Amount| goal_state(&g, Some((day, a)), day, Alerts::default());
        assert_eq!(state(wan(400)), GoalState::OnTrack);
        assert_eq!(state(wan(380)), GoalState::OnTrack); // 95% exactly
        assert_eq!(state(wan(379)), GoalState::AtRisk);
        assert_eq!(state(wan(320)), GoalState::AtRisk); // 80% exactly
        assert_eq!(state(wan(319)), GoalState::OffTrack);
        assert_eq!(state(wan(2000)), GoalState::Achieved);
        assert_eq!(
            goal_state(&g, None, day, Alerts::default()),
            GoalState::NoData
        );
        assert_eq!(
            goal_state(
                &g,
                Some((day, wan(1999))),
                d("2027-01-01"),
                Alerts::default()
            ),
            GoalState::Missed
        );
        let p = g.pace(wan(360), day).expect("a pace");
        assert!((p.to_f64() - 0.9).abs() < 1e-12);
    }

    #[test]
    fn a_decreasing_goal_is_behind_above_its_line() {
        // Cost per order from ¥80 to ¥50 over the year.
        let g = GoalLine {
            start: d("2026-01-01"),
            due: d("2026-12-31"),
            baseline: Amount::units(80),
            target: Amount::units(50),
            line: Line::Straight,
        };
        assert!(g.decreasing());
        let day = d("2026-07-02"); // day 183 of 365
        let expected = g.expected(day);
        assert_eq!(
            expected,
            Amount::units(80).plus(share(Amount::units(-30), 183, 365))
        );
        let state = |a: Amount| goal_state(&g, Some((day, a)), day, Alerts::default());
        assert_eq!(state(Amount::units(64)), GoalState::OnTrack); // below the line
        assert_eq!(state(Amount::units(70)), GoalState::OffTrack); // 10/15 = 67%
        assert_eq!(state(Amount::units(50)), GoalState::Achieved);
    }

    #[test]
    fn milestones_run_straight_between_quarter_ends_from_the_baseline() {
        // Stores from 10 to 50: 20, 30, 40, 50 at each quarter's end.
        let values = [20, 30, 40, 50].map(Amount::units);
        let g = GoalLine {
            start: d("2026-01-01"),
            due: d("2026-12-31"),
            baseline: Amount::units(10),
            target: Amount::units(50),
            line: Line::Milestones(Cadence::Quarterly, &values),
        };
        assert_eq!(g.expected(d("2026-03-31")), Amount::units(20));
        assert_eq!(g.expected(d("2026-06-30")), Amount::units(30));
        assert_eq!(g.expected(d("2026-12-31")), Amount::units(50));
        // Halfway through Q1 (45 of 90 days): 15 stores.
        assert_eq!(g.expected(d("2026-02-14")), Amount::units(15));
        assert_eq!(g.origin(), Amount::units(10));
        // 14 stores on 2026-02-14: (14-10)/(15-10) = 80%: at risk, not off track.
        assert_eq!(
            goal_state(
                &g,
                Some((d("2026-02-14"), Amount::units(14))),
                d("2026-02-20"),
                Alerts::default()
            ),
            GoalState::AtRisk
        );
    }

    #[test]
    fn a_goal_due_before_the_period_ends() {
        let values = [wan(250), wan(350)];
        let g = GoalLine {
            start: d("2026-01-01"),
            due: d("2026-06-30"),
            baseline: Amount::ZERO,
            target: wan(600),
            line: Line::Split(Cadence::Quarterly, &values),
        };
        assert_eq!(block_count(Cadence::Quarterly, g.start, g.due), 2);
        assert_eq!(g.expected(d("2026-06-30")), wan(600));
        assert_eq!(g.expected(d("2026-09-30")), wan(600));
        assert_eq!(
            goal_state(
                &g,
                Some((d("2026-06-30"), wan(590))),
                d("2026-07-01"),
                Alerts::default()
            ),
            GoalState::Missed
        );
    }

    /// The expected value, recomputed one day at a time: each day of a block
    /// adds its value / the block's length, as an exact fraction.
    fn day_by_day(values: &[Amount], start: Date, due: Date, day: Date) -> (i128, i128) {
        let mut num = 0i128;
        let mut den = 1i128;
        for (block, value) in blocks(Cadence::Quarterly, start, due).zip(values) {
            let l = i128::from(len(block));
            let mut cur = block.start;
            while cur <= block.end && cur <= day {
                // num/den + value/l
                num = num * l + value.0 * den;
                den *= l;
                let g = gcd(num.abs(), den);
                num /= g;
                den /= g;
                cur = cur.add_days(1);
            }
        }
        (num, den)
    }

    fn gcd(mut a: i128, mut b: i128) -> i128 {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a.max(1)
    }

    proptest! {
        #[test]
        fn expected_agrees_with_a_day_by_day_count(
            values in proptest::collection::vec(0i64..5_000, 4),
            offset in 0i32..420,
            actual in 0i64..20_000,
        ) {
            let values: Vec<Amount> = values.into_iter().map(Amount::units).collect();
            let target = values.iter().fold(Amount::ZERO, |a, v| a.plus(*v));
            let g = GoalLine {
                start: d("2026-01-01"),
                due: d("2026-12-31"),
                baseline: Amount::ZERO,
                target,
                line: Line::Split(Cadence::Quarterly, &values),
            };
            let day = d("2025-12-20").add_days(offset);
            let (num, den) = day_by_day(&values, g.start, g.due, day);
            let expected = g.expected(day);
            // Rounded to the nearest millionth.
            prop_assert!((expected.0 * den - num).abs() * 2 <= den, "{expected:?} vs {num}/{den}");
            // Pace is the actual over that expected value, exactly, so it is
            // off the exact fraction by no more than the half millionth the
            // expected value was rounded by (a tiny expected value, one unit
            // spread over a quarter, makes that a visible share).
            let actual = Amount::units(actual);
            if let Some(p) = g.pace(actual, day) {
                prop_assert_eq!(p, Ratio::new(actual.0, expected.0).expect("expected is not 0"));
                let exact = actual.0 as f64 * den as f64 / num as f64;
                let rounding = 0.5 / (expected.0.abs() as f64 - 0.5);
                prop_assert!(
                    (p.to_f64() - exact).abs() <= exact.abs() * rounding + 1e-9,
                    "{p:?} vs {exact}"
                );
            }
        }
    }
}
