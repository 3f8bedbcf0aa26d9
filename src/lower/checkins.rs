//! What `planc check` validates of check-ins once every item is read: dates
//! inside the plan period, and one value per metric, item and pool a day
//! (`conflicting-checkins`). Names, kinds and units are resolved with the
//! rest of the plan (`resolve`). Nothing here depends on today's date.

use super::LowerError;
use crate::date::Date;
use crate::model::Map as HashMap;
use crate::model::{ItemState, Model, Use};
use crate::quantity::{Amount, UnitKind};
use crate::span::Span;
use crate::syntax::ast::AttrKey;

/// One value a check-in gives, for comparing two of the same day.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Given {
    Qty(Amount, UnitKind),
    State(ItemState),
}

pub(super) fn check(model: &Model, errors: &mut Vec<LowerError>) {
    let period = model.plan.as_ref().and_then(|p| p.period);
    // (date, attribute, name) → the first value given, where, as written.
    let mut first: HashMap<(Date, AttrKey, &str), (Given, Span, &str)> = HashMap::default();
    // Sized once: a year of weekly check-ins giving a state for every
    // battle and tactic is hundreds of thousands of values, and each time
    // the map grew it moved them all into memory not yet touched.
    first.reserve(
        model
            .checkins
            .iter()
            .map(|c| c.actual.len() + c.status.len() + c.spent.len())
            .sum(),
    );
    for checkin in &model.checkins {
        let Some(date) = &checkin.date else { continue };
        if let Some(period) = period {
            if date.value < period.range.start || date.value > period.range.end {
                errors.push(LowerError::CheckinOutsidePeriod {
                    span: date.span,
                    date: date.value,
                    period: period.range,
                    period_span: period.span,
                });
            }
        }
        let mut given = amounts(AttrKey::Actual, &checkin.actual);
        given.extend(checkin.status.iter().map(|r| {
            (
                AttrKey::Status,
                r.what.name.as_str(),
                Given::State(r.state.value),
                r.state.span,
                r.state.value.word(),
            )
        }));
        given.extend(amounts(AttrKey::Spent, &checkin.spent));
        for (key, name, value, span, text) in given {
            match first.get(&(date.value, key, name)) {
                None => {
                    first.insert((date.value, key, name), (value, span, text));
                }
                Some(&(earlier, first_span, first_text)) if differ(earlier, value) => {
                    errors.push(LowerError::ConflictingCheckins {
                        date: date.value,
                        key,
                        name: name.to_string(),
                        span,
                        text: text.to_string(),
                        first: first_span,
                        first_text: first_text.to_string(),
                    });
                }
                Some(_) => {}
            }
        }
    }
}

type Entry<'a> = (AttrKey, &'a str, Given, Span, &'a str);

fn amounts(key: AttrKey, list: &[Use]) -> Vec<Entry<'_>> {
    list.iter()
        .map(|u| {
            let given = Given::Qty(u.qty.amount, u.qty.unit.kind());
            (
                key,
                u.what.name.as_str(),
                given,
                u.qty.span,
                u.qty.text.as_str(),
            )
        })
        .collect()
}

/// Two values of one day that disagree. Amounts in different units are
/// `unit-mismatch` (one of them is wrong for its metric), not a conflict.
fn differ(a: Given, b: Given) -> bool {
    match (a, b) {
        (Given::Qty(x, u), Given::Qty(y, v)) => u == v && x != y,
        _ => a != b,
    }
}
