//! The status diagnostics: what `planc status` finds on the day, typed, and
//! all their wording (here alone, so it can be translated in one place).
//! They go out as the same [`Diagnostic`] `planc check` prints.

use super::{Reading, State};
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Model;
use crate::quantity::{Amount, Style, Unit};
use crate::schedule::Ratio;

mod zh;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A goal's pace below `alerts off_track`.
    GoalOffTrack {
        goal: usize,
        actual: Reading,
        expected: Amount,
        pace: Ratio,
        /// The threshold, in percent.
        threshold: Amount,
    },
    /// A goal's date has passed without its target reached.
    GoalMissed {
        goal: usize,
        due: Date,
        actual: Option<Reading>,
    },
    /// A running battle not reviewed for longer than its cadence.
    ReviewOverdue {
        battle: usize,
        days: i64,
        last_review: Option<Date>,
        /// The last review, or the battle's start.
        since: Date,
    },
    /// A battle's window has ended and it is neither done nor dropped.
    BattleNotClosed {
        battle: usize,
        end: Date,
        state: State,
    },
    /// A pool's latest `spent` above its total.
    Overspent {
        resource: usize,
        spent: Reading,
        total: Amount,
    },
    /// A guardrail's latest actual on the wrong side of its bound.
    GuardrailBreached { goal: usize, actual: Reading },
    /// A check-in dated after the day.
    CheckinInFuture {
        checkin: usize,
        date: Date,
        today: Date,
    },
}

impl Finding {
    pub fn code(&self) -> Code {
        match self {
            Finding::GoalOffTrack { .. } => Code::GoalOffTrack,
            Finding::GoalMissed { .. } => Code::GoalMissed,
            Finding::ReviewOverdue { .. } => Code::ReviewOverdue,
            Finding::BattleNotClosed { .. } => Code::BattleNotClosed,
            Finding::Overspent { .. } => Code::Overspent,
            Finding::GuardrailBreached { .. } => Code::GuardrailBreached,
            Finding::CheckinInFuture { .. } => Code::CheckinInFuture,
        }
    }

    /// The item whose `allow` may silence it (`None`: the plan's only).
    pub fn item(&self) -> Option<crate::model::ItemId> {
        use crate::syntax::ast::ItemKind;
        let (kind, index) = match self {
            Finding::GoalOffTrack { goal, .. }
            | Finding::GoalMissed { goal, .. }
            | Finding::GuardrailBreached { goal, .. } => (ItemKind::Goal, *goal),
            Finding::ReviewOverdue { battle, .. } | Finding::BattleNotClosed { battle, .. } => {
                (ItemKind::Battle, *battle)
            }
            _ => return None,
        };
        Some(crate::model::ItemId { kind, index })
    }

    /// The diagnostic, worded in `lang`.
    pub fn to_diagnostic_in(&self, m: &Model, lang: crate::lang::Lang) -> Diagnostic {
        match lang {
            crate::lang::Lang::En => self.to_diagnostic(m),
            crate::lang::Lang::Zh => zh::words_of(self, m),
        }
    }

    pub fn to_diagnostic(&self, m: &Model) -> Diagnostic {
        match self {
            Finding::GoalOffTrack {
                goal,
                actual,
                expected,
                pace,
                threshold,
            } => {
                let g = &m.goals[*goal];
                let style = goal_style(m, *goal);
                let percent = pace_percent(*pace);
                Diagnostic::new(
                    Code::GoalOffTrack,
                    g.common.id.span,
                    format!(
                        "goal `{}` is off track: {} on {} where the plan expected {} (pace {percent})",
                        g.common.name(),
                        super::shown(style, actual.amount),
                        actual.date,
                        super::shown(style, *expected),
                    ),
                )
                .with_span_label(format!("pace {percent}, below {}", Style {
                    unit: Unit::Percent,
                    scale: None
                }
                .format(*threshold)))
                .with_label(actual.span, format!("the latest actual, {}", actual.date))
                .with_help(
                    "Review the battles serving this goal: concentrate resources on the one that moves it, or change the plan (the split, the date) openly rather than let it slip.",
                )
            }
            Finding::GoalMissed { goal, due, actual } => {
                let g = &m.goals[*goal];
                let style = goal_style(m, *goal);
                let target = g
                    .target
                    .as_ref()
                    .map_or_else(String::new, |t| t.qty.text.to_string());
                let d = Diagnostic::new(
                    Code::GoalMissed,
                    g.common.id.span,
                    match actual {
                        Some(a) => format!(
                            "goal `{}` was due on {due} and stands at {} ({}), short of {target}",
                            g.common.name(),
                            super::shown(style, a.amount),
                            a.date
                        ),
                        None => format!(
                            "goal `{}` was due on {due} and no check-in gives its actual",
                            g.common.name()
                        ),
                    },
                )
                .with_span_label("target date passed");
                let d = match actual {
                    Some(a) => d.with_label(a.span, format!("the latest actual, {}", a.date)),
                    None => d,
                };
                d.with_help("Close it honestly: record the final actual in a check-in, write down what was learned, and set the next goal in a new plan.")
            }
            Finding::ReviewOverdue {
                battle,
                days,
                last_review,
                since,
            } => {
                let b = &m.battles[*battle];
                let cadence = b
                    .review
                    .as_ref()
                    .map_or_else(String::new, |r| duration_text(r.value));
                let d = Diagnostic::new(
                    Code::ReviewOverdue,
                    b.common.id.span,
                    match last_review {
                        Some(last) if last >= since => format!(
                            "battle `{}` is reviewed every {cadence} but was last reviewed on {last}: {} late",
                            b.common.name(),
                            days_word(*days)
                        ),
                        _ => format!(
                            "battle `{}` is reviewed every {cadence} but has had no review since it started on {since}: {} late",
                            b.common.name(),
                            days_word(*days)
                        ),
                    },
                )
                .with_span_label(format!("{} late", days_word(*days)));
                let d = match &b.review {
                    Some(r) => d.with_label(r.span, "the review cadence"),
                    None => d,
                };
                d.with_help(format!(
                    "Hold the review and record it: `checkin DATE {{ status {} on_track }}` with the state its owner reports.",
                    b.common.name()
                ))
            }
            Finding::BattleNotClosed { battle, end, state } => {
                let b = &m.battles[*battle];
                let d = Diagnostic::new(
                    Code::BattleNotClosed,
                    b.common.id.span,
                    format!(
                        "battle `{}` ended on {end} but its latest state is `{}`",
                        b.common.name(),
                        state.word()
                    ),
                )
                .with_span_label("window ended, not closed");
                let d = match &b.window {
                    Some(w) => d.with_label(w.span, "its window"),
                    None => d,
                };
                d.with_help(format!(
                    "Close it in a check-in: `status {} done` if it was won, `status {} dropped` if it was given up, and note what was learned.",
                    b.common.name(),
                    b.common.name()
                ))
            }
            Finding::Overspent {
                resource,
                spent,
                total,
            } => {
                let r = &m.resources[*resource];
                let style = r.amount.as_ref().map_or(
                    Style {
                        unit: Unit::Count,
                        scale: None,
                    },
                    |q| q.style(),
                );
                let d = Diagnostic::new(
                    Code::Overspent,
                    spent.span,
                    format!(
                        "`{}` is overspent: {} used by {}, more than its total of {}",
                        r.common.name(),
                        style.format(spent.amount),
                        spent.date,
                        style.format(*total)
                    ),
                )
                .with_span_label(format!("{} over", style.format(spent.amount.minus(*total))));
                let d = match &r.amount {
                    Some(q) => d.with_label(q.span, "the total"),
                    None => d,
                };
                d.with_help("Stop or cut the spending now, or raise the pool's `total` openly if the board agrees to more.")
            }
            Finding::GuardrailBreached { goal, actual } => {
                let g = &m.goals[*goal];
                let (op, bound, style) = g.keep.as_ref().map_or(
                    (
                        "",
                        String::new(),
                        Style {
                            unit: Unit::Count,
                            scale: None,
                        },
                    ),
                    |k| (k.op.op(), k.qty.text.to_string(), k.qty.style()),
                );
                let metric = g.keep.as_ref().map_or("", |k| k.metric.name.as_str());
                let d = Diagnostic::new(
                    Code::GuardrailBreached,
                    g.common.id.span,
                    format!(
                        "guardrail `{}` is breached: `{metric}` was {} on {}, and must stay {op} {bound}",
                        g.common.name(),
                        super::shown(style, actual.amount),
                        actual.date
                    ),
                )
                .with_span_label(format!("keep {metric} {op} {bound}"))
                .with_label(actual.span, format!("the latest actual, {}", actual.date));
                d.with_help("A guardrail is what the plan must not sacrifice while it chases its targets: act now (slow the spending, spread the risk) and record the next actual when it holds again.")
            }
            Finding::CheckinInFuture {
                checkin,
                date,
                today,
            } => {
                let c = &m.checkins[*checkin];
                Diagnostic::new(
                    Code::CheckinInFuture,
                    c.head_span(),
                    format!("this check-in is dated {date}, after the day of this status ({today}); it is left out"),
                )
                .with_span_label("in the future")
                .with_help("Fix the date if it is a typo; a check-in records what has happened, so it is dated on or before the review. `--today` sets the day of the status.")
            }
        }
    }
}

fn goal_style(m: &Model, goal: usize) -> Style {
    m.goals[goal].target.as_ref().map_or(
        Style {
            unit: Unit::Count,
            scale: None,
        },
        |t| t.qty.style(),
    )
}

/// `73%`: a pace for people, rounded to a whole percent.
pub(crate) fn pace_percent(pace: Ratio) -> String {
    format!("{:.0}%", pace.to_f64() * 100.0)
}

fn days_word(days: i64) -> String {
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}

/// `2w`, `1mo`: a cadence as written.
fn duration_text(d: crate::date::Duration) -> String {
    use crate::date::DurationUnit;
    let unit = match d.unit {
        DurationUnit::Day => "d",
        DurationUnit::Week => "w",
        DurationUnit::Month => "mo",
        DurationUnit::Quarter => "q",
        DurationUnit::Year => "y",
    };
    format!("{}{unit}", d.count)
}
