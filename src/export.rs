//! `planc build`: the resolved plan as JSON (docs/schema/build.schema.json).
//!
//! Every item with its id, kind, label, place and every attribute; amounts as
//! a number, an exact decimal string, their unit and the text as written;
//! the edges; and what the checks compute: each resource's load over time,
//! each goal's gap and coverage, each path's battles and each battle's
//! tactics. Objects are written with sorted keys and arrays in source order,
//! so the same input gives byte-identical output.

use crate::analysis::Analysis;
use crate::check::facts::{goal_coverage, resource_loads};
use crate::date::{DateRange, Duration};
use crate::graph::PlanGraph;
use crate::line_index::LineIndex;
use crate::model::*;
use crate::quantity::{Amount, Unit};
use crate::span::{Span, Spanned};
use crate::syntax::ast::ItemKind;
use serde_json::{json, Map, Value};

/// The version of this JSON; bumped on any incompatible change.
pub const SCHEMA: u32 = 1;

struct Ctx<'a> {
    file: &'a str,
    index: LineIndex<'a>,
    model: &'a Model,
}

impl Ctx<'_> {
    fn span(&self, span: Span) -> Value {
        let start = self.index.line_col(span.start);
        let end = self.index.line_col(span.end);
        json!({"file": self.file, "line": start.line, "column": start.column, "end_line": end.line, "end_column": end.column})
    }

    fn name(&self, kind: ItemKind, index: Option<usize>, written: &str) -> Value {
        match index.and_then(|i| self.model.common(ItemId { kind, index: i })) {
            Some(c) => json!(c.id.name),
            None => json!(written),
        }
    }

    fn refs(&self, kind: ItemKind, refs: &[Ref]) -> Value {
        Value::Array(
            refs.iter()
                .map(|r| self.name(kind, r.target, &r.name))
                .collect(),
        )
    }

    fn text(&self, s: &Option<Spanned<String>>) -> Value {
        s.as_ref().map_or(Value::Null, |s| json!(s.value))
    }
}

/// An amount with its unit: `{"value": 20000000, "exact": "20000000", "unit": "money", "currency": "CNY", …}`.
pub fn quantity(q: &Quantity) -> Value {
    let mut v = amount(q.amount, q.unit);
    v["change"] = json!(q.change);
    v["text"] = json!(q.text);
    v
}

fn amount(a: Amount, unit: Unit) -> Value {
    let mut v = json!({"value": a.to_json(), "exact": a.to_decimal()});
    match unit {
        Unit::Money(c) => {
            v["unit"] = json!("money");
            v["currency"] = json!(c.code());
        }
        Unit::Count => v["unit"] = json!("count"),
        Unit::Percent => v["unit"] = json!("percent"),
    }
    v
}

fn range(r: DateRange) -> Value {
    json!({"start": r.start.to_string(), "end": r.end.to_string()})
}

fn duration(d: &Option<Spanned<Duration>>) -> Value {
    d.as_ref().map_or(Value::Null, |d| {
        json!({"count": d.value.count, "unit": d.value.unit, "approx_days": d.value.approx_days()})
    })
}

fn uses(ctx: &Ctx, kind: ItemKind, key: &str, list: &[Use]) -> Value {
    Value::Array(list.iter().map(|u| json!({ key: ctx.name(kind, u.what.target, &u.what.name), "amount": quantity(&u.qty) })).collect())
}

fn common(ctx: &Ctx, kind: ItemKind, c: &Common) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id.name));
    // `kind` is a tactic's attribute (acquisition, …); the item's own kind is `item`.
    m.insert("item".into(), json!(kind.keyword()));
    m.insert(
        "label".into(),
        c.label.as_ref().map_or(Value::Null, |l| json!(l)),
    );
    m.insert("span".into(), ctx.span(c.span));
    m
}

/// The build JSON of an analysed plan.
pub fn export(file: &str, text: &str, analysis: &Analysis) -> Value {
    let model = &analysis.model;
    let ctx = Ctx {
        file,
        index: LineIndex::new(text),
        model,
    };
    let loads = resource_loads(model);
    let coverage = goal_coverage(model);
    let mut battles_of_path: Vec<Vec<String>> = vec![Vec::new(); model.paths.len()];
    for b in &model.battles {
        if let Some(p) = b.on.as_ref().and_then(|r| r.target) {
            battles_of_path[p].push(b.common.id.name.clone());
        }
    }
    let mut tactics_of_battle: Vec<Vec<String>> = vec![Vec::new(); model.battles.len()];
    for t in &model.tactics {
        if let Some(b) = t.battle.as_ref().and_then(|r| r.target) {
            tactics_of_battle[b].push(t.common.id.name.clone());
        }
    }

    let plan = model.plan.as_ref().map_or(Value::Null, |p| {
        json!({
            "title": p.title,
            "span": ctx.span(p.span),
            "period": p.period.map_or(Value::Null, |w| range(w.range)),
            "limits": {"main_paths": p.main_paths, "concurrent_battles": p.concurrent_battles},
            "allow": p.allow.iter().map(|(c, _)| c.name()).collect::<Vec<_>>(),
            "currency": model.currency.map(|(c, _)| c.code()),
        })
    });
    let positioning = model.positioning.as_ref().map_or(Value::Null, |p| {
        json!({
            "span": ctx.span(p.span),
            "we_are": ctx.text(&p.we_are),
            "serve": ctx.text(&p.serve),
            "pain": ctx.text(&p.pain),
            "why_us": ctx.text(&p.why_us),
            "not_do": p.not_do.iter().map(|s| s.value.clone()).collect::<Vec<_>>(),
            "moat": p.moat.iter().map(|(id, score)| json!({"strength": id.name, "score": score})).collect::<Vec<_>>(),
        })
    });
    let resources: Vec<Value> = model
        .resources
        .iter()
        .zip(&loads)
        .map(|(r, load)| {
            let mut m = common(&ctx, ItemKind::Resource, &r.common);
            m.insert("pool".into(), r.kind.map_or(Value::Null, |k| json!(k)));
            m.insert("amount".into(), r.amount.as_ref().map_or(Value::Null, quantity));
            let unit = r.unit().unwrap_or(Unit::Count);
            let limit = r.amount.as_ref().map(|q| q.amount);
            let pieces: Vec<Value> = load
                .pieces
                .iter()
                .map(|p| {
                    json!({"from": p.range.start.to_string(), "to": p.range.end.to_string(), "used": amount(p.used, unit),
                           "capacity": limit.map_or(Value::Null, |l| amount(l, unit))})
                })
                .collect();
            let by_battle: Vec<Value> = load
                .by_battle
                .iter()
                .map(|(b, a)| json!({"battle": model.battles[*b].common.id.name, "amount": amount(*a, unit)}))
                .collect();
            m.insert(
                "load".into(),
                json!({
                    "pieces": pieces,
                    "peak": load.peak.map_or(Value::Null, |p| json!({"from": p.range.start.to_string(), "to": p.range.end.to_string(), "used": amount(p.used, unit)})),
                    "total_used": amount(load.total_used, unit),
                    "by_battle": by_battle,
                }),
            );
            Value::Object(m)
        })
        .collect();
    let metrics: Vec<Value> = model
        .metrics
        .iter()
        .map(|metric| {
            let mut m = common(&ctx, ItemKind::Metric, &metric.common);
            m.insert("unit".into(), json!(metric.unit.word()));
            Value::Object(m)
        })
        .collect();
    let goals: Vec<Value> = model
        .goals
        .iter()
        .zip(&coverage)
        .map(|(g, cov)| {
            let mut m = common(&ctx, ItemKind::Goal, &g.common);
            m.insert("perspective".into(), g.perspective.as_ref().map_or(Value::Null, |p| json!(p.value)));
            m.insert(
                "target".into(),
                g.target.as_ref().map_or(Value::Null, |t| {
                    json!({"metric": ctx.name(ItemKind::Metric, t.metric.target, &t.metric.name), "amount": quantity(&t.qty), "by": t.by.value.to_string()})
                }),
            );
            m.insert("baseline".into(), g.baseline.as_ref().map_or(Value::Null, quantity));
            m.insert(
                "split".into(),
                g.split.as_ref().map_or(Value::Null, |s| json!({"mode": s.mode, "values": s.values.iter().map(quantity).collect::<Vec<_>>()})),
            );
            m.insert("supports".into(), ctx.refs(ItemKind::Goal, &g.supports));
            m.insert("breakthrough".into(), json!(g.breakthrough.is_some()));
            m.insert("owner".into(), ctx.text(&g.owner));
            let unit = g.target.as_ref().map_or(Unit::Count, |t| t.qty.unit);
            m.insert("gap".into(), cov.gap.map_or(Value::Null, |gap| amount(gap, unit)));
            m.insert(
                "coverage".into(),
                json!({
                    "covered": amount(cov.covered, unit),
                    "enough": cov.is_covered(),
                    "contributions": cov.contributions.iter().map(|(b, a)| json!({"battle": model.battles[*b].common.id.name, "amount": amount(*a, unit)})).collect::<Vec<_>>(),
                }),
            );
            Value::Object(m)
        })
        .collect();
    let paths: Vec<Value> = model
        .paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut m = common(&ctx, ItemKind::Path, &p.common);
            m.insert("serves".into(), ctx.refs(ItemKind::Goal, &p.serves));
            m.insert("main".into(), json!(p.main.is_some()));
            m.insert(
                "cost".into(),
                uses(&ctx, ItemKind::Resource, "resource", &p.cost),
            );
            m.insert("duration".into(), duration(&p.duration));
            m.insert(
                "expects".into(),
                uses(&ctx, ItemKind::Metric, "metric", &p.expects),
            );
            m.insert("segment".into(), ctx.text(&p.segment));
            m.insert("owner".into(), ctx.text(&p.owner));
            m.insert("battles".into(), json!(battles_of_path[i]));
            Value::Object(m)
        })
        .collect();
    let battles: Vec<Value> = model
        .battles
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut m = common(&ctx, ItemKind::Battle, &b.common);
            m.insert(
                "on".into(),
                b.on.as_ref()
                    .map_or(Value::Null, |r| ctx.name(ItemKind::Path, r.target, &r.name)),
            );
            m.insert(
                "objective".into(),
                uses(&ctx, ItemKind::Metric, "metric", &b.objective),
            );
            m.insert("significance".into(), ctx.text(&b.significance));
            m.insert(
                "window".into(),
                b.window.map_or(Value::Null, |w| range(w.range)),
            );
            m.insert(
                "needs".into(),
                uses(&ctx, ItemKind::Resource, "resource", &b.needs),
            );
            m.insert("review".into(), duration(&b.review));
            m.insert("after".into(), ctx.refs(ItemKind::Battle, &b.after));
            m.insert("owner".into(), ctx.text(&b.owner));
            m.insert("segment".into(), ctx.text(&b.segment));
            m.insert("tactics".into(), json!(tactics_of_battle[i]));
            Value::Object(m)
        })
        .collect();
    let tactics: Vec<Value> = model
        .tactics
        .iter()
        .map(|t| {
            let mut m = common(&ctx, ItemKind::Tactic, &t.common);
            m.insert("for".into(), t.battle.as_ref().map_or(Value::Null, |r| ctx.name(ItemKind::Battle, r.target, &r.name)));
            m.insert("kind".into(), t.kind.as_ref().map_or(Value::Null, |k| json!(k.value)));
            m.insert("owner".into(), ctx.text(&t.owner));
            m.insert("window".into(), t.window.map_or(Value::Null, |w| range(w.range)));
            m.insert("effective_window".into(), model.tactic_window(t).map_or(Value::Null, range));
            m.insert("needs".into(), uses(&ctx, ItemKind::Resource, "resource", &t.needs));
            m.insert(
                "win".into(),
                t.win.as_ref().map_or(Value::Null, |w| {
                    json!({"metric": ctx.name(ItemKind::Metric, w.metric.target, &w.metric.name), "op": w.op, "amount": quantity(&w.qty)})
                }),
            );
            m.insert("after".into(), ctx.refs(ItemKind::Tactic, &t.after));
            m.insert("segment".into(), ctx.text(&t.segment));
            Value::Object(m)
        })
        .collect();
    let edges: Vec<Value> = PlanGraph::new(model)
        .edges()
        .into_iter()
        .filter_map(|(a, b, e)| {
            let from = model.common(a)?;
            let to = model.common(b)?;
            Some(json!({"from": from.id.name, "to": to.id.name, "kind": e.kind}))
        })
        .collect();
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
    json!({
        "schema": SCHEMA,
        "file": file,
        "plan": plan,
        "positioning": positioning,
        "resources": resources,
        "metrics": metrics,
        "goals": goals,
        "paths": paths,
        "battles": battles,
        "tactics": tactics,
        "edges": edges,
        "diagnostics": {"errors": errors, "warnings": analysis.diagnostics.len() - errors},
    })
}
