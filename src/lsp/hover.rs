//! Hover: what planc knows about the item a name refers to. A battle shows
//! its window, objective, needs, tactics and what it adds to its goals'
//! coverage; a resource its peak load and when; a goal its gap and
//! coverage; a metric its unit and who targets it.

use super::occurrences::item;
use super::position::Encoding;
use super::Document;
use crate::check::facts::{goal_coverage, resource_loads, GoalCoverage};
use crate::model::{EdgeKind, ItemId, Model, PoolKind, Use};
use crate::quantity::{Style, Unit, UnitKind};
use crate::syntax::ast::{AttrKey, ItemKind};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use std::fmt::Write;

pub fn hover(doc: &Document, encoding: Encoding, at: Position) -> Option<Hover> {
    let occurrence = doc.occurrences.at(doc.offset(at, encoding))?;
    let id = item(&doc.analysis.model, &occurrence.name)?;
    let text = describe(doc, id.kind, id.index);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(doc.range(occurrence.span, encoding)),
    })
}

/// The hover text of an item, in Markdown.
pub fn describe(doc: &Document, kind: ItemKind, i: usize) -> String {
    let model = &doc.analysis.model;
    let h = Hovering {
        model,
        text: &doc.text,
    };
    match kind {
        ItemKind::Battle => h.battle(i),
        ItemKind::Resource => h.resource(i),
        ItemKind::Goal => h.goal(i),
        ItemKind::Metric => h.metric(i),
        ItemKind::Path => h.path(i),
        ItemKind::Tactic => h.tactic(i),
        ItemKind::Plan | ItemKind::Positioning | ItemKind::Checkin => String::new(),
    }
}

struct Hovering<'a> {
    model: &'a Model,
    text: &'a str,
}

impl Hovering<'_> {
    fn title(&self, kind: ItemKind, i: usize) -> String {
        let id = crate::model::ItemId { kind, index: i };
        match self.model.common(id) {
            Some(c) => match &c.label {
                Some(label) => format!("**{} `{}`** «{label}»\n\n", kind.keyword(), c.name()),
                None => format!("**{} `{}`**\n\n", kind.keyword(), c.name()),
            },
            None => String::new(),
        }
    }

    fn name(&self, kind: ItemKind, i: usize) -> String {
        let id = crate::model::ItemId { kind, index: i };
        self.model
            .common(id)
            .map_or_else(String::new, |c| format!("`{}`", c.name()))
    }

    fn uses(&self, uses: &[Use]) -> String {
        uses.iter()
            .map(|u| format!("{} {}", u.what.name, u.qty.text))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The items whose `edge` reference names the item `kind` `index`, in
    /// source order (an item naming it twice comes twice, one after the other).
    fn linked(
        &self,
        edge: EdgeKind,
        kind: ItemKind,
        index: usize,
    ) -> impl Iterator<Item = usize> + '_ {
        let to = ItemId { kind, index };
        self.model
            .refs()
            .filter(move |r| r.attr.edge == Some(edge) && r.target() == Some(to))
            .map(|r| r.from.index)
    }

    fn battle(&self, b: usize) -> String {
        let battle = &self.model.battles[b];
        let mut s = self.title(ItemKind::Battle, b);
        let mut line = |key: &str, value: String| {
            let _ = writeln!(s, "- {key}: {value}");
        };
        if let Some(w) = battle.window {
            let days = w.range.end.0 - w.range.start.0 + 1;
            line("window", format!("{} ({days} days)", w.range));
        }
        if let Some(p) = battle.on.as_ref() {
            line("on", format!("`{}`", p.name));
        }
        if !battle.objective.is_empty() {
            line("objective", self.uses(&battle.objective));
        }
        if !battle.needs.is_empty() {
            line("needs", self.uses(&battle.needs));
        }
        let tactics: Vec<String> = self
            .linked(EdgeKind::For, ItemKind::Battle, b)
            .map(|t| self.name(ItemKind::Tactic, t))
            .collect();
        line(
            "tactics",
            if tactics.is_empty() {
                "none yet".to_string()
            } else {
                tactics.join(", ")
            },
        );
        for c in goal_coverage(self.model) {
            for (_, amount) in c.contributions.iter().filter(|(cb, _)| *cb == b) {
                let style = self.goal_style(&c);
                let mut text = format!(
                    "{} toward goal {}",
                    style.format_signed(*amount, true),
                    self.name(ItemKind::Goal, c.goal)
                );
                if let Some(gap) = c.gap {
                    let _ = write!(
                        text,
                        " (gap {}, all battles together {})",
                        style.format(gap),
                        style.format_signed(c.covered, true)
                    );
                }
                line("contributes", text);
            }
        }
        s
    }

    fn goal_style(&self, c: &GoalCoverage) -> Style {
        let goal = &self.model.goals[c.goal];
        goal.target.as_ref().map_or(
            Style {
                unit: Unit::Count,
                scale: None,
            },
            |t| t.qty.style(),
        )
    }

    fn resource(&self, r: usize) -> String {
        let resource = &self.model.resources[r];
        let mut s = self.title(ItemKind::Resource, r);
        let Some(amount) = &resource.amount else {
            return s;
        };
        let style = amount.style();
        let load = resource_loads(self.model).swap_remove(r);
        match resource.kind {
            Some(PoolKind::Capacity) => {
                let _ = writeln!(s, "- capacity: {} at once", amount.text);
                match load.peak {
                    Some(peak) => {
                        let _ = writeln!(
                            s,
                            "- peak load: {} of {}, {}",
                            style.format(peak.used),
                            amount.text,
                            when(peak.range)
                        );
                    }
                    None => s.push_str("- peak load: nothing draws on it yet\n"),
                }
            }
            Some(PoolKind::Total) => {
                let _ = writeln!(s, "- total: {}", amount.text);
                let _ = writeln!(
                    s,
                    "- used: {} of {}",
                    style.format(load.total_used),
                    amount.text
                );
            }
            None => {}
        }
        let battles: Vec<String> = load
            .by_battle
            .iter()
            .map(|(b, a)| format!("{} {}", self.name(ItemKind::Battle, *b), style.format(*a)))
            .collect();
        if !battles.is_empty() {
            let _ = writeln!(s, "- charged by: {}", battles.join(", "));
        }
        s
    }

    fn goal(&self, g: usize) -> String {
        let goal = &self.model.goals[g];
        let mut s = self.title(ItemKind::Goal, g);
        if let Some(t) = &goal.target {
            let _ = writeln!(
                s,
                "- target: {} {} by {}",
                t.metric.name, t.qty.text, t.by.value
            );
        }
        if let Some(k) = &goal.keep {
            let _ = writeln!(
                s,
                "- guardrail: keep {} {} {} for the whole period (no gap, needs no path)",
                k.metric.name,
                k.op.op(),
                k.qty.text
            );
        }
        if let Some(b) = &goal.baseline {
            let _ = writeln!(s, "- baseline: {}", b.text);
        }
        for (word, split) in [("split", &goal.split), ("milestones", &goal.milestones)] {
            if let Some(split) = split {
                let values: Vec<&str> = split.values.iter().map(|v| v.text.as_str()).collect();
                let mode = match split.mode {
                    crate::model::SplitMode::Quarterly => "quarterly",
                    crate::model::SplitMode::Monthly => "monthly",
                };
                let _ = writeln!(s, "- {word}: {mode} {}", values.join(", "));
            }
        }
        if let Some(parent) = &goal.part_of {
            let _ = writeln!(s, "- part of: `{}`", parent.name);
        }
        let parts: Vec<String> = self
            .linked(EdgeKind::PartOf, ItemKind::Goal, g)
            .map(|p| self.name(ItemKind::Goal, p))
            .collect();
        if !parts.is_empty() {
            let _ = writeln!(s, "- parts: {}", parts.join(", "));
        }
        let coverage = goal_coverage(self.model).swap_remove(g);
        let style = self.goal_style(&coverage);
        match coverage.gap {
            Some(gap) => {
                let _ = writeln!(s, "- gap: {}", style.format(gap));
                let verdict = if coverage.is_covered() {
                    "covered".to_string()
                } else {
                    format!("short by {}", style.format(gap.minus(coverage.covered)))
                };
                let _ = writeln!(
                    s,
                    "- coverage: battles add {} — {verdict}",
                    style.format_signed(coverage.covered, true)
                );
            }
            None => {
                if goal.target.is_some() {
                    s.push_str("- coverage: a level goal (percent), not a sum of battles\n");
                }
            }
        }
        let by: Vec<String> = coverage
            .contributions
            .iter()
            .map(|(b, a)| {
                format!(
                    "{} {}",
                    self.name(ItemKind::Battle, *b),
                    style.format_signed(*a, true)
                )
            })
            .collect();
        if !by.is_empty() {
            let _ = writeln!(s, "- battles: {}", by.join(", "));
        }
        let mut serving: Vec<usize> = self.linked(EdgeKind::Serves, ItemKind::Goal, g).collect();
        serving.dedup();
        let paths: Vec<String> = serving
            .into_iter()
            .map(|p| self.name(ItemKind::Path, p))
            .collect();
        if !paths.is_empty() {
            let _ = writeln!(s, "- served by: {}", paths.join(", "));
        }
        s
    }

    fn metric(&self, m: usize) -> String {
        let metric = &self.model.metrics[m];
        let mut s = self.title(ItemKind::Metric, m);
        let unit = match (metric.unit, self.model.currency) {
            (UnitKind::Money, Some((c, _))) => format!("money ({})", c.sign()),
            (unit, _) => unit.word().to_string(),
        };
        let _ = writeln!(s, "- unit: {unit}");
        let mut who = Vec::new();
        let metric = ItemId {
            kind: ItemKind::Metric,
            index: m,
        };
        for r in self.model.refs().filter(|r| r.target() == Some(metric)) {
            let (from, qty) = (r.from.index, r.quantity.map_or("", |q| q.text.as_str()));
            let name = self.name(r.from.kind, from);
            who.push(match (r.from.kind, r.attr.key) {
                (ItemKind::Goal, AttrKey::Target) => format!("goal {name} {qty}"),
                (ItemKind::Goal, AttrKey::Keep) => {
                    let op = self.model.goals[from]
                        .keep
                        .as_ref()
                        .map_or("", |k| k.op.op());
                    format!("goal {name} keeps it {op} {qty}")
                }
                (ItemKind::Path, AttrKey::Expects) => format!("path {name} expects {qty}"),
                (ItemKind::Battle, AttrKey::Objective) => format!("battle {name} {qty}"),
                (ItemKind::Tactic, AttrKey::Win) => {
                    let op = self.model.tactics[from]
                        .win
                        .as_ref()
                        .map_or("", |w| w.op.op());
                    format!("tactic {name} wins at {op} {qty}")
                }
                _ => continue,
            });
        }
        if who.is_empty() {
            s.push_str("- targeted by: nothing yet\n");
        } else {
            s.push_str("- targeted by:\n");
            for w in who {
                let _ = writeln!(s, "  - {w}");
            }
        }
        s
    }

    fn path(&self, p: usize) -> String {
        let path = &self.model.paths[p];
        let mut s = self.title(ItemKind::Path, p);
        let _ = writeln!(
            s,
            "- {}",
            if path.main.is_some() {
                "main path"
            } else {
                "candidate path (not `main`)"
            }
        );
        if !path.serves.is_empty() {
            let goals: Vec<String> = path
                .serves
                .iter()
                .map(|r| format!("`{}`", r.name))
                .collect();
            let _ = writeln!(s, "- serves: {}", goals.join(", "));
        }
        if !path.cost.is_empty() {
            let _ = writeln!(s, "- cost: {}", self.uses(&path.cost));
        }
        if let Some(d) = &path.duration {
            let _ = writeln!(s, "- duration: {}", self.slice(d.span));
        }
        if !path.expects.is_empty() {
            let _ = writeln!(s, "- expects: {}", self.uses(&path.expects));
        }
        let battles: Vec<String> = self
            .linked(EdgeKind::On, ItemKind::Path, p)
            .map(|b| self.name(ItemKind::Battle, b))
            .collect();
        let _ = writeln!(
            s,
            "- battles: {}",
            if battles.is_empty() {
                "none yet".to_string()
            } else {
                battles.join(", ")
            }
        );
        s
    }

    fn tactic(&self, t: usize) -> String {
        let tactic = &self.model.tactics[t];
        let mut s = self.title(ItemKind::Tactic, t);
        if let Some(b) = &tactic.battle {
            let _ = writeln!(s, "- for: `{}`", b.name);
        }
        if let Some(o) = &tactic.owner {
            let _ = writeln!(s, "- owner: {}", o.value);
        }
        if let Some(w) = self.model.tactic_window(tactic) {
            let own = if tactic.window.is_some() {
                ""
            } else {
                " (its battle's)"
            };
            let _ = writeln!(s, "- window: {w}{own}");
        }
        if !tactic.needs.is_empty() {
            let _ = writeln!(s, "- needs: {}", self.uses(&tactic.needs));
        }
        match &tactic.win {
            Some(w) => {
                let _ = writeln!(
                    s,
                    "- wins when: {} {} {}",
                    w.metric.name,
                    w.op.op(),
                    w.qty.text
                );
            }
            None => s.push_str("- wins when: not said yet (`win`)\n"),
        }
        s
    }

    fn slice(&self, span: crate::span::Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

fn when(range: crate::date::DateRange) -> String {
    if range.start == range.end {
        format!("on {}", range.start)
    } else {
        format!("from {} to {}", range.start, range.end)
    }
}
