//! Load over time: a sweep over window endpoints, O(n log n) in the number
//! of charges, whatever the length of the windows.

use crate::date::{Date, DateRange};
use crate::quantity::Amount;

/// Something drawing `amount` on every day of `range`.
#[derive(Clone, Copy, Debug)]
pub struct Charge {
    pub range: DateRange,
    pub amount: Amount,
}

/// A stretch of days with one load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub range: DateRange,
    pub load: Amount,
}

/// The load, as maximal stretches of constant non-zero load, in date order.
pub fn profile(charges: &[Charge]) -> Vec<Piece> {
    let mut events: Vec<(Date, Amount)> = Vec::with_capacity(charges.len() * 2);
    for c in charges {
        events.push((c.range.start, c.amount));
        events.push((c.range.end.add_days(1), c.amount.negated()));
    }
    events.sort_unstable_by_key(|e| e.0);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut load = Amount::ZERO;
    let mut i = 0;
    while i < events.len() {
        let day = events[i].0;
        while i < events.len() && events[i].0 == day {
            load = load.plus(events[i].1);
            i += 1;
        }
        let Some(&(next, _)) = events.get(i) else {
            break;
        };
        if load.is_zero() {
            continue;
        }
        let range = DateRange {
            start: day,
            end: next.add_days(-1),
        };
        match pieces.last_mut() {
            Some(last) if last.load == load && last.range.end.add_days(1) == day => {
                last.range.end = range.end
            }
            _ => pieces.push(Piece { range, load }),
        }
    }
    pieces
}

/// The stretches where the load is above `limit`, adjacent ones merged;
/// each with the highest load within it.
pub fn over(charges: &[Charge], limit: Amount) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for piece in profile(charges).into_iter().filter(|p| p.load > limit) {
        match out.last_mut() {
            Some(last) if last.range.end.add_days(1) == piece.range.start => {
                last.range.end = piece.range.end;
                last.load = last.load.max(piece.load);
            }
            _ => out.push(piece),
        }
    }
    out
}

/// The indices of the charges active on `day`.
pub fn active_on(charges: &[Charge], day: Date) -> Vec<usize> {
    charges
        .iter()
        .enumerate()
        .filter(|(_, c)| c.range.start <= day && day <= c.range.end)
        .map(|(i, _)| i)
        .collect()
}

/// The first stretch of days above `limit`, as the range of days whose load
/// is the first piece above it (so every charge named is active throughout).
pub fn first_over(charges: &[Charge], limit: Amount) -> Option<Piece> {
    profile(charges).into_iter().find(|p| p.load > limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(n: i32) -> Date {
        Date(20_000 + n)
    }

    fn brute_force(charges: &[Charge]) -> Vec<(i32, Amount)> {
        let mut out = Vec::new();
        for d in 0..80 {
            let load = charges
                .iter()
                .filter(|c| c.range.start <= day(d) && day(d) <= c.range.end)
                .fold(Amount::ZERO, |acc, c| acc.plus(c.amount));
            out.push((d, load));
        }
        out
    }

    fn arb_charges() -> impl Strategy<Value = Vec<Charge>> {
        prop::collection::vec((0i32..60, 0i32..20, 1i64..5), 0..12).prop_map(|v| {
            v.into_iter()
                .map(|(s, len, a)| Charge {
                    range: DateRange {
                        start: day(s),
                        end: day(s + len),
                    },
                    amount: Amount::units(a),
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn profile_matches_a_day_by_day_count(charges in arb_charges()) {
            let pieces = profile(&charges);
            for (d, load) in brute_force(&charges) {
                let swept = pieces.iter().find(|p| p.range.start <= day(d) && day(d) <= p.range.end).map_or(Amount::ZERO, |p| p.load);
                prop_assert_eq!(swept, load, "day {}", d);
            }
        }

        #[test]
        fn first_over_is_the_first_day_above_the_limit(charges in arb_charges(), limit in 0i64..8) {
            let limit = Amount::units(limit);
            let first_day = brute_force(&charges).into_iter().find(|(_, load)| *load > limit).map(|(d, _)| day(d));
            prop_assert_eq!(first_over(&charges, limit).map(|p| p.range.start), first_day);
            let covered: usize = over(&charges, limit).iter().map(|p| (p.range.end.0 - p.range.start.0 + 1) as usize).sum();
            let expected = brute_force(&charges).into_iter().filter(|(_, load)| *load > limit).count();
            prop_assert_eq!(covered, expected);
        }
    }
}
