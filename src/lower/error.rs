//! What lowering finds wrong, in the user's terms.

use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic};
use crate::quantity::NumberError;
use crate::span::Span;
use crate::syntax::ast::{AttrKey, ItemKind};

mod zh;

#[derive(Clone, Debug, PartialEq)]
pub enum LowerError {
    DuplicateAttribute {
        kind: ItemKind,
        key: AttrKey,
        first: Span,
        span: Span,
    },
    DuplicateLimit {
        key: String,
        first: Span,
        span: Span,
    },
    DuplicateName {
        name: String,
        kind: ItemKind,
        span: Span,
        first_kind: ItemKind,
        first: Span,
    },
    MissingAttribute {
        span: Span,
        message: String,
        label: &'static str,
        help: &'static str,
    },
    CapacityAndTotal {
        first: Span,
        span: Span,
    },
    CapacityNotCount {
        span: Span,
    },
    /// A goal with both `target` and `keep`.
    TargetAndKeep {
        first: Span,
        span: Span,
    },
    /// A goal with both `split` and `milestones`.
    SplitAndMilestones {
        first: Span,
        span: Span,
    },
    PlanMissing,
    ExtraPlan {
        first: Span,
        span: Span,
    },
    ExtraPositioning {
        first: Span,
        span: Span,
    },
    BadDate {
        span: Span,
        text: String,
    },
    BackwardsWindow {
        span: Span,
        start: Date,
        end: Date,
    },
    BadNumber {
        span: Span,
        text: String,
        error: NumberError,
    },
    BadScore {
        span: Span,
        text: String,
    },
    BadLimit {
        span: Span,
        text: String,
    },
    /// An `alerts` threshold that is not a percentage from 0% to 100%, or
    /// an `off_track` above `at_risk`.
    BadAlert {
        span: Span,
        text: String,
        /// The `at_risk` threshold that this `off_track` one exceeds.
        above: Option<String>,
    },
    BadDuration {
        span: Span,
        text: String,
    },
    BadCharEscape {
        span: Span,
    },
    /// Two check-ins of one date give one metric, item or pool different values.
    ConflictingCheckins {
        date: Date,
        key: AttrKey,
        name: String,
        span: Span,
        text: String,
        first: Span,
        first_text: String,
    },
    /// A check-in dated outside the plan period.
    CheckinOutsidePeriod {
        span: Span,
        date: Date,
        period: crate::date::DateRange,
        period_span: Span,
    },
    UnknownAllow {
        span: Span,
        name: String,
        /// The closest warning's name (`analysis::allow_name`).
        suggestion: Option<&'static str>,
    },
    AllowError {
        span: Span,
        code: Code,
    },
}

impl LowerError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            LowerError::DuplicateAttribute { kind, key, first, span } => Diagnostic::new(
                Code::DuplicateAttribute,
                *span,
                format!("`{}` is given twice in this {}", key.word(), kind.keyword()),
            )
            .with_span_label("given again here")
            .with_label(*first, "first given here")
            .with_help(format!(
                "Keep one `{}` line; an attribute appears at most once in its block. To list several values, separate them with commas on one line.",
                key.word()
            )),
            LowerError::DuplicateLimit { key, first, span } => {
                Diagnostic::new(Code::DuplicateAttribute, *span, format!("`{key}` is given twice in `limits`"))
                    .with_span_label("given again here")
                    .with_label(*first, "first given here")
                    .with_help(format!("Keep one `{key}` value."))
            }
            LowerError::DuplicateName { name, kind, span, first_kind, first } => Diagnostic::new(
                Code::DuplicateName,
                *span,
                format!("the name `{name}` is already taken by {}", first_kind.a()),
            )
            .with_span_label(format!("this {} reuses it", kind.keyword()))
            .with_label(*first, format!("`{name}` first names {} here", first_kind.a()))
            .with_help("Give one of them another name: names are shared by all items of the plan, whatever their kind."),
            LowerError::MissingAttribute { span, message, label, help } => {
                Diagnostic::new(Code::MissingAttribute, *span, message.clone()).with_span_label(*label).with_help(*help)
            }
            LowerError::CapacityAndTotal { first, span } => Diagnostic::new(
                Code::DuplicateAttribute,
                *span,
                "a resource has either a `capacity` or a `total`, not both",
            )
            .with_span_label("second measure")
            .with_label(*first, "capacity given here")
            .with_help("Use `capacity` for what is available at any one time (people, desks) and `total` for what is spent over the plan (a budget, hours); split it into two resources if you need both."),
            LowerError::TargetAndKeep { first, span } => Diagnostic::new(
                Code::DuplicateAttribute,
                *span,
                "a goal has either a `target` or a `keep`, not both",
            )
            .with_span_label("second measure")
            .with_label(*first, "target given here")
            .with_help("Use `target` for a number to reach by a date and `keep` for a bound that must hold all along (a guardrail); write two goals if you need both."),
            LowerError::SplitAndMilestones { first, span } => Diagnostic::new(
                Code::DuplicateAttribute,
                *span,
                "a goal has either a `split` or `milestones`, not both",
            )
            .with_span_label("second breakdown")
            .with_label(*first, "split given here")
            .with_help("Use `split` for what each quarter (month) adds to a sum like revenue, and `milestones` for where a level like the number of stores should stand at each quarter's (month's) end; keep one of them."),
            LowerError::CapacityNotCount { span } => Diagnostic::new(
                Code::UnitMismatch,
                *span,
                "a capacity is a number of people, desks or machines at one time",
            )
            .with_span_label("not a bare count")
            .with_help("Write the capacity as a bare count, like `capacity 12`; for a budget use `total ¥120万` instead."),
            LowerError::PlanMissing => Diagnostic::new(Code::PlanMissing, Span::new(0, 0), "this file has no `plan` item")
                .with_span_label("the plan should start here")
                .with_help("Add a plan item with its horizon, like:\n  plan \"Acme 2026\" {\n    period 2026-01-01 .. 2026-12-31\n  }"),
            LowerError::ExtraPlan { first, span } => {
                Diagnostic::new(Code::PlanMissing, *span, "this file has more than one `plan` item")
                    .with_span_label("second plan")
                    .with_label(*first, "the plan is declared here")
                    .with_help("A file holds exactly one plan. Merge the two, or move the second into a file of its own.")
            }
            LowerError::ExtraPositioning { first, span } => Diagnostic::new(
                Code::DuplicateName,
                *span,
                "this file has more than one `positioning`",
            )
            .with_span_label("second positioning")
            .with_label(*first, "the positioning is declared here")
            .with_help("A plan has at most one positioning: merge the two blocks."),
            LowerError::BadDate { span, text } => {
                Diagnostic::new(Code::InvalidLiteral, *span, format!("`{text}` is not a date in the calendar"))
                    .with_span_label("no such day")
                    .with_help(date_help(text))
            }
            LowerError::BackwardsWindow { span, start, end } => {
                Diagnostic::new(Code::InvalidLiteral, *span, format!("this window ends ({end}) before it starts ({start})"))
                    .with_span_label("end before start")
                    .with_help("Write the earlier date first: `start .. end`; both days are included.")
            }
            LowerError::BadNumber { span, text, error } => Diagnostic::new(Code::InvalidLiteral, *span, error.message(text))
                .with_span_label("malformed number")
                .with_help(error.help()),
            LowerError::BadScore { span, text } => {
                Diagnostic::new(Code::InvalidLiteral, *span, format!("a moat score is 1 to 5, not {text}"))
                    .with_span_label("outside 1–5")
                    .with_help("Score each strength from 1 (weak) to 5 (hard for anyone to copy).")
            }
            LowerError::BadLimit { span, text } => {
                Diagnostic::new(Code::InvalidLiteral, *span, format!("a limit is a whole number of at least 1, not {text}"))
                    .with_span_label("not a limit")
                    .with_help("Write how many at most, like `limits main_paths 2, concurrent_battles 3`.")
            }
            LowerError::BadAlert { span, text, above } => match above {
                None => Diagnostic::new(Code::InvalidLiteral, *span, format!("an alert threshold is a percentage from 0% to 100%, not {text}"))
                    .with_span_label("not a threshold")
                    .with_help("Write the pace below which a goal is flagged, like `alerts at_risk 95%, off_track 80%`."),
                Some(at_risk) => Diagnostic::new(Code::InvalidLiteral, *span, format!("`off_track {text}` is above `at_risk {at_risk}`: a goal would be off track before it is at risk"))
                    .with_span_label("above the at_risk threshold")
                    .with_help("Off track is the worse state: give it the lower pace, like `alerts at_risk 95%, off_track 80%`."),
            },
            LowerError::BadDuration { span, text } => {
                Diagnostic::new(Code::InvalidLiteral, *span, format!("`{text}` is not a usable duration"))
                    .with_span_label("not a duration")
                    .with_help("A duration is a whole number from 1 to 100000 and a unit, like 2w, 45d, 6mo, 1q or 1y.")
            }
            LowerError::BadCharEscape { span } => {
                Diagnostic::new(Code::InvalidLiteral, *span, "this escape names no character")
                    .with_span_label("not a character")
                    .with_help("`\\u{…}` takes the hexadecimal code of a real character (up to 10FFFF, not D800–DFFF), like `\\u{4E07}` for 万.")
            }
            LowerError::ConflictingCheckins { date, key, name, span, text, first, first_text } => {
                let what = match key {
                    AttrKey::Status => "state",
                    AttrKey::Spent => "spending",
                    _ => "value",
                };
                Diagnostic::new(
                    Code::ConflictingCheckins,
                    *span,
                    format!("the check-ins of {date} give `{name}` two different {what}s: `{first_text}` and `{text}`"),
                )
                .with_span_label(format!("`{key}` {name} {text}", key = key.word()))
                .with_label(*first, format!("`{}` {name} {first_text} on the same day", key.word()))
                .with_help(format!(
                    "One day has one {what} of `{name}`: keep the right one and remove the other, or date the later review on the day it was held."
                ))
            }
            LowerError::CheckinOutsidePeriod { span, date, period, period_span } => Diagnostic::new(
                Code::WindowOutsidePeriod,
                *span,
                format!("this check-in is dated {date}, outside the plan period {period}"),
            )
            .with_span_label("outside the period")
            .with_label(*period_span, "the plan period")
            .with_help("Date the check-in on the day of the review, inside the period, or widen the plan's `period`."),
            LowerError::UnknownAllow { span, name, suggestion } => {
                Diagnostic::new(Code::UnknownName, *span, format!("`{name}` is not the name of a diagnostic"))
                    .with_span_label("unknown diagnostic")
                    .with_help(match suggestion {
                        Some(s) => format!("Did you mean `{s}`? `planc explain` lists every diagnostic."),
                        None => "Name a warning as written in the diagnostics table, like `goal-undercovered`; `planc explain` lists them.".to_string(),
                    })
            }
            LowerError::AllowError { span, code } => {
                Diagnostic::new(Code::UnknownName, *span, format!("`{}` is an error, and only warnings can be silenced", code.name()))
                    .with_span_label("an error, not a warning")
                    .with_help(format!("Fix what `{}` reports instead; `planc explain {}` says how.", code.name(), code.name()))
            }
        }
    }
}

fn date_help(text: &str) -> String {
    let parts: Vec<u32> = text.split('-').filter_map(|p| p.parse().ok()).collect();
    if let [y, m, _] = parts[..] {
        if y == 0 {
            return "Years run from 0001 to 9999; write dates as year-month-day, like 2026-04-01."
                .to_string();
        }
        if (1..=12).contains(&m) {
            let last = crate::date::days_in_month(y as i32, m);
            return format!("{y:04}-{m:02} has {last} days; pick a day from 01 to {last}.");
        }
        return "Months run from 01 to 12; write dates as year-month-day, like 2026-04-01."
            .to_string();
    }
    "Write dates as year-month-day, like 2026-04-01.".to_string()
}
