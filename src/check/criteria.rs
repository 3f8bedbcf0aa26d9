//! Criteria that cannot fail: a tactic's `win` that every value of its
//! money or count metric meets (`win 营收 >= ¥0`), and a battle's
//! `objective` that changes nothing (`+0`).
//!
//! Money and count metrics are read as levels that do not go below zero (a
//! number of stores, revenue): `>= 0` (or `>=` anything at or below zero)
//! and `>` anything below zero are met before the play starts. A metric that
//! can go negative (profit) is still written `> ¥0` to mean "profitable",
//! and that is a real criterion, so `>` zero is never flagged
//! (docs/decisions.md).

use super::{Ctx, Finding};
use crate::model::Comparison;
use crate::quantity::{Amount, UnitKind};

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = ctx.model;
    for (t, tactic) in m.tactics.iter().enumerate() {
        if tactic.common.damaged {
            continue;
        }
        let Some(win) = &tactic.win else { continue };
        let Some(metric) = win.metric.target() else {
            continue;
        };
        if !matches!(m.metrics[metric].unit, UnitKind::Money | UnitKind::Count) {
            continue;
        }
        let always = match win.op {
            Comparison::AtLeast => win.qty.amount <= Amount::ZERO,
            Comparison::Above => win.qty.amount < Amount::ZERO,
            Comparison::AtMost | Comparison::Below | Comparison::Exactly => false,
        };
        if always {
            out.push(Finding::WinCannotFail { tactic: t });
        }
    }
    for (b, battle) in m.battles.iter().enumerate() {
        if battle.common.damaged {
            continue;
        }
        for (k, u) in battle.objective.iter().enumerate() {
            if u.qty.change && u.qty.amount.is_zero() && u.what.target().is_some() {
                out.push(Finding::ObjectiveChangesNothing {
                    battle: b,
                    objective: k,
                });
            }
        }
    }
}
