//! Examples for help lines, taken from the plan itself: its own metrics,
//! goals, owners and period, so a Chinese plan is not told
//! `win referrals >= 1500` and an English one is not told `owner "张三"`.
//! Each is worked out at most once per check (a plan where every tactic
//! lacks an owner must not scan the plan once per tactic).

use crate::model::Model;
use crate::quantity::{Currency, UnitKind};
use std::sync::OnceLock;

pub(super) struct Examples<'a> {
    model: &'a Model,
    owner: OnceLock<String>,
    target: OnceLock<String>,
    window: OnceLock<String>,
    objective: OnceLock<String>,
    metric_win: OnceLock<Option<String>>,
}

impl<'a> Examples<'a> {
    pub(super) fn new(model: &'a Model) -> Examples<'a> {
        Examples {
            model,
            owner: OnceLock::new(),
            target: OnceLock::new(),
            window: OnceLock::new(),
            objective: OnceLock::new(),
            metric_win: OnceLock::new(),
        }
    }

    /// A person's name: one the plan already gives as an owner, else a
    /// placeholder in the plan's language.
    pub(super) fn owner(&self) -> String {
        self.owner
            .get_or_init(|| {
                let m = self.model;
                let written = m
                    .tactics
                    .iter()
                    .filter_map(|t| t.owner.as_ref())
                    .chain(m.battles.iter().filter_map(|b| b.owner.as_ref()))
                    .chain(m.paths.iter().filter_map(|p| p.owner.as_ref()))
                    .chain(m.goals.iter().filter_map(|g| g.owner.as_ref()))
                    .map(|o| o.value.trim())
                    .find(|o| {
                        !o.is_empty()
                            && !o.contains(['"', '\\'])
                            && !o.chars().any(char::is_control)
                    });
                match written {
                    Some(owner) => owner.to_string(),
                    None if chinese(m) => "张三".to_string(),
                    None => "Alex Chen".to_string(),
                }
            })
            .clone()
    }

    /// `target METRIC AMOUNT by DATE`: like another goal's target, else on
    /// the plan's first metric, by the end of the period.
    pub(super) fn target(&self) -> String {
        self.target
            .get_or_init(|| {
                let m = self.model;
                if let Some(t) = m.goals.iter().find_map(|g| g.target.as_ref()) {
                    return format!("target {} {} by {}", t.metric.name, t.qty.text, t.by.value);
                }
                let by = m
                    .plan
                    .as_ref()
                    .and_then(|p| p.period)
                    .map_or_else(|| "2026-12-31".to_string(), |p| p.range.end.to_string());
                match m.metrics.first() {
                    Some(metric) => format!(
                        "target {} {} by {by}",
                        metric.common.name(),
                        level(m, metric.unit)
                    ),
                    None => format!("target METRIC AMOUNT by {by}"),
                }
            })
            .clone()
    }

    /// `window START .. END`: the first six weeks of the plan period.
    pub(super) fn window(&self) -> String {
        self.window
            .get_or_init(|| match self.model.plan.as_ref().and_then(|p| p.period) {
                Some(p) => {
                    let end = p.range.start.add_days(44).min(p.range.end);
                    format!("window {} .. {end}", p.range.start)
                }
                None => "window 2026-04-01 .. 2026-05-15".to_string(),
            })
            .clone()
    }

    /// `objective METRIC +AMOUNT` for a battle: on the metric of a goal its
    /// path serves, else of any goal, else the plan's first metric.
    pub(super) fn objective(&self, battle: usize) -> String {
        let m = self.model;
        let served = m.battles[battle]
            .on
            .as_ref()
            .and_then(|r| r.target())
            .into_iter()
            .flat_map(|p| m.paths[p].serves.iter().filter_map(|r| r.target()))
            .find_map(|g| m.goals[g].target.as_ref());
        if let Some(t) = served {
            return format!(
                "objective {} +{}",
                t.metric.name,
                t.qty.text.trim_start_matches(['+', '-'])
            );
        }
        self.objective
            .get_or_init(|| {
                if let Some(t) = m.goals.iter().find_map(|g| g.target.as_ref()) {
                    return format!(
                        "objective {} +{}",
                        t.metric.name,
                        t.qty.text.trim_start_matches(['+', '-'])
                    );
                }
                match m.metrics.first() {
                    Some(metric) => format!(
                        "objective {} +{}",
                        metric.common.name(),
                        level(m, metric.unit)
                    ),
                    None => "objective METRIC +AMOUNT".to_string(),
                }
            })
            .clone()
    }

    /// `win METRIC >= LEVEL` for a tactic: the level of its battle's first
    /// objective, else the plan's first metric at 1; `None` without metrics.
    pub(super) fn win(&self, tactic: usize) -> Option<String> {
        let m = self.model;
        let battle = m.tactics[tactic].battle.as_ref().and_then(|r| r.target());
        if let Some(u) = battle.and_then(|b| m.battles[b].objective.first()) {
            let level = u.qty.text.trim_start_matches(['+', '-']);
            return Some(format!("win {} >= {level}", u.what.name));
        }
        self.metric_win
            .get_or_init(|| {
                let metric = m.metrics.first()?;
                let one = match metric.unit {
                    UnitKind::Count => "1".to_string(),
                    UnitKind::Percent => "1%".to_string(),
                    UnitKind::Money => format!("{}1", sign(m)),
                };
                Some(format!("win {} >= {one}", metric.common.name()))
            })
            .clone()
    }
}

fn sign(m: &Model) -> &'static str {
    m.currency.map_or("¥", |(c, _)| c.sign())
}

/// A plausible amount of a unit, in the plan's currency and way of writing.
fn level(m: &Model, unit: UnitKind) -> String {
    match unit {
        UnitKind::Count => "1000".to_string(),
        UnitKind::Percent => "40%".to_string(),
        UnitKind::Money => match m.currency {
            Some((Currency::Cny, _)) | None if chinese(m) => format!("{}100万", sign(m)),
            _ => format!("{}100k", sign(m)),
        },
    }
}

/// Whether the plan is written in Chinese: its title, or failing that its
/// first labelled or named items, hold Chinese characters.
fn chinese(m: &Model) -> bool {
    let han = |s: &str| {
        s.chars()
            .any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'))
    };
    if m.plan.as_ref().is_some_and(|p| han(&p.title)) {
        return true;
    }
    let commons = m
        .goals
        .iter()
        .map(|g| &g.common)
        .chain(m.metrics.iter().map(|x| &x.common))
        .chain(m.battles.iter().map(|b| &b.common));
    commons
        .take(20)
        .any(|c| han(c.name()) || c.label.as_deref().is_some_and(han))
}
