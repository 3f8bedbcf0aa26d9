//! `planc status --format json` (docs/schema/status.json): the keys
//! LANGUAGE.md names, plus `schema`, `file`, labels and units. Amounts are
//! numbers (exact decimals); `pace` is a number, 1.0 meaning on plan. Keys
//! that do not apply (no actual yet, no review cadence) are left out.

use super::{Phase, Status};
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::quantity::{Amount, Unit};
use crate::render::Source;
use serde::Serialize;
use serde_json::Value;

/// The version of this JSON; bumped on any incompatible change.
pub const SCHEMA: u32 = 1;

/// The status as written: its keys in alphabetical order, as they were when
/// this went through a `serde_json::Value` (whose map sorts them), so the
/// output stays byte-identical without building and freeing that tree.
#[derive(Serialize)]
pub struct Out<'a> {
    battles: Vec<BattleOut<'a>>,
    diagnostics: Value,
    file: &'a str,
    goals: Vec<GoalOut<'a>>,
    pools: Vec<PoolOut<'a>>,
    schema: u32,
    tactics: Vec<TacticOut<'a>>,
    today: String,
}

#[derive(Serialize)]
struct GoalOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    actual: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actual_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bound: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<Value>,
    id: &'a str,
    label: Option<&'a str>,
    /// A guardrail's `keep`: the comparison and the bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    op: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pace: Option<f64>,
    /// The goals that are `part_of` this one, and their actuals added up.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parts_actual: Option<Value>,
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'static str>,
}

#[derive(Serialize)]
struct BattleOut<'a> {
    id: &'a str,
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_review: Option<String>,
    phase: Option<Phase>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review_overdue_days: Option<i64>,
    state: &'static str,
}

#[derive(Serialize)]
struct TacticOut<'a> {
    battle: Option<&'a str>,
    id: &'a str,
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_review: Option<String>,
    phase: Option<Phase>,
    state: &'static str,
    win: &'static str,
}

#[derive(Serialize)]
struct PoolOut<'a> {
    id: &'a str,
    label: Option<&'a str>,
    planned: Value,
    spent: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    spent_date: Option<String>,
    total: Value,
    unit: &'static str,
}

fn unit_word(unit: Unit) -> &'static str {
    unit.kind().word()
}

fn num(a: Amount) -> Value {
    a.to_json()
}

/// The status of one plan, ready to serialize. `diagnostics` are the plan's
/// own and the status's, as `planc check --format json` writes them.
pub fn render<'a>(
    sources: &'a crate::sources::SourceMap,
    model: &'a Model,
    status: &Status,
    diagnostics: &[Diagnostic],
) -> Out<'a> {
    let source = Source::plan(sources, diagnostics);
    let diagnostics = crate::render::json::render(std::slice::from_ref(&source))
        .get("diagnostics")
        .cloned()
        .unwrap_or(Value::Array(Vec::new()));
    let goals = status
        .goals
        .iter()
        .map(|g| {
            let goal = &model.goals[g.goal];
            GoalOut {
                id: goal.common.name(),
                label: goal.common.label.as_deref(),
                state: g.state.word(),
                unit: g
                    .target
                    .map(|(_, _, s)| s)
                    .or(g.keep.map(|(_, _, s)| s))
                    .map(|s| unit_word(s.unit)),
                target: g.target.map(|(a, _, _)| num(a)),
                due: g.target.map(|(_, d, _)| d.to_string()),
                actual: g.actual.map(|r| num(r.amount)),
                actual_date: g.actual.map(|r| r.date.to_string()),
                expected: g.expected.map(num),
                pace: g.pace.map(|p| p.to_f64()),
                op: g.keep.map(|(op, _, _)| op.op()),
                bound: g.keep.map(|(_, b, _)| num(b)),
                parts: g
                    .parts
                    .iter()
                    .map(|&p| model.goals[p].common.name())
                    .collect(),
                parts_actual: g.parts_actual.map(|(a, _)| num(a)),
            }
        })
        .collect();
    let battles = status
        .battles
        .iter()
        .map(|b| {
            let battle = &model.battles[b.battle];
            BattleOut {
                id: battle.common.name(),
                label: battle.common.label.as_deref(),
                phase: b.phase,
                state: b.state.word(),
                last_review: b.last_review.map(|d| d.to_string()),
                review_overdue_days: b.review_overdue_days,
            }
        })
        .collect();
    let tactics = status
        .tactics
        .iter()
        .map(|t| {
            let tactic = &model.tactics[t.tactic];
            TacticOut {
                id: tactic.common.name(),
                label: tactic.common.label.as_deref(),
                battle: tactic
                    .battle
                    .as_ref()
                    .and_then(|r| r.target())
                    .map(|b| model.battles[b].common.name()),
                phase: t.phase,
                state: t.state.word(),
                win: t.win.word(),
                last_review: t.last_review.map(|d| d.to_string()),
            }
        })
        .collect();
    let pools = status
        .pools
        .iter()
        .map(|p| {
            let r = &model.resources[p.resource];
            PoolOut {
                id: r.common.name(),
                label: r.common.label.as_deref(),
                unit: unit_word(p.style.unit),
                spent: num(p.spent.map_or(Amount::ZERO, |s| s.amount)),
                spent_date: p.spent.map(|s| s.date.to_string()),
                planned: num(p.planned),
                total: num(p.total),
            }
        })
        .collect();
    Out {
        schema: SCHEMA,
        file: &sources.files()[0].name,
        today: status.today.to_string(),
        goals,
        battles,
        tactics,
        pools,
        diagnostics,
    }
}
