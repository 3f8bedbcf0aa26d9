//! `planc graph --view timeline`: battles and tactics on a calendar, grouped
//! by path (main paths first), with goal dates, `after` links, a "today"
//! line and each resource pool's load over time. Pure functions: the plan
//! (and a day, when one is given) in, SVG or a Mermaid `gantt` out.
//!
//! [`build`] gathers what is drawn into a [`Timeline`]; [`render_svg`] and
//! [`render_mermaid`] write it. docs/timeline.md describes the picture.
//!
//! Status colours: every row carries an optional [`ItemState`]. Nothing in
//! this module sets it (the plan's check-ins are read by a later change);
//! whoever knows the latest reported state fills `Row::state` between
//! [`build`] and rendering, and both renderers colour by it.

use super::escape::xml;
use super::ids::NodeKey;
use super::style::{self, FONTS};
use super::text::{clean, measure, truncate, MAX_CHARS};
use crate::analysis::Analysis;
use crate::check::facts::resource_loads;
use crate::check::resources::charges;
use crate::check::Ctx;
use crate::date::{Date, DateRange};
use crate::lang::Lang;
use crate::model::{Model, PoolKind, SplitMode};
use crate::quantity::{Amount, Style};
use crate::schedule::{blocks, Cadence};
use crate::syntax::ast::ItemKind;
use std::collections::HashMap;
use std::fmt::Write;

/// The state of a battle or tactic as its owner reports it in a check-in
/// (LANGUAGE.md, *Check-ins*).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemState {
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Blocked,
    Done,
    Dropped,
}

impl ItemState {
    pub const ALL: [ItemState; 7] = [
        ItemState::NotStarted,
        ItemState::OnTrack,
        ItemState::AtRisk,
        ItemState::OffTrack,
        ItemState::Blocked,
        ItemState::Done,
        ItemState::Dropped,
    ];

    /// The state in the glossary's Chinese words (`lang::state_word`).
    pub fn word_in(self, lang: Lang) -> &'static str {
        crate::lang::state_word(self.word(), lang)
    }

    pub fn word(self) -> &'static str {
        match self {
            ItemState::NotStarted => "not_started",
            ItemState::OnTrack => "on_track",
            ItemState::AtRisk => "at_risk",
            ItemState::OffTrack => "off_track",
            ItemState::Blocked => "blocked",
            ItemState::Done => "done",
            ItemState::Dropped => "dropped",
        }
    }

    pub fn from_word(word: &str) -> Option<ItemState> {
        ItemState::ALL.into_iter().find(|s| s.word() == word)
    }

    /// The bar's fill: green, amber, red, grey.
    fn fill(self) -> &'static str {
        match self {
            ItemState::OnTrack | ItemState::Done => "#2e7d32",
            ItemState::AtRisk => "#f29900",
            ItemState::OffTrack | ItemState::Blocked => "#d32f2f",
            ItemState::NotStarted | ItemState::Dropped => "#90a4ae",
        }
    }

    /// Mermaid's task tag for the state.
    fn mermaid_tag(self) -> Option<&'static str> {
        match self {
            ItemState::Done | ItemState::Dropped => Some("done"),
            ItemState::OnTrack | ItemState::AtRisk => Some("active"),
            ItemState::OffTrack | ItemState::Blocked => Some("crit"),
            ItemState::NotStarted => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Battle,
    Tactic,
}

/// One bar: a battle, or one of its tactics (drawn thinner, under it).
#[derive(Clone, Debug)]
pub struct Row {
    pub kind: RowKind,
    /// Index in `Model::battles` or `Model::tactics`.
    pub item: usize,
    /// ASCII, stable: `battle_fission`; unique in the picture.
    pub id: String,
    /// The label, or the name when there is none.
    pub label: String,
    pub name: String,
    /// `None`: the item has no window (and, for a tactic, neither has its battle).
    pub window: Option<DateRange>,
    pub owner: Option<String>,
    /// The latest reported state; `None` until check-ins are read.
    pub state: Option<ItemState>,
}

impl Row {
    /// The row of a battle or tactic, its id made unique by `ids`.
    fn of(
        kind: RowKind,
        item: usize,
        common: &crate::model::Common,
        window: Option<DateRange>,
        owner: Option<&crate::span::Spanned<crate::Text>>,
        ids: &mut Ids,
    ) -> Row {
        let item_kind = match kind {
            RowKind::Battle => ItemKind::Battle,
            RowKind::Tactic => ItemKind::Tactic,
        };
        Row {
            kind,
            item,
            id: ids.next(item_kind, common.name()),
            label: label_of(common),
            name: common.name().to_string(),
            window,
            owner: owner.map(|o| o.value.to_string()),
            state: None,
        }
    }
}

/// The rows of one path (or of the battles and tactics with none).
#[derive(Clone, Debug)]
pub struct Section {
    pub heading: String,
    pub main: bool,
    /// Indices into `Timeline::rows`, top to bottom.
    pub rows: Vec<usize>,
}

/// A goal's date, drawn as a diamond.
#[derive(Clone, Debug)]
pub struct GoalMark {
    pub id: String,
    pub label: String,
    pub name: String,
    pub date: Date,
    /// `target revenue ¥2000万 by 2026-12-31`.
    pub detail: String,
}

/// `after`: `to` may only start once `from` has ended. Indices into `rows`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub from: usize,
    pub to: usize,
}

#[derive(Clone, Debug)]
pub enum PoolChart {
    /// Load against capacity, as stretches of constant load.
    Capacity {
        capacity: Amount,
        pieces: Vec<(DateRange, Amount)>,
    },
    /// Cumulative planned burn (each charge spread evenly over its window)
    /// against the total: the burn at the start of each day listed, linear
    /// in between.
    Total {
        total: Amount,
        burn: Vec<(Date, f64)>,
        used: Amount,
    },
}

#[derive(Clone, Debug)]
pub struct Pool {
    pub id: String,
    /// Index in `Model::resources`.
    pub resource: usize,
    pub label: String,
    pub style: Style,
    pub chart: PoolChart,
    /// What the check-ins on or before the day say was spent, in all, on
    /// each date (a total pool's actual burn, drawn as points).
    pub spent: Vec<(Date, Amount)>,
}

/// Everything the timeline draws.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub title: String,
    /// The plan period, else the span of every window and goal date.
    pub period: Option<DateRange>,
    pub today: Option<Date>,
    pub rows: Vec<Row>,
    pub sections: Vec<Section>,
    pub goals: Vec<GoalMark>,
    pub links: Vec<Link>,
    /// First days of the quarters after the first, where some goal is split
    /// quarterly.
    pub quarter_lines: Vec<Date>,
    pub pools: Vec<Pool>,
    /// The language of the timeline's own words (`Analysis::lang`).
    pub lang: Lang,
}

impl Timeline {
    /// Battles only: for plans too large to draw every tactic.
    pub fn without_tactics(&mut self) {
        let rows = &self.rows;
        for section in &mut self.sections {
            section.rows.retain(|&i| rows[i].kind == RowKind::Battle);
        }
        self.sections.retain(|s| !s.rows.is_empty());
        self.links
            .retain(|l| rows[l.from].kind == RowKind::Battle && rows[l.to].kind == RowKind::Battle);
    }
}

/// The timeline of a plan, on `today` when given.
pub fn build(analysis: &Analysis, today: Option<Date>) -> Timeline {
    let model = &analysis.model;
    let lang = analysis.lang;
    let ctx = Ctx::new(model);
    let mut ids = Ids::default();
    let mut rows: Vec<Row> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut battle_row: HashMap<usize, usize> = HashMap::new();
    let mut tactic_row: HashMap<usize, usize> = HashMap::new();

    let tactic_rows = |b: usize, rows: &mut Vec<Row>, ids: &mut Ids, out: &mut Vec<usize>| {
        let mut tactics: Vec<usize> = ctx.tactics_for[b].clone();
        tactics.sort_by_key(|&t| (start_key(model.tactic_window(&model.tactics[t])), t));
        for t in tactics {
            let tactic = &model.tactics[t];
            out.push(rows.len());
            rows.push(Row::of(
                RowKind::Tactic,
                t,
                &tactic.common,
                model.tactic_window(tactic),
                tactic.owner.as_ref(),
                ids,
            ));
        }
    };
    let mut add_battles =
        |battles: Vec<usize>, heading: String, main: bool, rows: &mut Vec<Row>, ids: &mut Ids| {
            let mut battles = battles;
            battles.sort_by_key(|&b| (start_key(model.battles[b].window.map(|w| w.range)), b));
            let mut list = Vec::new();
            for b in battles {
                let battle = &model.battles[b];
                battle_row.insert(b, rows.len());
                list.push(rows.len());
                rows.push(Row::of(
                    RowKind::Battle,
                    b,
                    &battle.common,
                    battle.window.map(|w| w.range),
                    battle.owner.as_ref(),
                    ids,
                ));
                tactic_rows(b, rows, ids, &mut list);
            }
            sections.push(Section {
                heading,
                main,
                rows: list,
            });
        };

    for (p, battles) in ctx.battles_by_path() {
        let (heading, main) = match p {
            Some(p) => {
                let path = &model.paths[p];
                let kind = if path.main.is_some() {
                    lang.pick("main path", "主路径")
                } else {
                    lang.pick("candidate path", "备选路径")
                };
                (
                    match lang {
                        Lang::En => format!("{} ({kind})", label_of(&path.common)),
                        Lang::Zh => format!("{}（{kind}）", label_of(&path.common)),
                    },
                    path.main.is_some(),
                )
            }
            None => (
                lang.pick("Battles on no path", "不在任何路径上的战役")
                    .to_string(),
                false,
            ),
        };
        add_battles(battles, heading, main, &mut rows, &mut ids);
    }
    let loose: Vec<usize> = (0..model.tactics.len())
        .filter(|&t| {
            model.tactics[t]
                .battle
                .as_ref()
                .and_then(|r| r.target())
                .is_none()
        })
        .collect();
    if !loose.is_empty() {
        let mut list = Vec::new();
        for t in loose {
            let tactic = &model.tactics[t];
            list.push(rows.len());
            rows.push(Row::of(
                RowKind::Tactic,
                t,
                &tactic.common,
                tactic.window.map(|w| w.range),
                tactic.owner.as_ref(),
                &mut ids,
            ));
        }
        sections.push(Section {
            heading: lang
                .pick("Tactics for no battle", "不属于任何战役的战术")
                .to_string(),
            main: false,
            rows: list,
        });
    }
    for (i, row) in rows.iter().enumerate() {
        if row.kind == RowKind::Tactic {
            tactic_row.insert(row.item, i);
        }
    }

    let mut links = Vec::new();
    for (b, battle) in model.battles.iter().enumerate() {
        for r in &battle.after {
            if let (Some(&from), Some(&to)) = (
                r.target().and_then(|t| battle_row.get(&t)),
                battle_row.get(&b),
            ) {
                links.push(Link { from, to });
            }
        }
    }
    for (t, tactic) in model.tactics.iter().enumerate() {
        for r in &tactic.after {
            if let (Some(&from), Some(&to)) = (
                r.target().and_then(|x| tactic_row.get(&x)),
                tactic_row.get(&t),
            ) {
                links.push(Link { from, to });
            }
        }
    }

    let goals: Vec<GoalMark> = model
        .goals
        .iter()
        .filter_map(|g| {
            let target = g.target.as_ref()?;
            Some(GoalMark {
                id: ids.next(ItemKind::Goal, g.common.name()),
                label: label_of(&g.common),
                name: g.common.name().to_string(),
                date: target.by.value,
                detail: match lang {
                    Lang::En => format!(
                        "target {} {} by {}",
                        target.metric.name, target.qty.text, target.by.value
                    ),
                    Lang::Zh => format!(
                        "目标值：{} 前 {} 达到 {}",
                        target.by.value, target.metric.name, target.qty.text
                    ),
                },
            })
        })
        .collect();

    let period = model
        .plan
        .as_ref()
        .and_then(|p| p.period)
        .map(|w| w.range)
        .or_else(|| {
            let dates = rows
                .iter()
                .filter_map(|r| r.window)
                .flat_map(|w| [w.start, w.end])
                .chain(goals.iter().map(|g| g.date));
            let (lo, hi) = dates.fold((None, None), |(lo, hi): (Option<Date>, Option<Date>), d| {
                (
                    Some(lo.map_or(d, |l| l.min(d))),
                    Some(hi.map_or(d, |h| h.max(d))),
                )
            });
            Some(DateRange {
                start: lo?,
                end: hi?,
            })
        })
        // A period longer than a century is drawn as its first century:
        // the picture would be unreadable anyway, and this bounds the ticks.
        .map(|p| DateRange {
            start: p.start,
            end: p.end.min(p.start.add_days(36_524)),
        });

    let quarterly = model.goals.iter().any(|g| {
        g.split
            .as_ref()
            .is_some_and(|s| s.mode == SplitMode::Quarterly)
    });
    let quarter_lines = match (quarterly, period) {
        (true, Some(p)) => blocks(Cadence::Quarterly, p.start, p.end)
            .skip(1)
            .map(|b| b.start)
            .collect(),
        _ => Vec::new(),
    };

    let mut timeline = Timeline {
        title: model.plan.as_ref().map_or_else(
            || lang.pick("Untitled plan", "未命名计划").to_string(),
            |p| p.title.clone(),
        ),
        period,
        today,
        rows,
        sections,
        goals,
        links,
        quarter_lines,
        pools: pools(model, &ctx, &mut ids),
        lang,
    };
    if let Some(day) = today.filter(|_| !model.checkins.is_empty()) {
        timeline.take_status(model, &crate::status::status(model, day));
    }
    timeline
}

impl Timeline {
    /// Fill each row's state with the latest reported one in `status` (a
    /// state never reported stays `None`: drawn as planned), and each total
    /// pool's spending with the check-ins dated on or before the day.
    pub fn take_status(&mut self, model: &crate::model::Model, status: &crate::status::Status) {
        for row in &mut self.rows {
            let state = match row.kind {
                RowKind::Battle => status.battles.get(row.item).map(|b| b.state),
                RowKind::Tactic => status.tactics.get(row.item).map(|t| t.state),
            };
            row.state = match state {
                Some(crate::status::State::Reported(s)) => ItemState::from_word(s.word()),
                _ => None,
            };
        }
        for pool in &mut self.pools {
            if !matches!(pool.chart, PoolChart::Total { .. }) {
                continue;
            }
            let kind = model.resources[pool.resource].unit().map(|u| u.kind());
            let mut spent: Vec<(Date, Amount)> = model
                .checkins
                .iter()
                .filter_map(|c| c.date.as_ref().map(|d| (d.value, c)))
                .filter(|(d, _)| *d <= status.today)
                .flat_map(|(d, c)| {
                    c.spent
                        .iter()
                        .filter(|u| {
                            u.what.target() == Some(pool.resource)
                                && Some(u.qty.unit.kind()) == kind
                        })
                        .map(move |u| (d, u.qty.amount))
                })
                .collect();
            // In date order; of two on one day, the later written wins.
            spent.sort_by_key(|s| s.0);
            spent.dedup_by(|later, earlier| {
                if later.0 == earlier.0 {
                    earlier.1 = later.1;
                    true
                } else {
                    false
                }
            });
            pool.spent = spent;
        }
    }
}

fn start_key(window: Option<DateRange>) -> (bool, Date) {
    match window {
        Some(w) => (false, w.start),
        None => (true, Date(0)),
    }
}

fn label_of(common: &crate::model::Common) -> String {
    common
        .label
        .as_deref()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| common.name())
        .to_string()
}

/// Unique ASCII ids, as the other diagrams make them.
#[derive(Default)]
struct Ids {
    seen: HashMap<(ItemKind, String), usize>,
}

impl Ids {
    fn next(&mut self, kind: ItemKind, name: &str) -> String {
        let n = self.seen.entry((kind, name.to_string())).or_insert(0);
        *n += 1;
        NodeKey {
            kind,
            name: name.to_string(),
            occurrence: *n,
        }
        .ascii()
    }
}

fn pools(model: &Model, ctx: &Ctx, ids: &mut Ids) -> Vec<Pool> {
    let loads = resource_loads(model);
    let all = charges(ctx);
    let mut out = Vec::new();
    for (r, resource) in model.resources.iter().enumerate() {
        let Some(amount) = &resource.amount else {
            continue;
        };
        if resource.common.damaged {
            continue;
        }
        let chart = match resource.kind {
            Some(PoolKind::Capacity) => PoolChart::Capacity {
                capacity: amount.amount,
                pieces: loads[r].pieces.iter().map(|p| (p.range, p.used)).collect(),
            },
            Some(PoolKind::Total) => {
                let list: Vec<(DateRange, Amount)> = all
                    .iter()
                    .filter(|c| c.resource == r)
                    .map(|c| (c.charge.range, c.charge.amount))
                    .collect();
                PoolChart::Total {
                    total: amount.amount,
                    burn: burn(&list),
                    used: loads[r].total_used,
                }
            }
            None => continue,
        };
        out.push(Pool {
            id: ids.next(ItemKind::Resource, resource.common.name()),
            resource: r,
            label: label_of(&resource.common),
            style: amount.style(),
            chart,
            spent: Vec::new(),
        });
    }
    out
}

/// Cumulative burn of charges each spread evenly over its window: the burn
/// at the start of each day where the rate changes (and the day after the
/// last ends), in date order. A sweep: O(n log n).
pub fn burn(charges: &[(DateRange, Amount)]) -> Vec<(Date, f64)> {
    let mut events: Vec<(Date, f64)> = Vec::with_capacity(charges.len() * 2);
    for (range, amount) in charges {
        let days = f64::from((range.end.0 - range.start.0 + 1).max(1));
        let rate = amount.0 as f64 / 1e6 / days;
        events.push((range.start, rate));
        events.push((range.end.add_days(1), -rate));
    }
    events.sort_by_key(|e| e.0);
    let mut out: Vec<(Date, f64)> = Vec::new();
    let (mut rate, mut total) = (0.0f64, 0.0f64);
    let mut last: Option<Date> = None;
    let mut i = 0;
    while i < events.len() {
        let day = events[i].0;
        if let Some(prev) = last {
            total += rate * f64::from(day.0 - prev.0);
        }
        while i < events.len() && events[i].0 == day {
            rate += events[i].1;
            i += 1;
        }
        out.push((day, total));
        last = Some(day);
    }
    out
}

// ---------------------------------------------------------------- SVG

const MARGIN: f64 = 16.0;
const AXIS_H: f64 = 34.0;
const SECTION_H: f64 = 24.0;
const BATTLE_H: f64 = 22.0;
const TACTIC_H: f64 = 16.0;
const GOAL_H: f64 = 20.0;
const POOL_H: f64 = 60.0;
const POOL_GAP: f64 = 30.0;

const BATTLE_FILL: &str = "#e07b00";
const TACTIC_FILL: &str = "#9575cd";
const GOAL_FILL: &str = "#1f5f99";
const TODAY: &str = "#c2185b";
/// The points of actual spending on a burn chart: dark, against the blue line.
const SPENT: &str = "#263238";
const LOAD_FILL: &str = "#90caf9";
const GRID: &str = "#e3e7ea";
const QUARTER: &str = "#90a4ae";

/// The timeline as standalone SVG.
pub fn svg(analysis: &Analysis, today: Option<Date>) -> String {
    render_svg(&build(analysis, today))
}

/// The timeline as a Mermaid `gantt`.
pub fn mermaid(analysis: &Analysis, today: Option<Date>) -> String {
    render_mermaid(&build(analysis, today))
}

/// Where things go.
struct Geometry {
    period: DateRange,
    plot_x: f64,
    plot_w: f64,
}

impl Geometry {
    fn days(&self) -> f64 {
        f64::from(self.period.end.0 - self.period.start.0 + 1)
    }

    /// The left edge of a day, clamped to the plot.
    fn x(&self, d: Date) -> f64 {
        let offset = f64::from(d.0 - self.period.start.0).clamp(0.0, self.days());
        self.plot_x + offset / self.days() * self.plot_w
    }

    /// A window's left and right edges; at least 2 px wide.
    fn span(&self, w: DateRange) -> (f64, f64) {
        let a = self.x(w.start);
        let b = self.x(w.end.add_days(1)).max(a + 2.0);
        if b > self.plot_x + self.plot_w {
            (
                self.plot_x + self.plot_w - (b - a).min(self.plot_w),
                self.plot_x + self.plot_w,
            )
        } else {
            (a, b)
        }
    }
}

pub fn render_svg(t: &Timeline) -> String {
    let label_w = t
        .rows
        .iter()
        .map(|r| measure(&row_text(r), 12.0, r.kind == RowKind::Battle) + 24.0)
        .chain(
            t.goals
                .iter()
                .map(|g| measure(&g.label, 12.0, false) + 24.0),
        )
        .chain(t.pools.iter().map(|p| measure(&p.label, 12.0, true) + 16.0))
        .fold(160.0f64, f64::max)
        .min(320.0);
    let period = t.period.unwrap_or(DateRange {
        start: Date(0),
        end: Date(0),
    });
    let days = f64::from(period.end.0 - period.start.0 + 1);
    let geo = Geometry {
        period,
        plot_x: MARGIN + label_w,
        plot_w: (days * 2.7).clamp(720.0, 1800.0),
    };
    let width = geo.plot_x + geo.plot_w + MARGIN + 60.0;

    let mut body = String::new();
    let mut y = 20.0;
    // Heading.
    let _ = writeln!(
        body,
        "<text x=\"{}\" y=\"{}\" font-size=\"17\" font-weight=\"bold\" fill=\"{}\">{}</text>",
        n(MARGIN),
        n(y + 6.0),
        style::INK,
        xml(&truncate(&clean(&t.title), MAX_CHARS))
    );
    y += 26.0;
    let lang = t.lang;
    let mut caption = match (t.period, lang) {
        (Some(p), Lang::En) => format!("Timeline · {p}"),
        (Some(p), Lang::Zh) => format!("战役时间轴 · {p}"),
        (None, _) => lang
            .pick(
                "Timeline · the plan has no period and no dated item",
                "战役时间轴 · 计划没有周期，也没有带日期的项",
            )
            .to_string(),
    };
    if let Some(d) = t.today {
        let _ = write!(caption, "{}{d}", lang.pick(" · today ", " · 今天 "));
    }
    let _ = writeln!(
        body,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"{}\">{}</text>",
        n(MARGIN),
        n(y),
        style::MUTED,
        xml(&caption)
    );
    y += 12.0;

    let axis_y = y;
    let top = axis_y + AXIS_H;
    y = top;

    // Rows: goals first, then each section.
    let mut rows_svg = String::new();
    let mut row_mid: Vec<f64> = vec![0.0; t.rows.len()];
    let mut row_span: Vec<Option<(f64, f64)>> = vec![None; t.rows.len()];
    let mut goal_xs: Vec<(f64, &str)> = Vec::new();
    if !t.goals.is_empty() {
        section_heading(
            &mut rows_svg,
            lang.pick("Goals", "目标"),
            y,
            width,
            "goals",
            false,
        );
        y += SECTION_H;
        for g in &t.goals {
            let mid = y + GOAL_H / 2.0;
            let _ = writeln!(
                rows_svg,
                "<g class=\"goal\" id=\"{}\"><title>{}</title>",
                g.id,
                xml(&match lang {
                    Lang::En => format!("goal {}: {}\n{}", g.name, g.label, g.detail),
                    Lang::Zh => format!("目标 {}：{}\n{}", g.name, g.label, g.detail),
                })
            );
            label(
                &mut rows_svg,
                &g.label,
                MARGIN + 8.0,
                mid + 4.0,
                12.0,
                false,
                label_w - 16.0,
            );
            if t.period
                .is_some_and(|p| p.start <= g.date && g.date <= p.end)
            {
                let x = geo.x(g.date.add_days(1));
                let _ = writeln!(
                    rows_svg,
                    "<path d=\"M{},{} l6,6 l-6,6 l-6,-6 z\" fill=\"{GOAL_FILL}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
                    n(x),
                    n(mid - 6.0)
                );
                let _ = writeln!(
                    rows_svg,
                    "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{}\" text-anchor=\"end\">{}</text>",
                    n(x - 9.0),
                    n(mid + 3.5),
                    style::MUTED,
                    g.date
                );
                goal_xs.push((x, g.id.as_str()));
            } else {
                let _ = writeln!(
                    rows_svg,
                    "<text x=\"{}\" y=\"{}\" font-size=\"11\" font-style=\"italic\" fill=\"{}\">due {}, outside the period</text>",
                    n(geo.plot_x + 4.0),
                    n(mid + 4.0),
                    style::MUTED,
                    g.date
                );
            }
            rows_svg.push_str("</g>\n");
            y += GOAL_H;
        }
    }
    for (s, section) in t.sections.iter().enumerate() {
        section_heading(
            &mut rows_svg,
            &section.heading,
            y,
            width,
            &format!("section-{s}"),
            section.main,
        );
        y += SECTION_H;
        for &i in &section.rows {
            let row = &t.rows[i];
            let (h, bar_h) = match row.kind {
                RowKind::Battle => (BATTLE_H, 14.0),
                RowKind::Tactic => (TACTIC_H, 8.0),
            };
            let mid = y + h / 2.0;
            row_mid[i] = mid;
            let mut tip = format!(
                "{} {}{}{}",
                match row.kind {
                    RowKind::Battle => lang.pick("battle", "战役"),
                    RowKind::Tactic => lang.pick("tactic", "战术"),
                },
                row.name,
                lang.pick(": ", "："),
                row.label
            );
            match row.window {
                Some(w) => {
                    let _ = write!(tip, "\n{w}");
                }
                None => tip.push_str(lang.pick("\nno window", "\n没有时间周期")),
            }
            if let Some(o) = &row.owner {
                let _ = write!(tip, "{}{o}", lang.pick("\nowner ", "\n负责人："));
            }
            if let Some(s) = row.state {
                let _ = write!(
                    tip,
                    "{}{}",
                    lang.pick("\nstate ", "\n状态："),
                    s.word_in(lang)
                );
            }
            let _ = writeln!(
                rows_svg,
                "<g class=\"{}\" id=\"{}\"><title>{}</title>",
                match row.kind {
                    RowKind::Battle => "battle",
                    RowKind::Tactic => "tactic",
                },
                row.id,
                xml(&truncate(&clean(&tip), 2000))
            );
            let (indent, size, bold) = match row.kind {
                RowKind::Battle => (8.0, 12.0, true),
                RowKind::Tactic => (22.0, 11.0, false),
            };
            label(
                &mut rows_svg,
                &row_text(row),
                MARGIN + indent,
                mid + size / 3.0,
                size,
                bold,
                label_w - indent - 8.0,
            );
            match (row.window, t.period) {
                (Some(w), Some(_)) => {
                    let (a, b) = geo.span(w);
                    row_span[i] = Some((a, b));
                    let fill = match (row.state, row.kind) {
                        (Some(s), _) => s.fill(),
                        (None, RowKind::Battle) => BATTLE_FILL,
                        (None, RowKind::Tactic) => TACTIC_FILL,
                    };
                    let _ = writeln!(
                        rows_svg,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{fill}\"/>",
                        n(a),
                        n(mid - bar_h / 2.0),
                        n(b - a),
                        n(bar_h)
                    );
                    if let Some(state) = row.state {
                        // The state's word beside the bar: not told by colour alone.
                        let inside = b + 70.0 > geo.plot_x + geo.plot_w;
                        let _ = writeln!(
                            rows_svg,
                            "<text class=\"state\" x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{}\"{}>{}</text>",
                            n(if inside { b - 4.0 } else { b + 4.0 }),
                            n(mid + 3.5),
                            if inside { "#ffffff" } else { style::INK },
                            if inside { " text-anchor=\"end\"" } else { "" },
                            state.word_in(lang)
                        );
                    }
                }
                _ => {
                    let _ = writeln!(
                        rows_svg,
                        "<text x=\"{}\" y=\"{}\" font-size=\"11\" font-style=\"italic\" fill=\"{}\">{}</text>",
                        n(geo.plot_x + 4.0),
                        n(mid + 4.0),
                        style::MUTED,
                        lang.pick("no window", "还没有时间周期")
                    );
                }
            }
            rows_svg.push_str("</g>\n");
            y += h;
        }
    }
    let bottom = y;

    // The grid under the rows: months, quarters, goal dates.
    let mut grid = String::new();
    if t.period.is_some() {
        let months = month_starts(period);
        let month_w = geo.plot_w / (months.len().max(1) as f64);
        for (k, &(d, year_start)) in months.iter().enumerate() {
            let x = geo.x(d);
            let _ = writeln!(
                grid,
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{GRID}\" stroke-width=\"1\"/>",
                n(top - 6.0),
                n(bottom),
                x = n(x)
            );
            let (yy, mm, _) = d.ymd();
            // Every month is named when there is room, else every quarter's first.
            let show = month_w >= 30.0 || (month_w >= 12.0 && k % 3 == 0) || year_start;
            if show {
                let text = match (lang, year_start || k == 0) {
                    (Lang::En, true) => format!("{yy}-{mm:02}"),
                    (Lang::En, false) => format!("{mm:02}"),
                    (Lang::Zh, true) => format!("{yy}年{mm}月"),
                    (Lang::Zh, false) => format!("{mm}月"),
                };
                let _ = writeln!(
                    grid,
                    "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{}\">{}</text>",
                    n(x + 3.0),
                    n(top - 10.0),
                    style::MUTED,
                    text
                );
            }
        }
        for (k, &d) in t.quarter_lines.iter().enumerate() {
            let x = geo.x(d);
            let _ = writeln!(
                grid,
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{QUARTER}\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>",
                n(axis_y + 2.0),
                n(bottom),
                x = n(x)
            );
            let _ = writeln!(
                grid,
                "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{QUARTER}\">Q{}</text>",
                n(x + 3.0),
                n(axis_y + 10.0),
                k + 2
            );
        }
        if !t.quarter_lines.is_empty() {
            let _ = writeln!(
                grid,
                "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{QUARTER}\">Q1</text>",
                n(geo.plot_x + 3.0),
                n(axis_y + 10.0)
            );
        }
        for (x, _) in &goal_xs {
            let _ = writeln!(
                grid,
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{GOAL_FILL}\" stroke-opacity=\"0.45\" stroke-width=\"1\" stroke-dasharray=\"1 3\"/>",
                n(top),
                n(bottom),
                x = n(*x)
            );
        }
        let _ = writeln!(
            grid,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\"/>",
            n(geo.plot_x),
            n(top - 6.0),
            n(geo.plot_w),
            n(bottom - top + 6.0),
            QUARTER
        );
    }

    // `after` arrows, over the bars.
    let mut arrows = String::new();
    for link in &t.links {
        let (Some((_, from_end)), Some((to_start, _))) = (row_span[link.from], row_span[link.to])
        else {
            continue;
        };
        let (y1, y2) = (row_mid[link.from], row_mid[link.to]);
        let bend = ((to_start - from_end).abs() / 2.0).clamp(14.0, 60.0);
        let _ = writeln!(
            arrows,
            "<path d=\"M{},{} C{},{} {},{} {},{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.3\" marker-end=\"url(#tl-arrow)\"><title>{}</title></path>",
            n(from_end),
            n(y1),
            n(from_end + bend),
            n(y1),
            n(to_start - bend),
            n(y2),
            n(to_start),
            n(y2),
            style::INK,
            xml(&match t.lang {
                Lang::En => format!("{} after {}", t.rows[link.to].name, t.rows[link.from].name),
                Lang::Zh => format!(
                    "{} 排在 {} 之后",
                    t.rows[link.to].name, t.rows[link.from].name
                ),
            })
        );
    }

    // Today.
    let mut today = String::new();
    if let (Some(d), Some(p)) = (t.today, t.period) {
        if p.start <= d && d <= p.end {
            let x = geo.x(d);
            let _ = writeln!(
                today,
                "<g class=\"today\"><line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{TODAY}\" stroke-width=\"1.6\"/>\
<text x=\"{}\" y=\"{}\" font-size=\"10\" font-weight=\"bold\" fill=\"{TODAY}\">{}</text></g>",
                n(top - 6.0),
                n(bottom),
                n(x + 3.0),
                n(bottom + 12.0),
                t.lang.pick("today", "今天"),
                x = n(x)
            );
        }
    }

    // Pools.
    let mut pools_svg = String::new();
    y = bottom + 20.0;
    if !t.pools.is_empty() && t.period.is_some() {
        section_heading(
            &mut pools_svg,
            lang.pick("Resource pools", "资源池"),
            y,
            width,
            "pools",
            false,
        );
        y += SECTION_H + 12.0;
        for pool in &t.pools {
            pool_chart(&mut pools_svg, pool, &geo, y, label_w, lang);
            y += POOL_H + POOL_GAP;
        }
    }

    // Legend.
    let mut legend = String::new();
    y += 8.0;
    let mut x = MARGIN;
    let item = |svg: &str, text: &str, legend: &mut String, x: &mut f64| {
        let _ = writeln!(
            legend,
            "<g transform=\"translate({},{})\">{svg}<text x=\"26\" y=\"4\" font-size=\"11\" fill=\"{}\">{}</text></g>",
            n(*x),
            n(y),
            style::INK,
            xml(text)
        );
        *x += 26.0 + measure(text, 11.0, false) + 22.0;
    };
    item(
        &format!(
            "<rect x=\"0\" y=\"-7\" width=\"20\" height=\"14\" rx=\"3\" fill=\"{BATTLE_FILL}\"/>"
        ),
        lang.pick("battle", "战役"),
        &mut legend,
        &mut x,
    );
    item(
        &format!(
            "<rect x=\"0\" y=\"-4\" width=\"20\" height=\"8\" rx=\"2\" fill=\"{TACTIC_FILL}\"/>"
        ),
        lang.pick("tactic", "战术"),
        &mut legend,
        &mut x,
    );
    item(
        &format!("<path d=\"M10,-6 l6,6 l-6,6 l-6,-6 z\" fill=\"{GOAL_FILL}\"/>"),
        lang.pick("goal date", "目标日期"),
        &mut legend,
        &mut x,
    );
    item(
        &format!("<path d=\"M0,0 L18,0\" stroke=\"{}\" stroke-width=\"1.3\" marker-end=\"url(#tl-arrow)\"/>", style::INK),
        lang.pick("after", "前后依赖"),
        &mut legend,
        &mut x,
    );
    if t.today.is_some() {
        item(
            &format!("<line x1=\"10\" y1=\"-8\" x2=\"10\" y2=\"8\" stroke=\"{TODAY}\" stroke-width=\"1.6\"/>"),
            lang.pick("today", "今天"),
            &mut legend,
            &mut x,
        );
    }
    if !t.quarter_lines.is_empty() {
        item(
            &format!("<line x1=\"10\" y1=\"-8\" x2=\"10\" y2=\"8\" stroke=\"{QUARTER}\" stroke-dasharray=\"4 3\"/>"),
            lang.pick("quarter", "季度"),
            &mut legend,
            &mut x,
        );
    }
    if !t.pools.is_empty() {
        item(
            &format!("<rect x=\"0\" y=\"-6\" width=\"20\" height=\"12\" fill=\"{LOAD_FILL}\"/>"),
            lang.pick("load", "占用"),
            &mut legend,
            &mut x,
        );
        item(
            &format!(
                "<rect x=\"0\" y=\"-6\" width=\"20\" height=\"12\" fill=\"{}\"/>",
                style::ERROR
            ),
            lang.pick("over capacity / total", "超出容量 / 总额"),
            &mut legend,
            &mut x,
        );
        item(
            &format!("<line x1=\"0\" y1=\"0\" x2=\"20\" y2=\"0\" stroke=\"{}\" stroke-width=\"1.4\" stroke-dasharray=\"5 3\"/>", style::INK),
            lang.pick("capacity / total", "容量 / 总额"),
            &mut legend,
            &mut x,
        );
    }
    if t.pools.iter().any(|p| !p.spent.is_empty()) {
        item(
            &format!("<circle cx=\"10\" cy=\"0\" r=\"4\" fill=\"{SPENT}\"/>"),
            spent_key(lang),
            &mut legend,
            &mut x,
        );
    }
    if t.rows.iter().any(|r| r.state.is_some()) {
        for s in ItemState::ALL {
            item(
                &format!(
                    "<rect x=\"0\" y=\"-7\" width=\"20\" height=\"14\" rx=\"3\" fill=\"{}\"/>",
                    s.fill()
                ),
                s.word_in(lang),
                &mut legend,
                &mut x,
            );
        }
    }
    let width = width.max(x + MARGIN);
    let height = y + 20.0;

    let mut out = String::with_capacity(body.len() + rows_svg.len() + grid.len() + 4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{}\" role=\"img\">",
        xml(FONTS),
        w = n(width),
        h = n(height)
    );
    let _ = writeln!(
        out,
        "<title>{}</title>",
        xml(&format!(
            "{} · {caption}",
            truncate(&clean(&t.title), MAX_CHARS)
        ))
    );
    let _ = writeln!(
        out,
        "<defs><marker id=\"tl-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker></defs>",
        style::INK
    );
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(width),
        n(height)
    );
    out.push_str(&body);
    out.push_str("<g class=\"grid\">\n");
    out.push_str(&grid);
    out.push_str("</g>\n<g class=\"rows\">\n");
    out.push_str(&rows_svg);
    out.push_str("</g>\n<g class=\"links\">\n");
    out.push_str(&arrows);
    out.push_str("</g>\n");
    out.push_str(&today);
    out.push_str("<g class=\"pools\">\n");
    out.push_str(&pools_svg);
    out.push_str("</g>\n<g class=\"legend\">\n");
    out.push_str(&legend);
    out.push_str("</g>\n</svg>\n");
    out
}

// ---- Words of the status (issue 15), in one place --------------------------

/// The legend's words for the points of actual spending.
fn spent_key(lang: Lang) -> &'static str {
    lang.pick("spent (check-ins)", "已花费（复盘记录）")
}

/// A spending point's tooltip: "spent ¥9万 by 2026-04-14".
fn spent_words(day: Date, amount: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("spent {amount} by {day}"),
        Lang::Zh => format!("截至 {day} 已花费 {amount}"),
    }
}

fn row_text(row: &Row) -> String {
    match row.kind {
        RowKind::Battle => row.label.clone(),
        RowKind::Tactic => row.label.clone(),
    }
}

/// The first day of each month in the period (the period's first day
/// first), and whether it starts a year.
fn month_starts(p: DateRange) -> Vec<(Date, bool)> {
    let mut out = vec![(p.start, false)];
    let mut d = p.start.month_start_after(1);
    while d <= p.end {
        out.push((d, d.ymd().1 == 1));
        d = d.month_start_after(1);
    }
    out
}

fn section_heading(out: &mut String, text: &str, y: f64, width: f64, key: &str, main: bool) {
    let colors = style::band(match key {
        "goals" => "goals",
        "pools" => "none",
        _ => "battles",
    });
    let _ = writeln!(
        out,
        "<g class=\"section\" id=\"tl-{key}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        n(MARGIN / 2.0),
        n(y + 2.0),
        n(width - MARGIN),
        n(SECTION_H - 4.0),
        colors.fill
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"bold\" fill=\"{}\">{}{}</text></g>",
        n(MARGIN),
        n(y + SECTION_H / 2.0 + 4.0),
        colors.heading,
        if main { "★ " } else { "" },
        xml(&truncate(&clean(text), MAX_CHARS))
    );
}

/// A label cut to fit `max` pixels.
fn label(out: &mut String, text: &str, x: f64, y: f64, size: f64, bold: bool, max: f64) {
    let text = fit(&clean(text).replace('\n', " "), size, bold, max);
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{}>{}</text>",
        n(x),
        n(y),
        n(size),
        style::INK,
        if bold { " font-weight=\"bold\"" } else { "" },
        xml(&text)
    );
}

/// `text`, cut with an ellipsis to at most `max` pixels.
fn fit(text: &str, size: f64, bold: bool, max: f64) -> String {
    let text = truncate(text, MAX_CHARS);
    if measure(&text, size, bold) <= max {
        return text;
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if measure(&out, size, bold) + measure("…", size, bold) > max {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

fn pool_chart(out: &mut String, pool: &Pool, geo: &Geometry, top: f64, label_w: f64, lang: Lang) {
    let base = top + POOL_H;
    let _ = writeln!(out, "<g class=\"pool\" id=\"{}\">", pool.id);
    let limit_text;
    let detail;
    match &pool.chart {
        PoolChart::Capacity { capacity, pieces } => {
            let peak = pieces.iter().map(|p| p.1).max().unwrap_or(Amount::ZERO);
            let cap = as_f64(*capacity);
            let max = cap.max(as_f64(peak)).max(1e-9) * 1.15;
            let y_of = |v: f64| base - v / max * POOL_H;
            for (range, used) in pieces {
                let (a, b) = geo.span(*range);
                let v = as_f64(*used);
                let over = *used > *capacity;
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>",
                    n(a),
                    n(y_of(v)),
                    n(b - a),
                    n(base - y_of(v)),
                    if over { style::ERROR } else { LOAD_FILL },
                    xml(&match lang {
                        Lang::En => format!(
                            "{range}: {} of {}{}",
                            pool.style.format(*used),
                            pool.style.format(*capacity),
                            if over { " (over capacity)" } else { "" }
                        ),
                        Lang::Zh => format!(
                            "{range}：占用 {}，容量 {}{}",
                            pool.style.format(*used),
                            pool.style.format(*capacity),
                            if over { "（超出容量）" } else { "" }
                        ),
                    })
                );
            }
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"1.4\" stroke-dasharray=\"5 3\"/>",
                n(geo.plot_x),
                n(geo.plot_x + geo.plot_w),
                style::INK,
                y = n(y_of(cap))
            );
            limit_text = format!(
                "{}{}",
                lang.pick("capacity ", "容量 "),
                pool.style.format(*capacity)
            );
            detail = format!("{}{}", lang.pick("peak ", "峰值 "), pool.style.format(peak));
        }
        PoolChart::Total { total, burn, used } => {
            let tot = as_f64(*total);
            let max_burn = burn.iter().map(|b| b.1).fold(0.0f64, f64::max);
            let max_spent = pool
                .spent
                .iter()
                .map(|s| as_f64(s.1))
                .fold(0.0f64, f64::max);
            let max = tot.max(max_burn).max(max_spent).max(1e-9) * 1.15;
            let y_of = |v: f64| base - v / max * POOL_H;
            let mut points: Vec<(f64, f64)> = vec![(geo.plot_x, 0.0)];
            for &(d, v) in burn {
                points.push((geo.x(d), v));
            }
            points.push((geo.plot_x + geo.plot_w, max_burn));
            let mut ok = String::new();
            let mut over = String::new();
            for w in points.windows(2) {
                let ((x0, v0), (x1, v1)) = (w[0], w[1]);
                let seg = |o: &mut String, xa: f64, va: f64, xb: f64, vb: f64| {
                    let _ = write!(o, "M{},{} L{},{} ", n(xa), n(y_of(va)), n(xb), n(y_of(vb)));
                };
                if v0 <= tot && v1 <= tot {
                    seg(&mut ok, x0, v0, x1, v1);
                } else if v0 > tot && v1 > tot {
                    seg(&mut over, x0, v0, x1, v1);
                } else {
                    let f = (tot - v0) / (v1 - v0);
                    let xc = x0 + f * (x1 - x0);
                    if v0 <= tot {
                        seg(&mut ok, x0, v0, xc, tot);
                        seg(&mut over, xc, tot, x1, v1);
                    } else {
                        seg(&mut over, x0, v0, xc, tot);
                        seg(&mut ok, xc, tot, x1, v1);
                    }
                }
            }
            let _ = writeln!(
                out,
                "<path d=\"{}\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>",
                ok.trim_end()
            );
            if !over.is_empty() {
                let _ = writeln!(
                    out,
                    "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.6\"/>",
                    over.trim_end(),
                    style::ERROR
                );
            }
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"1.4\" stroke-dasharray=\"5 3\"/>",
                n(geo.plot_x),
                n(geo.plot_x + geo.plot_w),
                style::INK,
                y = n(y_of(tot))
            );
            for &(d, v) in &pool.spent {
                let _ = writeln!(
                    out,
                    "<g class=\"spent\"><title>{}</title><circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{SPENT}\" stroke=\"#ffffff\" stroke-width=\"1.2\"/></g>",
                    xml(&spent_words(d, &pool.style.format(v), lang)),
                    n(geo.x(d)),
                    n(y_of(as_f64(v)))
                );
            }
            limit_text = format!(
                "{}{}",
                lang.pick("total ", "总额 "),
                pool.style.format(*total)
            );
            detail = format!(
                "{}{}{}",
                lang.pick("planned ", "计划用 "),
                pool.style.format(*used),
                if *used > *total {
                    lang.pick(" (over)", "（超出）")
                } else {
                    ""
                }
            );
        }
    }
    let _ = writeln!(
        out,
        "<line x1=\"{}\" y1=\"{b}\" x2=\"{}\" y2=\"{b}\" stroke=\"{}\" stroke-width=\"1\"/>",
        n(geo.plot_x),
        n(geo.plot_x + geo.plot_w),
        QUARTER,
        b = n(base)
    );
    label(
        out,
        &pool.label,
        MARGIN + 8.0,
        top + 14.0,
        12.0,
        true,
        label_w - 16.0,
    );
    let kind = match pool.chart {
        PoolChart::Capacity { .. } => lang.pick("load against capacity", "占用对比容量"),
        PoolChart::Total { .. } => lang.pick("cumulative planned burn", "累计计划花费"),
    };
    for (k, line) in [kind.to_string(), limit_text, detail].iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{}\">{}</text>",
            n(MARGIN + 8.0),
            n(top + 30.0 + 14.0 * k as f64),
            style::MUTED,
            xml(line)
        );
    }
    out.push_str("</g>\n");
}

fn as_f64(a: Amount) -> f64 {
    a.0 as f64 / 1e6
}

/// A number with at most two decimals and no trailing zeros: stable output.
fn n(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------- Mermaid

/// Text for a Mermaid gantt's title, sections and task names. The gantt
/// lexer ends a task name at `:` and its data at `#` and `;`, reads `%` as
/// a comment and a line break as the end of the statement, and takes a name
/// starting with a keyword (`section`, `title`, `click`, a date…) for that
/// keyword; entity codes are not read there. So those characters become
/// their full-width forms, line breaks spaces, and a word joiner (U+2060,
/// invisible) goes before every name so that no name starts a keyword.
pub fn gantt_text(text: &str) -> String {
    let text = truncate(&clean(text), MAX_CHARS);
    let mut out = String::from("\u{2060}");
    for c in text.trim().chars() {
        out.push(match c {
            ':' => '：',
            '#' => '＃',
            ';' => '；',
            '%' => '％',
            '\n' => ' ',
            c => c,
        });
    }
    out
}

pub fn render_mermaid(t: &Timeline) -> String {
    let mut out = String::from("gantt\n");
    let _ = writeln!(out, "    title {}", gantt_text(&t.title));
    out.push_str("    dateFormat YYYY-MM-DD\n");
    // The month axis as a Chinese calendar writes it: 2026年4月.
    out.push_str(
        t.lang
            .pick("    axisFormat %Y-%m\n", "    axisFormat %Y年%-m月\n"),
    );
    // Mermaid's own today marker uses the viewer's clock; planc draws the
    // day it was given instead (as a milestone).
    out.push_str("    todayMarker off\n");
    let in_period = |d: Date| t.period.is_none_or(|p| p.start <= d && d <= p.end);
    if !t.goals.is_empty() {
        out.push_str(t.lang.pick("    section Goals\n", "    section 目标\n"));
        for g in &t.goals {
            let _ = writeln!(
                out,
                "    {} : milestone, {}, {}, 0d",
                gantt_text(&g.label),
                g.id,
                g.date
            );
        }
    }
    for section in &t.sections {
        let _ = writeln!(out, "    section {}", gantt_text(&section.heading));
        for &i in &section.rows {
            let row = &t.rows[i];
            let name = match row.kind {
                RowKind::Battle => gantt_text(&row.label),
                RowKind::Tactic => format!("\u{2060}· {}", &gantt_text(&row.label)[3..]),
            };
            let Some(w) = row.window else {
                let _ = match t.lang {
                    Lang::En => writeln!(out, "    %% {} has no window", row.id),
                    Lang::Zh => writeln!(out, "    %% {} 还没有时间周期", row.id),
                };
                continue;
            };
            let mut tags = String::new();
            if let Some(tag) = row.state.and_then(ItemState::mermaid_tag) {
                tags = format!("{tag}, ");
            }
            // Mermaid's end date is exclusive: the day after the window's last.
            let _ = writeln!(
                out,
                "    {name} : {tags}{}, {}, {}",
                row.id,
                w.start,
                w.end.add_days(1)
            );
        }
    }
    if let Some(d) = t.today.filter(|&d| in_period(d)) {
        let word = t.lang.pick("Today", "今天");
        let _ = writeln!(out, "    section {word}");
        let word = t.lang.pick("today", "今天");
        let _ = writeln!(out, "    {word} {d} : milestone, today, {d}, 0d");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> Analysis {
        crate::analyze(include_str!("../../examples/acme.plan"), &[])
    }

    #[test]
    fn rows_are_grouped_by_path_main_first_tactics_under_their_battle() {
        let t = build(&acme(), None);
        let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["fission", "referral", "groups", "hit", "bundle"]);
        assert_eq!(t.sections.len(), 1);
        assert!(t.sections[0].main);
        assert_eq!(t.links, [Link { from: 0, to: 3 }]);
        assert_eq!(t.goals.len(), 2);
        // revenue_2026 is split quarterly: lines at Q2, Q3, Q4.
        let q: Vec<String> = t.quarter_lines.iter().map(|d| d.to_string()).collect();
        assert_eq!(q, ["2026-04-01", "2026-07-01", "2026-10-01"]);
        assert!(t.rows.iter().all(|r| r.state.is_none()));
        let mut battles_only = t.clone();
        battles_only.without_tactics();
        assert_eq!(battles_only.sections[0].rows, [0, 3]);
        assert_eq!(battles_only.links, t.links);
        assert!(!render_svg(&battles_only).contains("tactic_referral"));
    }

    #[test]
    fn candidate_paths_come_after_main_ones_and_orphans_last() {
        let text = "plan \"p\" { period 2026-01-01 .. 2026-12-31 }\n\
goal g { target m 1 by 2026-12-31 }\nmetric m count\n\
path cand { serves g }\npath mainp { serves g main }\n\
battle a { on cand objective m +1 window 2026-02-01 .. 2026-03-01 }\n\
battle b { on mainp objective m +1 window 2026-05-01 .. 2026-06-01 }\n\
battle c { on nowhere objective m +1 window 2026-01-01 .. 2026-01-05 }\n";
        let t = build(&crate::analyze(text, &[]), None);
        let order: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(order, ["b", "a", "c"]);
        assert_eq!(t.sections[2].heading, "Battles on no path");
    }

    #[test]
    fn capacity_and_total_pools_are_charted() {
        let t = build(&acme(), None);
        assert_eq!(t.pools.len(), 2);
        match &t.pools[0].chart {
            PoolChart::Capacity { capacity, pieces } => {
                assert_eq!(*capacity, Amount::units(12));
                assert_eq!(pieces.len(), 2);
            }
            other => panic!("{other:?}"),
        }
        match &t.pools[1].chart {
            PoolChart::Total { burn, used, .. } => {
                assert_eq!(*used, Amount::units(350_000));
                let last = burn.last().expect("a burn");
                assert!((last.1 - 350_000.0).abs() < 1e-6, "{last:?}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn burn_spreads_each_charge_evenly() {
        let d = |s: &str| Date::parse(s).unwrap();
        let w = |a, b| DateRange {
            start: d(a),
            end: d(b),
        };
        let burn = burn(&[
            (w("2026-01-01", "2026-01-10"), Amount::units(100)),
            (w("2026-01-06", "2026-01-06"), Amount::units(5)),
        ]);
        let at = |s: &str| burn.iter().find(|b| b.0 == d(s)).unwrap().1;
        assert_eq!(at("2026-01-01"), 0.0);
        assert!((at("2026-01-06") - 50.0).abs() < 1e-9);
        assert!((at("2026-01-07") - 65.0).abs() < 1e-9);
        assert!((at("2026-01-11") - 105.0).abs() < 1e-9);
    }

    #[test]
    fn overcommitted_stretches_are_red() {
        let text = "plan \"p\" { period 2026-01-01 .. 2026-12-31 }\n\
resource people { capacity 2 }\nresource cash { total ¥10 }\nmetric m count\n\
goal g { target m 2 by 2026-12-31 }\npath p { serves g main }\n\
battle a { on p objective m +1 window 2026-02-01 .. 2026-03-01 needs people 2, cash ¥8 }\n\
battle b { on p objective m +1 window 2026-02-15 .. 2026-04-01 needs people 1, cash ¥8 }\n";
        let svg = svg(&crate::analyze(text, &[]), None);
        assert!(svg.contains("(over capacity)"), "{svg}");
        assert!(
            svg.contains(&format!(
                "fill=\"{}\"><title>2026-02-15 .. 2026-03-01: 3 of 2 (over capacity)",
                style::ERROR
            )),
            "{svg}"
        );
        assert!(svg.contains("planned ¥16 (over)"), "{svg}");
        assert_eq!(
            svg.matches(&format!("stroke=\"{}\" stroke-width=\"2.6\"", style::ERROR))
                .count(),
            1
        );
    }

    #[test]
    fn today_is_drawn_only_when_given_and_inside() {
        let a = acme();
        assert!(!svg(&a, None).contains("class=\"today\""));
        let day = Date::parse("2026-05-01");
        assert!(svg(&a, day).contains("class=\"today\""));
        assert!(!svg(&a, Date::parse("2027-05-01")).contains("class=\"today\""));
        assert!(mermaid(&a, day).contains("today 2026-05-01 : milestone, today, 2026-05-01, 0d"));
    }

    #[test]
    fn states_colour_bars_and_tag_mermaid_tasks() {
        let mut t = build(&acme(), None);
        t.rows[0].state = Some(ItemState::OffTrack);
        t.rows[3].state = Some(ItemState::Done);
        let svg = render_svg(&t);
        assert!(svg.contains("fill=\"#d32f2f\"/>"));
        assert!(svg.contains(">off_track</text>"));
        let m = render_mermaid(&t);
        assert!(
            m.contains(": crit, battle_fission, 2026-04-01, 2026-05-16"),
            "{m}"
        );
        assert!(m.contains(": done, battle_hit, "), "{m}");
        assert_eq!(ItemState::from_word("at_risk"), Some(ItemState::AtRisk));
    }

    #[test]
    fn mermaid_gantt_has_a_section_per_path_and_milestones() {
        let m = mermaid(&acme(), None);
        assert!(m.starts_with("gantt\n"));
        assert!(
            m.contains("    section \u{2060}单品爆款突破 (main path)\n"),
            "{m}"
        );
        assert!(
            m.contains(": milestone, goal_revenue_2026, 2026-12-31, 0d"),
            "{m}"
        );
        assert!(
            m.contains(": tactic_referral, 2026-04-01, 2026-05-01"),
            "{m}"
        );
    }

    #[test]
    fn gantt_text_neutralises_what_the_lexer_reads() {
        assert_eq!(gantt_text("a: b#c;d%e\nf"), "\u{2060}a： b＃c；d％e f");
        assert_eq!(gantt_text("section x"), "\u{2060}section x");
    }

    #[test]
    fn labels_are_escaped_in_svg() {
        let text = "plan \"<b>&'\" { period 2026-01-01 .. 2026-12-31 }\nmetric m count\n\
goal g \"</text><script>\" { target m 1 by 2026-12-31 }\npath p { serves g main }\n\
battle b \"a]]>&amp;\" { on p objective m +1 window 2026-02-01 .. 2026-03-01 }\n";
        let svg = svg(&crate::analyze(text, &[]), None);
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"));
        assert!(svg.contains("a]]&gt;&amp;amp;"));
        roxmltree::Document::parse(&svg).expect("well-formed XML");
    }

    #[test]
    fn a_plan_with_nothing_dated_still_draws() {
        for text in [
            "",
            "plan \"x\" {}",
            "battle b { }",
            "tactic t { for nothing }",
        ] {
            let a = crate::analyze(text, &[]);
            roxmltree::Document::parse(&svg(&a, Date::parse("2026-01-01"))).expect("XML");
            assert!(mermaid(&a, None).starts_with("gantt\n"));
        }
    }

    #[test]
    fn same_input_same_output() {
        let text = crate::testing::plan(40);
        let a = crate::analyze(&text, &[]);
        let b = crate::analyze(&text, &[]);
        assert_eq!(svg(&a, None), svg(&b, None));
        assert_eq!(mermaid(&a, None), mermaid(&b, None));
    }
}
