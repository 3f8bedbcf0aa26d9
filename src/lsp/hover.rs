//! Hover: what planc knows about the item a name refers to. A battle shows
//! its window, objective, needs, tactics and what it adds to its goals'
//! coverage; a resource its peak load and when; a goal its gap and
//! coverage; a metric its unit and who targets it.

use super::occurrences::item;
use super::position::Encoding;
use super::Document;
use crate::check::facts::{goal_coverage, resource_loads, GoalCoverage};
use crate::date::Date;
use crate::lang::Lang;
use crate::model::{EdgeKind, ItemId, Model, PoolKind, Use};
use crate::quantity::{Style, Unit, UnitKind};
use crate::syntax::ast::{AttrKey, ItemKind};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use std::fmt::Write;

/// The hover at `at`. `today` is the local date the server read (none when
/// it has no clock): a goal's hover then says where it stands on that day,
/// as `planc status` would.
pub fn hover(
    doc: &Document,
    encoding: Encoding,
    at: Position,
    today: Option<Date>,
) -> Option<Hover> {
    let occurrence = doc.occurrences.at(doc.offset(at, encoding))?;
    let id = item(&doc.analysis.model, &occurrence.name)?;
    let text = describe_on(doc, id.kind, id.index, today);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(doc.range(occurrence.span, encoding)),
    })
}

/// The hover text of an item, in Markdown, as the plan says it (nothing
/// that depends on the day).
pub fn describe(doc: &Document, kind: ItemKind, i: usize) -> String {
    describe_on(doc, kind, i, None)
}

/// [`describe`], and for a goal, where it stands on `today`.
pub fn describe_on(doc: &Document, kind: ItemKind, i: usize, today: Option<Date>) -> String {
    let model = &doc.analysis.model;
    let h = Hovering {
        model,
        text: &doc.text,
        lang: doc.analysis.lang,
    };
    match kind {
        ItemKind::Battle => h.battle(i),
        ItemKind::Resource => h.resource(i),
        ItemKind::Goal => {
            let mut s = h.goal(i);
            if let Some(today) = today {
                h.as_of(&mut s, i, today);
            }
            s
        }
        ItemKind::Metric => h.metric(i),
        ItemKind::Path => h.path(i),
        ItemKind::Tactic => h.tactic(i),
        ItemKind::Plan | ItemKind::Positioning | ItemKind::Checkin => String::new(),
    }
}

struct Hovering<'a> {
    model: &'a Model,
    text: &'a str,
    lang: Lang,
}

impl Hovering<'_> {
    /// The English or the Chinese words.
    fn w(&self, en: &'static str, zh: &'static str) -> &'static str {
        self.lang.pick(en, zh)
    }

    /// `- key: value`, the key in the hover's language.
    fn line(&self, s: &mut String, en: &'static str, zh: &'static str, value: &str) {
        let _ = match self.lang {
            Lang::En => writeln!(s, "- {en}: {value}"),
            Lang::Zh => writeln!(s, "- {zh}：{value}"),
        };
    }

    fn title(&self, kind: ItemKind, i: usize) -> String {
        let id = crate::model::ItemId { kind, index: i };
        match self.model.common(id) {
            Some(c) => match (&c.label, self.lang) {
                (Some(label), Lang::En) => {
                    format!("**{} `{}`** «{label}»\n\n", kind.keyword(), c.name())
                }
                (None, Lang::En) => format!("**{} `{}`**\n\n", kind.keyword(), c.name()),
                (Some(label), Lang::Zh) => {
                    format!("**{} `{}`**“{label}”\n\n", zh_kind(kind), c.name())
                }
                (None, Lang::Zh) => format!("**{} `{}`**\n\n", zh_kind(kind), c.name()),
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
        if let Some(w) = battle.window {
            let days = w.range.end.0 - w.range.start.0 + 1;
            let value = match self.lang {
                Lang::En => format!("{} ({days} days)", w.range),
                Lang::Zh => format!("{}（{days} 天）", w.range),
            };
            self.line(&mut s, "window", "时间周期", &value);
        }
        if let Some(p) = battle.on.as_ref() {
            self.line(&mut s, "on", "所在路径", &format!("`{}`", p.name));
        }
        if !battle.objective.is_empty() {
            self.line(
                &mut s,
                "objective",
                "战役目标",
                &self.uses(&battle.objective),
            );
        }
        if !battle.needs.is_empty() {
            self.line(&mut s, "needs", "所需资源", &self.uses(&battle.needs));
        }
        let tactics: Vec<String> = self
            .linked(EdgeKind::For, ItemKind::Battle, b)
            .map(|t| self.name(ItemKind::Tactic, t))
            .collect();
        let tactics = if tactics.is_empty() {
            self.w("none yet", "还没有").to_string()
        } else {
            tactics.join(", ")
        };
        self.line(&mut s, "tactics", "战术", &tactics);
        for c in goal_coverage(self.model) {
            for (_, amount) in c.contributions.iter().filter(|(cb, _)| *cb == b) {
                let style = self.goal_style(&c);
                let mut text = match self.lang {
                    Lang::En => format!(
                        "{} toward goal {}",
                        style.format_signed(*amount, true),
                        self.name(ItemKind::Goal, c.goal)
                    ),
                    Lang::Zh => format!(
                        "为目标 {} 贡献 {}",
                        self.name(ItemKind::Goal, c.goal),
                        style.format_signed(*amount, true)
                    ),
                };
                if let Some(gap) = c.gap {
                    let _ = match self.lang {
                        Lang::En => write!(
                            text,
                            " (gap {}, all battles together {})",
                            style.format(gap),
                            style.format_signed(c.covered, true)
                        ),
                        Lang::Zh => write!(
                            text,
                            "（差距 {}，所有战役合计 {}）",
                            style.format(gap),
                            style.format_signed(c.covered, true)
                        ),
                    };
                }
                self.line(&mut s, "contributes", "贡献", &text);
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
                let cap = match self.lang {
                    Lang::En => format!("{} at once", amount.text),
                    Lang::Zh => format!("同时可用 {}", amount.text),
                };
                self.line(&mut s, "capacity", "容量", &cap);
                let peak = match (load.peak, self.lang) {
                    (Some(peak), Lang::En) => format!(
                        "{} of {}, {}",
                        style.format(peak.used),
                        amount.text,
                        when(peak.range)
                    ),
                    (Some(peak), Lang::Zh) => format!(
                        "{}（容量 {}），{}",
                        style.format(peak.used),
                        amount.text,
                        when_zh(peak.range)
                    ),
                    (None, _) => self
                        .w("nothing draws on it yet", "还没有谁占用")
                        .to_string(),
                };
                self.line(&mut s, "peak load", "峰值占用", &peak);
            }
            Some(PoolKind::Total) => {
                self.line(&mut s, "total", "总额", &amount.text);
                let used = match self.lang {
                    Lang::En => format!("{} of {}", style.format(load.total_used), amount.text),
                    Lang::Zh => {
                        format!("{}（总额 {}）", style.format(load.total_used), amount.text)
                    }
                };
                self.line(&mut s, "used", "已分配", &used);
            }
            None => {}
        }
        let battles: Vec<String> = load
            .by_battle
            .iter()
            .map(|(b, a)| format!("{} {}", self.name(ItemKind::Battle, *b), style.format(*a)))
            .collect();
        if !battles.is_empty() {
            self.line(&mut s, "charged by", "占用它的战役", &battles.join(", "));
        }
        s
    }

    fn goal(&self, g: usize) -> String {
        let goal = &self.model.goals[g];
        let mut s = self.title(ItemKind::Goal, g);
        if let Some(t) = &goal.target {
            let target = match self.lang {
                Lang::En => format!("{} {} by {}", t.metric.name, t.qty.text, t.by.value),
                Lang::Zh => format!("{} 前 {} 达到 {}", t.by.value, t.metric.name, t.qty.text),
            };
            self.line(&mut s, "target", "目标值", &target);
        }
        if let Some(k) = &goal.keep {
            let text = match self.lang {
                Lang::En => format!(
                    "keep {} {} {} for the whole period (no gap, needs no path)",
                    k.metric.name,
                    k.op.op(),
                    k.qty.text
                ),
                Lang::Zh => format!(
                    "整个周期都要守住 {} {} {}（没有差距，不需要路径）",
                    k.metric.name,
                    k.op.op(),
                    k.qty.text
                ),
            };
            self.line(&mut s, "guardrail", "底线", &text);
        }
        if let Some(b) = &goal.baseline {
            self.line(&mut s, "baseline", "基线", &b.text);
        }
        for (word, zh, split) in [
            ("split", "拆解", &goal.split),
            ("milestones", "里程碑", &goal.milestones),
        ] {
            if let Some(split) = split {
                let values: Vec<&str> = split.values.iter().map(|v| v.text.as_str()).collect();
                let mode = match split.mode {
                    crate::model::SplitMode::Quarterly => self.w("quarterly", "按季"),
                    crate::model::SplitMode::Monthly => self.w("monthly", "按月"),
                };
                self.line(&mut s, word, zh, &format!("{mode} {}", values.join(", ")));
            }
        }
        if let Some(parent) = &goal.part_of {
            self.line(&mut s, "part of", "分解自", &format!("`{}`", parent.name));
        }
        let parts: Vec<String> = self
            .linked(EdgeKind::PartOf, ItemKind::Goal, g)
            .map(|p| self.name(ItemKind::Goal, p))
            .collect();
        if !parts.is_empty() {
            self.line(&mut s, "parts", "分解目标", &parts.join(", "));
        }
        let coverage = goal_coverage(self.model).swap_remove(g);
        let style = self.goal_style(&coverage);
        match coverage.gap {
            Some(gap) => {
                self.line(&mut s, "gap", "差距", &style.format(gap));
                let short = style.format(gap.minus(coverage.covered));
                let added = style.format_signed(coverage.covered, true);
                let text = match (self.lang, coverage.is_covered()) {
                    (Lang::En, true) => format!("battles add {added} — covered"),
                    (Lang::En, false) => format!("battles add {added} — short by {short}"),
                    (Lang::Zh, true) => format!("各场战役合计 {added}，已覆盖"),
                    (Lang::Zh, false) => format!("各场战役合计 {added}，还差 {short}"),
                };
                self.line(&mut s, "coverage", "覆盖", &text);
            }
            None => {
                if goal.target.is_some() {
                    let text = self.w(
                        "a level goal (percent), not a sum of battles",
                        "水平类目标（百分比），不按战役累加",
                    );
                    self.line(&mut s, "coverage", "覆盖", text);
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
            self.line(&mut s, "battles", "战役", &by.join(", "));
        }
        let mut serving: Vec<usize> = self.linked(EdgeKind::Serves, ItemKind::Goal, g).collect();
        serving.dedup();
        let paths: Vec<String> = serving
            .into_iter()
            .map(|p| self.name(ItemKind::Path, p))
            .collect();
        if !paths.is_empty() {
            self.line(&mut s, "served by", "服务它的路径", &paths.join(", "));
        }
        s
    }

    /// Where goal `g` stands on `today`: its latest actual and date, the
    /// value expected today, its pace and state. Every number and word is
    /// `planc status`'s (`status::goals`, `status::words`), nothing is
    /// computed here.
    fn as_of(&self, s: &mut String, g: usize, today: Date) {
        let Some(st) = crate::status::goals(self.model, today).into_iter().nth(g) else {
            return;
        };
        let style = st
            .target
            .map(|(_, _, style)| style)
            .or(st.keep.map(|(_, _, style)| style));
        let shown = |a| {
            style.map_or_else(
                || crate::quantity::Amount::to_decimal(a),
                |st| crate::status::shown(st, a),
            )
        };
        let _ = match self.lang {
            Lang::En => write!(s, "\n**As of today, {today}**\n\n"),
            Lang::Zh => write!(s, "\n**截至今天（{today}）**\n\n"),
        };
        let metric = self.model.goals[g]
            .target
            .as_ref()
            .map(|t| &t.metric.name)
            .or(self.model.goals[g].keep.as_ref().map(|k| &k.metric.name));
        let actual = match (st.actual, self.lang) {
            (Some(r), Lang::En) => format!("{} on {}", shown(r.amount), r.date),
            (Some(r), Lang::Zh) => format!("{}（{}）", shown(r.amount), r.date),
            (None, Lang::En) => match metric {
                Some(m) => format!("none yet (no check-in on or before today gives `actual {m}`)"),
                None => "none yet".to_string(),
            },
            (None, Lang::Zh) => match metric {
                Some(m) => format!("还没有（今天及以前的复盘记录都没有写 `actual {m}`）"),
                None => "还没有".to_string(),
            },
        };
        self.line(s, "latest actual", "最新实际值", &actual);
        if let Some(e) = st.expected_today {
            self.line(s, "expected today", "今天应达到", &shown(e));
        }
        if let (Some(pace), Some(r), Some(e)) = (st.pace, st.actual, st.expected) {
            let percent = crate::status::pace_percent(pace);
            let text = match self.lang {
                Lang::En => format!("{percent} (against {} expected on {})", shown(e), r.date),
                Lang::Zh => format!("{percent}（按 {} 当时应达到的 {}）", r.date, shown(e)),
            };
            self.line(s, "pace", "进度", &text);
        }
        let state = crate::status::words::goal_state(st.state, self.lang);
        self.line(s, "state", "状态", &state);
    }

    fn metric(&self, m: usize) -> String {
        let metric = &self.model.metrics[m];
        let mut s = self.title(ItemKind::Metric, m);
        let unit = match (metric.unit, self.model.currency, self.lang) {
            (UnitKind::Money, Some((c, _)), Lang::En) => format!("money ({})", c.sign()),
            (UnitKind::Money, Some((c, _)), Lang::Zh) => format!("金额（{}）", c.sign()),
            (unit, _, Lang::En) => unit.word().to_string(),
            (UnitKind::Money, _, Lang::Zh) => "金额".to_string(),
            (UnitKind::Count, _, Lang::Zh) => "数量".to_string(),
            (UnitKind::Percent, _, Lang::Zh) => "百分比".to_string(),
        };
        self.line(&mut s, "unit", "单位", &unit);
        let mut who = Vec::new();
        let metric = ItemId {
            kind: ItemKind::Metric,
            index: m,
        };
        for r in self.model.refs().filter(|r| r.target() == Some(metric)) {
            let (from, qty) = (r.from.index, r.quantity.map_or("", |q| q.text.as_str()));
            let name = self.name(r.from.kind, from);
            let zh = self.lang == Lang::Zh;
            who.push(match (r.from.kind, r.attr.key) {
                (ItemKind::Goal, AttrKey::Target) if zh => format!("目标 {name} {qty}"),
                (ItemKind::Goal, AttrKey::Target) => format!("goal {name} {qty}"),
                (ItemKind::Path, AttrKey::Expects) if zh => format!("路径 {name} 预期 {qty}"),
                (ItemKind::Goal, AttrKey::Keep) => {
                    let op = self.model.goals[from]
                        .keep
                        .as_ref()
                        .map_or("", |k| k.op.op());
                    if zh {
                        format!("目标 {name} 守住 {op} {qty}")
                    } else {
                        format!("goal {name} keeps it {op} {qty}")
                    }
                }
                (ItemKind::Path, AttrKey::Expects) => format!("path {name} expects {qty}"),
                (ItemKind::Battle, AttrKey::Objective) if zh => format!("战役 {name} {qty}"),
                (ItemKind::Battle, AttrKey::Objective) => format!("battle {name} {qty}"),
                (ItemKind::Tactic, AttrKey::Win) => {
                    let op = self.model.tactics[from]
                        .win
                        .as_ref()
                        .map_or("", |w| w.op.op());
                    if zh {
                        format!("战术 {name} 在 {op} {qty} 时打赢")
                    } else {
                        format!("tactic {name} wins at {op} {qty}")
                    }
                }
                _ => continue,
            });
        }
        if who.is_empty() {
            let none = self.w("nothing yet", "还没有");
            self.line(&mut s, "targeted by", "用到它的", none);
        } else {
            s.push_str(self.w("- targeted by:\n", "- 用到它的：\n"));
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
                self.w("main path", "主路径")
            } else {
                self.w("candidate path (not `main`)", "备选路径（没有 `main`）")
            }
        );
        if !path.serves.is_empty() {
            let goals: Vec<String> = path
                .serves
                .iter()
                .map(|r| format!("`{}`", r.name))
                .collect();
            self.line(&mut s, "serves", "服务的目标", &goals.join(", "));
        }
        if !path.cost.is_empty() {
            self.line(&mut s, "cost", "预计投入", &self.uses(&path.cost));
        }
        if let Some(d) = &path.duration {
            self.line(&mut s, "duration", "预计时长", self.slice(d.span));
        }
        if !path.expects.is_empty() {
            self.line(&mut s, "expects", "预期回报", &self.uses(&path.expects));
        }
        let battles: Vec<String> = self
            .linked(EdgeKind::On, ItemKind::Path, p)
            .map(|b| self.name(ItemKind::Battle, b))
            .collect();
        let battles = if battles.is_empty() {
            self.w("none yet", "还没有").to_string()
        } else {
            battles.join(", ")
        };
        self.line(&mut s, "battles", "战役", &battles);
        s
    }

    fn tactic(&self, t: usize) -> String {
        let tactic = &self.model.tactics[t];
        let mut s = self.title(ItemKind::Tactic, t);
        if let Some(b) = &tactic.battle {
            self.line(&mut s, "for", "所属战役", &format!("`{}`", b.name));
        }
        if let Some(o) = &tactic.owner {
            self.line(&mut s, "owner", "负责人", &o.value);
        }
        if let Some(w) = self.model.tactic_window(tactic) {
            let own = if tactic.window.is_some() {
                ""
            } else {
                self.w(" (its battle's)", "（沿用所属战役）")
            };
            self.line(&mut s, "window", "时间周期", &format!("{w}{own}"));
        }
        if !tactic.needs.is_empty() {
            self.line(&mut s, "needs", "所需资源", &self.uses(&tactic.needs));
        }
        let win = match &tactic.win {
            Some(w) => format!("{} {} {}", w.metric.name, w.op.op(), w.qty.text),
            None => self
                .w("not said yet (`win`)", "还没写（`win`）")
                .to_string(),
        };
        self.line(&mut s, "wins when", "赢的标准", &win);
        s
    }

    fn slice(&self, span: crate::span::Span) -> &str {
        self.text.get(span.start()..span.end()).unwrap_or("")
    }
}

fn when_zh(range: crate::date::DateRange) -> String {
    if range.start == range.end {
        format!("{} 当天", range.start)
    } else {
        format!("{} 至 {}", range.start, range.end)
    }
}

fn zh_kind(kind: ItemKind) -> &'static str {
    crate::lang::zh::kind(kind)
}

fn when(range: crate::date::DateRange) -> String {
    if range.start == range.end {
        format!("on {}", range.start)
    } else {
        format!("from {} to {}", range.start, range.end)
    }
}
