//! `planc build`: the resolved plan as JSON (docs/schema/build.schema.json).
//!
//! Every item with its id, kind, label, place and every attribute; amounts as
//! a number, an exact decimal string, their unit and the text as written;
//! the edges; and what the checks compute: each resource's load over time,
//! each goal's gap and coverage, each path's battles and each battle's
//! tactics.
//!
//! The output is a tree of typed structs borrowing from the model, written
//! by serde as it goes: no intermediate `serde_json::Value`, so a plan of
//! 100 000 battles costs time and memory in proportion to its size. Fields
//! come in a fixed order and arrays in source order, so the same input gives
//! byte-identical output.

use crate::analysis::Analysis;
use crate::check::facts::{goal_coverage, resource_loads};
use crate::date::{DateRange, Duration, DurationUnit};
use crate::graph::{EdgeKind, PlanGraph};
use crate::model::*;
use crate::quantity::{Amount, Unit};
use crate::sources::{Lines, SourceMap};
use crate::span::{Span, Spanned};
use crate::syntax::ast::ItemKind;
use serde::Serialize;

/// The version of this JSON; bumped on any incompatible change.
pub const SCHEMA: u32 = 1;

/// The whole build output; serialize it with serde.
#[derive(Serialize)]
pub struct Build<'a> {
    schema: u32,
    /// The root file.
    file: &'a str,
    /// Every file of the plan: the root, then the included files in path order.
    files: Vec<&'a str>,
    plan: Option<PlanOut<'a>>,
    positioning: Option<PositioningOut<'a>>,
    resources: Vec<ResourceOut<'a>>,
    metrics: Vec<MetricOut<'a>>,
    goals: Vec<GoalOut<'a>>,
    paths: Vec<PathOut<'a>>,
    battles: Lazy<'a, BattleOut<'a>>,
    tactics: Lazy<'a, TacticOut<'a>>,
    /// In date order (source order within a day).
    checkins: Vec<CheckinOut<'a>>,
    edges: Lazy<'a, EdgeOut<'a>>,
    diagnostics: Counts,
}

/// A list made while it is written: each element is built, serialized and
/// dropped in turn, so the largest lists (a battle, tactic or edge for each
/// of hundreds of thousands) are never held whole. `planc build` streams
/// its JSON into the file; this keeps what it streams from small too.
struct Lazy<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

impl<'a, T> Lazy<'a, T> {
    fn new<I: Iterator<Item = T> + 'a>(make: impl Fn() -> I + 'a) -> Self {
        Lazy(Box::new(move || Box::new(make())))
    }
}

impl<T: Serialize> Serialize for Lazy<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// `fission at_risk` in a check-in.
#[derive(Serialize)]
struct StateOut<'a> {
    item: &'a str,
    state: ItemState,
}

#[derive(Serialize)]
struct CheckinOut<'a> {
    date: String,
    label: Option<&'a str>,
    span: SpanOut<'a>,
    actual: Vec<UseOut<'a>>,
    status: Vec<StateOut<'a>>,
    spent: Vec<UseOut<'a>>,
    note: Option<&'a str>,
    by: Option<&'a str>,
}

/// One actual of a goal's metric: the goal's readings, as a series.
#[derive(Serialize)]
struct ReadingOut<'a> {
    date: String,
    amount: AmountOut<'a>,
}

#[derive(Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct WindowOut {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct DurationOut {
    count: u32,
    unit: DurationUnit,
    approx_days: u64,
}

/// An amount: `{"value": 20000000, "exact": "20000000", "unit": "money", "currency": "CNY", …}`.
#[derive(Serialize)]
struct AmountOut<'a> {
    value: serde_json::Value,
    exact: String,
    unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

#[derive(Serialize)]
struct LimitsOut {
    main_paths: u32,
    concurrent_battles: u32,
    /// Unchecked (`null`) unless the plan writes it.
    owner_load: Option<u32>,
}

#[derive(Serialize)]
struct PlanOut<'a> {
    title: &'a str,
    span: SpanOut<'a>,
    period: Option<WindowOut>,
    limits: LimitsOut,
    allow: Vec<&'static str>,
    currency: Option<&'static str>,
}

#[derive(Serialize)]
struct MoatOut<'a> {
    strength: &'a str,
    score: u8,
}

#[derive(Serialize)]
struct PositioningOut<'a> {
    span: SpanOut<'a>,
    we_are: Option<&'a str>,
    serve: Option<&'a str>,
    pain: Option<&'a str>,
    why_us: Option<&'a str>,
    not_do: Vec<&'a str>,
    moat: Vec<MoatOut<'a>>,
}

/// What every item has. `item` is its kind: a tactic's own attribute is
/// named `kind`.
#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    item: &'static str,
    label: Option<&'a str>,
    span: SpanOut<'a>,
}

#[derive(Serialize)]
struct PieceOut<'a> {
    from: String,
    to: String,
    used: AmountOut<'a>,
    capacity: Option<AmountOut<'a>>,
}

#[derive(Serialize)]
struct PeakOut<'a> {
    from: String,
    to: String,
    used: AmountOut<'a>,
}

#[derive(Serialize)]
struct ShareOut<'a> {
    battle: &'a str,
    amount: AmountOut<'a>,
}

#[derive(Serialize)]
struct LoadOut<'a> {
    pieces: Vec<PieceOut<'a>>,
    peak: Option<PeakOut<'a>>,
    /// Total pools only: headcounts on different days do not add up.
    #[serde(skip_serializing_if = "Option::is_none")]
    total_used: Option<AmountOut<'a>>,
    by_battle: Vec<ShareOut<'a>>,
}

#[derive(Serialize)]
struct ResourceOut<'a> {
    #[serde(flatten)]
    item: ItemOut<'a>,
    pool: Option<PoolKind>,
    amount: Option<AmountOut<'a>>,
    load: LoadOut<'a>,
}

#[derive(Serialize)]
struct MetricOut<'a> {
    #[serde(flatten)]
    item: ItemOut<'a>,
    unit: &'static str,
}

#[derive(Serialize)]
struct TargetOut<'a> {
    metric: &'a str,
    amount: AmountOut<'a>,
    by: String,
}

#[derive(Serialize)]
struct SplitOut<'a> {
    mode: SplitMode,
    values: Vec<AmountOut<'a>>,
}

#[derive(Serialize)]
struct CoverageOut<'a> {
    covered: AmountOut<'a>,
    /// `None` for a goal with no gap check (a percent goal, or one whose
    /// target did not resolve): nothing to be enough for.
    enough: Option<bool>,
    contributions: Vec<ShareOut<'a>>,
}

#[derive(Serialize)]
struct GoalOut<'a> {
    #[serde(flatten)]
    item: ItemOut<'a>,
    perspective: Option<Perspective>,
    target: Option<TargetOut<'a>>,
    /// A guardrail: `{"metric", "op", "amount"}` as a tactic's `win`.
    keep: Option<WinOut<'a>>,
    baseline: Option<AmountOut<'a>>,
    split: Option<SplitOut<'a>>,
    milestones: Option<SplitOut<'a>>,
    supports: Vec<&'a str>,
    part_of: Option<&'a str>,
    /// The goals that are `part_of` this one, in source order.
    parts: Vec<&'a str>,
    breakthrough: bool,
    owner: Option<&'a str>,
    gap: Option<AmountOut<'a>>,
    coverage: CoverageOut<'a>,
    /// Every check-in's actual of the target's metric, in date order.
    readings: Vec<ReadingOut<'a>>,
}

/// `{"resource": "people", "amount": …}` or `{"metric": "revenue", …}`.
#[derive(Serialize)]
struct UseOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metric: Option<&'a str>,
    amount: AmountOut<'a>,
}

#[derive(Serialize)]
struct PathOut<'a> {
    #[serde(flatten)]
    item: ItemOut<'a>,
    serves: Vec<&'a str>,
    main: bool,
    cost: Vec<UseOut<'a>>,
    duration: Option<DurationOut>,
    expects: Vec<UseOut<'a>>,
    segment: Option<&'a str>,
    owner: Option<&'a str>,
    battles: Vec<&'a str>,
}

#[derive(Serialize)]
struct BattleOut<'a> {
    #[serde(flatten)]
    item: ItemOut<'a>,
    on: Option<&'a str>,
    objective: Vec<UseOut<'a>>,
    significance: Option<&'a str>,
    window: Option<WindowOut>,
    needs: Vec<UseOut<'a>>,
    review: Option<DurationOut>,
    after: Vec<&'a str>,
    owner: Option<&'a str>,
    segment: Option<&'a str>,
    tactics: Vec<&'a str>,
}

#[derive(Serialize)]
struct WinOut<'a> {
    metric: &'a str,
    op: Comparison,
    amount: AmountOut<'a>,
}

#[derive(Serialize)]
struct TacticOut<'a> {
    #[serde(flatten)]
    item: ItemOut<'a>,
    #[serde(rename = "for")]
    battle: Option<&'a str>,
    kind: Option<TacticKind>,
    owner: Option<&'a str>,
    window: Option<WindowOut>,
    effective_window: Option<WindowOut>,
    needs: Vec<UseOut<'a>>,
    win: Option<WinOut<'a>>,
    after: Vec<&'a str>,
    segment: Option<&'a str>,
}

#[derive(Serialize)]
struct EdgeOut<'a> {
    from: &'a str,
    to: &'a str,
    kind: EdgeKind,
}

struct Ctx<'a> {
    lines: Lines<'a>,
    model: &'a Model,
}

impl<'a> Ctx<'a> {
    /// A place in its own file.
    fn span(&self, span: Span) -> SpanOut<'a> {
        let part = self.lines.part(span.start());
        let start = part.line_col(span.start());
        let end = part.line_col(span.end().max(span.start()));
        SpanOut {
            file: part.name,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }

    /// A reference: the item's id, or the name as written if it did not resolve.
    fn name(&self, r: &'a Ref) -> &'a str {
        match r.item().and_then(|id| self.model.common(id)) {
            Some(c) => &c.id.name,
            None => &r.name,
        }
    }

    fn refs(&self, refs: &'a [Ref]) -> Vec<&'a str> {
        refs.iter().map(|r| self.name(r)).collect()
    }

    fn item(&self, kind: ItemKind, c: &'a Common) -> ItemOut<'a> {
        ItemOut {
            id: &c.id.name,
            item: kind.keyword(),
            label: c.label.as_deref(),
            span: self.span(c.span),
        }
    }

    fn uses(&self, kind: ItemKind, list: &'a [Use]) -> Vec<UseOut<'a>> {
        list.iter()
            .map(|u| {
                let name = Some(self.name(&u.what));
                let (resource, metric) = if kind == ItemKind::Resource {
                    (name, None)
                } else {
                    (None, name)
                };
                UseOut {
                    resource,
                    metric,
                    amount: quantity(&u.qty),
                }
            })
            .collect()
    }
}

/// A written string's value, whether the model keeps it inline or boxed.
fn text<S: std::borrow::Borrow<Spanned<crate::Text>>>(s: &Option<S>) -> Option<&str> {
    s.as_ref().map(|s| s.borrow().value.as_str())
}

fn amount(a: Amount, unit: Unit) -> AmountOut<'static> {
    let (unit, currency) = match unit {
        Unit::Money(c) => ("money", Some(c.code())),
        Unit::Count => ("count", None),
        Unit::Percent => ("percent", None),
    };
    AmountOut {
        value: a.to_json(),
        exact: a.to_decimal(),
        unit,
        currency,
        change: None,
        text: None,
    }
}

/// An amount as written: with `change` and `text`.
fn quantity(q: &Quantity) -> AmountOut<'_> {
    AmountOut {
        change: Some(q.change),
        text: Some(&q.text),
        ..amount(q.amount, q.unit)
    }
}

fn split(s: &Split) -> SplitOut<'_> {
    SplitOut {
        mode: s.mode,
        values: s.values.iter().map(quantity).collect(),
    }
}

fn window(r: DateRange) -> WindowOut {
    WindowOut {
        start: r.start.to_string(),
        end: r.end.to_string(),
    }
}

fn duration(d: &Option<Spanned<Duration>>) -> Option<DurationOut> {
    d.as_ref().map(|d| DurationOut {
        count: d.value.count,
        unit: d.value.unit,
        approx_days: d.value.approx_days(),
    })
}

/// The build output of an analysed plan of one file.
pub fn export<'a>(file: &'a str, text_: &'a str, analysis: &'a Analysis) -> Build<'a> {
    build(Lines::one(file, text_), analysis)
}

/// The build output of an analysed plan of one or several files: every
/// place names its own file, and `files` lists them all.
pub fn export_sources<'a>(map: &'a SourceMap, analysis: &'a Analysis) -> Build<'a> {
    build(Lines::of(map), analysis)
}

fn build<'a>(lines: Lines<'a>, analysis: &'a Analysis) -> Build<'a> {
    let model = &analysis.model;
    let file = lines.root().name;
    let files = lines.parts().iter().map(|p| p.name).collect();
    let ctx = std::rc::Rc::new(Ctx { lines, model });
    // Each path's battles and each battle's tactics: the `on` and `for`
    // edges, turned around.
    let mut battles_of_path: Vec<Vec<&str>> = vec![Vec::new(); model.paths.len()];
    let mut tactics_of_battle: Vec<Vec<&str>> = vec![Vec::new(); model.battles.len()];
    let mut parts_of_goal: Vec<Vec<&str>> = vec![Vec::new(); model.goals.len()];
    for r in model.refs() {
        let (Some(to), Some(from)) = (r.target(), model.common(r.from)) else {
            continue;
        };
        match r.attr.edge {
            Some(EdgeKind::On) => battles_of_path[to.index].push(&from.id.name),
            Some(EdgeKind::For) => tactics_of_battle[to.index].push(&from.id.name),
            Some(EdgeKind::PartOf) => parts_of_goal[to.index].push(&from.id.name),
            _ => {}
        }
    }
    // Each battle's part of a pool's load or of a goal's coverage.
    let shares = |list: &[(usize, Amount)], unit: Unit| -> Vec<ShareOut> {
        list.iter()
            .map(|&(b, a)| ShareOut {
                battle: &model.battles[b].common.id.name,
                amount: amount(a, unit),
            })
            .collect()
    };

    let plan = model.plan.as_ref().map(|p| PlanOut {
        title: &p.title,
        span: ctx.span(p.span),
        period: p.period.map(|w| window(w.range)),
        limits: LimitsOut {
            main_paths: p.main_paths,
            concurrent_battles: p.concurrent_battles,
            owner_load: p.owner_load,
        },
        allow: p.allow.iter().map(|(c, _)| c.name()).collect(),
        currency: model.currency.map(|(c, _)| c.code()),
    });
    let positioning = model.positioning.as_ref().map(|p| PositioningOut {
        span: ctx.span(p.span),
        we_are: text(&p.we_are),
        serve: text(&p.serve),
        pain: text(&p.pain),
        why_us: text(&p.why_us),
        not_do: p.not_do.iter().map(|s| s.value.as_str()).collect(),
        moat: p
            .moat
            .iter()
            .map(|(id, score)| MoatOut {
                strength: &id.name,
                score: *score,
            })
            .collect(),
    });
    let resources = model
        .resources
        .iter()
        .zip(resource_loads(model))
        .map(|(r, load)| {
            let unit = r.unit().unwrap_or(Unit::Count);
            let limit = r.amount.as_ref().map(|q| q.amount);
            ResourceOut {
                item: ctx.item(ItemKind::Resource, &r.common),
                pool: r.kind,
                amount: r.amount.as_ref().map(quantity),
                load: LoadOut {
                    pieces: load
                        .pieces
                        .iter()
                        .map(|p| PieceOut {
                            from: p.range.start.to_string(),
                            to: p.range.end.to_string(),
                            used: amount(p.used, unit),
                            capacity: limit.map(|l| amount(l, unit)),
                        })
                        .collect(),
                    peak: load.peak.map(|p| PeakOut {
                        from: p.range.start.to_string(),
                        to: p.range.end.to_string(),
                        used: amount(p.used, unit),
                    }),
                    total_used: (r.kind == Some(PoolKind::Total))
                        .then(|| amount(load.total_used, unit)),
                    by_battle: shares(&load.by_battle, unit),
                },
            }
        })
        .collect();
    let metrics = model
        .metrics
        .iter()
        .map(|m| MetricOut {
            item: ctx.item(ItemKind::Metric, &m.common),
            unit: m.unit.word(),
        })
        .collect();
    // The check-ins in date order (a stable sort: source order within a
    // day), and each metric's actuals in that order.
    let mut dated: Vec<(crate::date::Date, &Checkin)> = model
        .checkins
        .iter()
        .filter_map(|c| Some((c.date.as_ref()?.value, c)))
        .collect();
    dated.sort_by_key(|(d, _)| *d);
    let mut readings_of: Vec<Vec<(crate::date::Date, &Quantity)>> =
        vec![Vec::new(); model.metrics.len()];
    for (date, c) in &dated {
        for u in &c.actual {
            if let Some(m) = u.what.target() {
                readings_of[m].push((*date, &u.qty));
            }
        }
    }
    let goals = model
        .goals
        .iter()
        .zip(goal_coverage(model))
        .zip(parts_of_goal)
        .map(|((g, cov), parts)| {
            let unit = g
                .target
                .as_ref()
                .map(|t| t.qty.unit)
                .or(g.keep.as_ref().map(|k| k.qty.unit))
                .unwrap_or(Unit::Count);
            let readings = g
                .target
                .as_ref()
                .map(|t| &t.metric)
                .or(g.keep.as_ref().map(|k| &k.metric))
                .and_then(|m| m.target())
                .map(|m| {
                    readings_of[m]
                        .iter()
                        .map(|(d, q)| ReadingOut {
                            date: d.to_string(),
                            amount: quantity(q),
                        })
                        .collect()
                })
                .unwrap_or_default();
            GoalOut {
                item: ctx.item(ItemKind::Goal, &g.common),
                perspective: g.perspective.as_ref().map(|p| p.value),
                target: g.target.as_ref().map(|t| TargetOut {
                    metric: ctx.name(&t.metric),
                    amount: quantity(&t.qty),
                    by: t.by.value.to_string(),
                }),
                keep: g.keep.as_ref().map(|w| WinOut {
                    metric: ctx.name(&w.metric),
                    op: w.op,
                    amount: quantity(&w.qty),
                }),
                baseline: g.baseline.as_ref().map(quantity),
                split: g.split.as_ref().map(split),
                milestones: g.milestones.as_ref().map(split),
                supports: ctx.refs(&g.supports),
                part_of: g.part_of.as_ref().map(|r| ctx.name(r)),
                parts,
                breakthrough: g.breakthrough.is_some(),
                owner: text(&g.owner),
                gap: cov.gap.map(|gap| amount(gap, unit)),
                coverage: CoverageOut {
                    covered: amount(cov.covered, unit),
                    enough: cov.gap.map(|_| cov.is_covered()),
                    contributions: shares(&cov.contributions, unit),
                },
                readings,
            }
        })
        .collect();
    let paths = model
        .paths
        .iter()
        .zip(battles_of_path)
        .map(|(p, battles)| PathOut {
            item: ctx.item(ItemKind::Path, &p.common),
            serves: ctx.refs(&p.serves),
            main: p.main.is_some(),
            cost: ctx.uses(ItemKind::Resource, &p.cost),
            duration: duration(&p.duration),
            expects: ctx.uses(ItemKind::Metric, &p.expects),
            segment: text(&p.segment),
            owner: text(&p.owner),
            battles,
        })
        .collect();
    let tactics_of_battle = std::rc::Rc::new(tactics_of_battle);
    let battle_ctx = ctx.clone();
    let battles = Lazy::new(move || {
        let ctx = battle_ctx.clone();
        let tactics_of_battle = tactics_of_battle.clone();
        model
            .battles
            .iter()
            .enumerate()
            .map(move |(i, b)| BattleOut {
                item: ctx.item(ItemKind::Battle, &b.common),
                on: b.on.as_ref().map(|r| ctx.name(r)),
                objective: ctx.uses(ItemKind::Metric, &b.objective),
                significance: text(&b.significance),
                window: b.window.map(|w| window(w.range)),
                needs: ctx.uses(ItemKind::Resource, &b.needs),
                review: duration(&b.review),
                after: ctx.refs(&b.after),
                owner: text(&b.owner),
                segment: text(&b.segment),
                tactics: tactics_of_battle[i].clone(),
            })
    });
    let tactic_ctx = ctx.clone();
    let tactics = Lazy::new(move || {
        let ctx = tactic_ctx.clone();
        model.tactics.iter().map(move |t| TacticOut {
            item: ctx.item(ItemKind::Tactic, &t.common),
            battle: t.battle.as_ref().map(|r| ctx.name(r)),
            kind: t.kind.as_ref().map(|k| k.value),
            owner: text(&t.owner),
            window: t.window.map(|w| window(w.range)),
            effective_window: model.tactic_window(t).map(window),
            needs: ctx.uses(ItemKind::Resource, &t.needs),
            win: t.win.as_ref().map(|w| WinOut {
                metric: ctx.name(&w.metric),
                op: w.op,
                amount: quantity(&w.qty),
            }),
            after: ctx.refs(&t.after),
            segment: text(&t.segment),
        })
    });
    let checkins = dated
        .iter()
        .map(|(date, c)| CheckinOut {
            date: date.to_string(),
            label: c.label.as_deref(),
            span: ctx.span(c.span),
            actual: ctx.uses(ItemKind::Metric, &c.actual),
            status: c
                .status
                .iter()
                .map(|r| StateOut {
                    item: ctx.name(&r.what),
                    state: r.state.value,
                })
                .collect(),
            spent: ctx.uses(ItemKind::Resource, &c.spent),
            note: text(&c.note),
            by: text(&c.by),
        })
        .collect();
    let graph_edges = std::rc::Rc::new(PlanGraph::new(model).edges());
    let edges = Lazy::new(move || {
        let graph_edges = graph_edges.clone();
        (0..graph_edges.len()).filter_map(move |i| {
            let (a, b, e) = graph_edges[i];
            Some(EdgeOut {
                from: &model.common(a)?.id.name,
                to: &model.common(b)?.id.name,
                kind: e.kind,
            })
        })
    });
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
    Build {
        schema: SCHEMA,
        file,
        files,
        plan,
        positioning,
        resources,
        metrics,
        goals,
        paths,
        battles,
        tactics,
        checkins,
        edges,
        diagnostics: Counts {
            errors,
            warnings: analysis.diagnostics.len() - errors,
        },
    }
}
