//! `owner-overloaded`: with `limits owner_load N`, no owner has more than N
//! battles and tactics running on the same day. Owners are compared after
//! trimming, case-insensitively; only items with their own `owner` count,
//! a tactic over its own window (its battle's if it has none). One finding
//! per owner, with every stretch over the limit and every item running on
//! one. A sweep per owner: O(n log n) in all.

use super::sweep::{self, Charge};
use super::{Ctx, Finding};
use crate::date::DateRange;
use crate::model::ItemId;
use crate::quantity::Amount;
use crate::syntax::ast::ItemKind;
use std::collections::HashMap;

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = ctx.model;
    let Some(limit) = m.owner_load() else {
        return;
    };
    // Owner (normalized) → its items with their windows, in source order.
    let mut owners: HashMap<String, Vec<(ItemId, DateRange)>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut add = |owner: &str, id: ItemId, range: DateRange| {
        let key = owner.trim().to_lowercase();
        if key.is_empty() {
            return;
        }
        owners
            .entry(key)
            .or_insert_with_key(|k| {
                order.push(k.clone());
                Vec::new()
            })
            .push((id, range));
    };
    for (b, battle) in m.battles.iter().enumerate() {
        if let (Some(owner), Some(w)) = (&battle.owner, battle.window) {
            if !battle.common.damaged {
                let id = ItemId {
                    kind: ItemKind::Battle,
                    index: b,
                };
                add(&owner.value, id, w.range);
            }
        }
    }
    for (t, tactic) in m.tactics.iter().enumerate() {
        if let (Some(owner), Some(range)) = (&tactic.owner, m.tactic_window(tactic)) {
            if !tactic.common.damaged {
                let id = ItemId {
                    kind: ItemKind::Tactic,
                    index: t,
                };
                add(&owner.value, id, range);
            }
        }
    }
    let limit_amount = Amount::units(i64::from(limit));
    for key in order {
        let items = &owners[&key];
        let charges: Vec<Charge> = items
            .iter()
            .map(|&(_, range)| Charge {
                range,
                amount: Amount::units(1),
            })
            .collect();
        let stretches = sweep::over(&charges, limit_amount);
        let Some(first) = stretches.first() else {
            continue;
        };
        // The item that tips the first stretch over: the last to start
        // among those running on its first day (then the last written).
        let span_of = |id: ItemId| m.common(id).map_or(0, |c| c.span.start());
        let Some(&tip) = sweep::active_on(&charges, first.range.start)
            .iter()
            .max_by_key(|&&i| (charges[i].range.start, span_of(items[i].0)))
        else {
            continue;
        };
        // Every item running on some stretch over the limit: stretches are
        // sorted and disjoint, so a binary search per item.
        let overlaps = |r: DateRange| {
            let i = stretches.partition_point(|s| s.range.end < r.start);
            stretches.get(i).is_some_and(|s| s.range.start <= r.end)
        };
        let others: Vec<ItemId> = items
            .iter()
            .enumerate()
            .filter(|&(i, &(_, r))| i != tip && overlaps(r))
            .map(|(_, &(id, _))| id)
            .collect();
        out.push(Finding::OwnerOverloaded {
            limit,
            named_by: items[0].0,
            tip: items[tip].0,
            others,
            stretches: stretches
                .iter()
                .map(|s| (s.range, (s.load.0 / crate::quantity::SCALE) as u64))
                .collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    fn fired(limit: &str, owners: [&str; 3]) -> Vec<String> {
        let text = format!(
            "plan \"p\" {{ period 2026-01-01 .. 2026-12-31 {limit} }}\n\
             metric m \"M\" count\n\
             goal g {{ target m 10 by 2026-12-31 }}\n\
             path p {{ serves g main }}\n\
             battle a {{ on p objective m +5 window 2026-01-01 .. 2026-03-31 review every 2w owner \"{}\" }}\n\
             battle b {{ on p objective m +5 window 2026-03-01 .. 2026-05-31 review every 2w owner \"{}\" }}\n\
             tactic t {{ for a win m >= 1 owner \"{}\" }}\n\
             tactic u {{ for b win m >= 1 owner \"x\" }}\n",
            owners[0], owners[1], owners[2]
        );
        crate::analyze(&text, &[])
            .diagnostics
            .iter()
            .filter(|d| d.code.name() == "owner-overloaded")
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn counts_one_owner_over_the_days_its_items_run() {
        // March: a, b and t (over a's window) for " Sam ", "sam", "SAM".
        let got = fired("limits owner_load 2", [" Sam ", "sam", "SAM"]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].contains("\"Sam\" has up to 3") && got[0].contains("2026-03-01 .. 2026-03-31"),
            "{got:?}"
        );
        // Within the limit, or without one: nothing.
        assert!(fired("limits owner_load 3", [" Sam ", "sam", "SAM"]).is_empty());
        assert!(fired("", [" Sam ", "sam", "SAM"]).is_empty());
        // Different owners: nothing.
        assert!(fired("limits owner_load 1", ["a", "b", "c"]).is_empty());
    }
}
