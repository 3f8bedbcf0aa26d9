//! Goal decomposition (`part_of`): the parts of a goal are in its unit,
//! due no later than it, and together reach its target.
//!
//! A goal with parts is served through them: `trace` does not ask it for a
//! path, `numbers` does not ask its own battles to cover its gap (its parts
//! are each asked), and `facts::goal_coverage` counts their coverage as its.

use super::{Ctx, Excuses, Finding};
use crate::model::ItemId;
use crate::model::Set as HashSet;
use crate::quantity::{Amount, UnitKind};
use crate::syntax::ast::ItemKind;

pub(super) fn check(
    ctx: &Ctx,
    excuses: &Excuses,
    in_cycle: &HashSet<ItemId>,
    out: &mut Vec<Finding>,
) {
    let m = ctx.model;
    let goal_id = |index| ItemId {
        kind: ItemKind::Goal,
        index,
    };
    let unit_of = |g: usize| {
        let r = m.goals[g].metric()?;
        Some(m.metrics[r.target()?].unit)
    };
    for (p, parts) in ctx.parts_of.iter().enumerate() {
        // A loop of `part_of` is a `cycle`: no sum or date follows from it.
        if parts.is_empty() || in_cycle.contains(&goal_id(p)) {
            continue;
        }
        let parent = &m.goals[p];
        let mut comparable = !parent.common.damaged;
        for &c in parts {
            let child = &m.goals[c];
            if child.common.damaged || c == p {
                comparable = false;
                continue;
            }
            let (Some(unit), Some(parent_unit)) = (unit_of(c), unit_of(p)) else {
                comparable = false;
                continue;
            };
            if unit != parent_unit {
                out.push(Finding::PartUnit {
                    part: c,
                    parent: p,
                    unit,
                    parent_unit,
                });
                comparable = false;
                continue;
            }
            if let (Some(t), Some(pt)) = (&child.target, &parent.target) {
                if t.by.value > pt.by.value {
                    out.push(Finding::PartDueLate { part: c, parent: p });
                }
            }
        }
        // The sum: every part a target in the parent's unit, the parent a
        // money or count target. A part that could not be read, or one a
        // misspelt or broken item may still add, leaves the sum unknown.
        let Some(target) = &parent.target else {
            continue;
        };
        if !comparable
            || !matches!(unit_of(p), Some(UnitKind::Money | UnitKind::Count))
            || excuses.could_point_at(goal_id(p), parent.common.name())
            || parts.iter().any(|&c| m.goals[c].target.is_none())
        {
            continue;
        }
        let sum = parts.iter().fold(Amount::ZERO, |acc, &c| {
            acc.plus(
                m.goals[c]
                    .target
                    .as_ref()
                    .map_or(Amount::ZERO, |t| t.qty.amount),
            )
        });
        if sum < target.qty.amount {
            out.push(Finding::PartsShort {
                goal: p,
                sum,
                parts: parts.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    /// A chain of thousands of `part_of`s, and a loop of them: no deep
    /// recursion, the loop is one `cycle`, and the chain's sums are checked.
    #[test]
    fn long_chains_and_loops_of_parts() {
        let mut text =
            String::from("plan \"p\" { period 2026-01-01 .. 2026-12-31 }\nmetric m \"M\" money\n");
        let n = 5000;
        for i in 0..n {
            text.push_str(&format!("goal g{i} {{ target m ¥{} by 2026-12-31", n - i));
            if i > 0 {
                text.push_str(&format!(" part_of g{}", i - 1));
            }
            text.push_str(" }\n");
        }
        text.push_str("goal a { target m ¥1 by 2026-12-31 part_of b }\n");
        text.push_str("goal b { target m ¥1 by 2026-12-31 part_of a }\n");
        let analysis = crate::analyze(&text, &[]);
        let count = |name: &str| {
            analysis
                .diagnostics
                .iter()
                .filter(|d| d.code.name() == name)
                .count()
        };
        // Each goal's one part is ¥1 short of it.
        assert_eq!(count("parts-short"), n - 1);
        assert_eq!(count("cycle"), 1);
        let build = crate::check::facts::goal_coverage(&analysis.model);
        assert_eq!(build.len(), n + 2);
    }
}
