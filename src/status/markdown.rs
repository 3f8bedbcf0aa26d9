//! `planc status --format markdown`: a weekly report to paste into a 周报,
//! an issue or GitHub's step summary. Goals, the battles that need
//! attention (every one with `all`), their tactics and the budgets, as
//! tables with the state in words and an emoji (🟢 🟡 🔴), then the
//! findings as `planc check --format markdown` lists them. Everything the
//! plan wrote is escaped (`render::markdown::cell`), and the whole report
//! stays under 1 MiB by leaving out rows and saying how many.

use super::findings::pace_percent;
use super::words;
use super::{Phase, State, Status, WinState};
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::model::{ItemState, Model};
use crate::quantity::Amount;
use crate::render::markdown::{cell, render_within, LIMIT};
use crate::render::Source;
use crate::schedule::GoalState;

fn goal_mark(s: GoalState) -> &'static str {
    match s {
        GoalState::Achieved | GoalState::Held | GoalState::OnTrack => "🟢",
        GoalState::AtRisk => "🟡",
        GoalState::OffTrack | GoalState::Missed | GoalState::Breached => "🔴",
        GoalState::NoData => "⚪",
    }
}

fn state_mark(s: State) -> &'static str {
    match s {
        State::Reported(ItemState::OnTrack | ItemState::Done) => "🟢",
        State::Reported(ItemState::AtRisk | ItemState::Blocked) => "🟡",
        State::Reported(ItemState::OffTrack) => "🔴",
        _ => "⚪",
    }
}

/// Rows are added while the report stays under its budget; the rest are
/// counted and said.
struct Budget {
    out: String,
    limit: usize,
    left_out: usize,
}

impl Budget {
    fn row(&mut self, row: String) {
        if self.out.len() + row.len() > self.limit {
            self.left_out += 1;
        } else {
            self.out.push_str(&row);
        }
    }
}

/// The weekly report. `diagnostics` are the plan's and the status's.
pub fn render(
    sources: &crate::sources::SourceMap,
    model: &Model,
    status: &Status,
    diagnostics: &[Diagnostic],
    all: bool,
    lang: Lang,
) -> String {
    let z = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let title = model.plan.as_ref().map_or("", |p| p.title.as_str());
    // The tables take at most three quarters; the findings get the rest.
    let mut b = Budget {
        out: match lang {
            Lang::En => format!("# {} — status on {}\n\n", cell(title), status.today),
            Lang::Zh => format!("# {} — {} 的状态\n\n", cell(title), status.today),
        },
        limit: LIMIT / 4 * 3,
        left_out: 0,
    };
    b.out.push_str(z("## Goals\n\n", "## 目标\n\n"));
    b.out.push_str(z(
        "| | goal | state | actual | expected then | pace | target |\n|---|---|---|---|---|---|---|\n",
        "| | 目标 | 状态 | 实际值 | 当时应达到 | 进度 | 目标值 |\n|---|---|---|---|---|---|---|\n",
    ));
    for g in &status.goals {
        let goal = &model.goals[g.goal];
        let style = g.target.map(|(_, _, s)| s).or(g.keep.map(|(_, _, s)| s));
        let fmt = |a: Amount| style.map_or_else(|| a.to_decimal(), |s| super::shown(s, a));
        b.row(format!(
            "| {} | **{}** {} | {} | {} | {} | {} | {} |\n",
            goal_mark(g.state),
            cell(goal.common.name()),
            goal.common.label.as_deref().map(cell).unwrap_or_default(),
            words::goal_state(g.state, lang).replace(' ', "_"),
            g.actual.map_or("—".to_string(), |r| match lang {
                Lang::En => format!("{} ({})", cell(&fmt(r.amount)), r.date),
                Lang::Zh => format!("{}（{}）", cell(&fmt(r.amount)), r.date),
            }),
            g.expected.map_or("—".to_string(), |a| cell(&fmt(a))),
            g.pace.map_or("—".to_string(), |p| cell(&pace_percent(p))),
            match (g.target, g.keep) {
                (_, Some((op, bound, _))) => {
                    format!(
                        "{} {} {}",
                        z("keep", "底线"),
                        cell(op.op()),
                        cell(&fmt(bound))
                    )
                }
                (Some((a, d, _)), None) => match lang {
                    Lang::En => format!("{} by {d}", cell(&fmt(a))),
                    Lang::Zh => format!("{d} 前 {}", cell(&fmt(a))),
                },
                (None, None) => "—".to_string(),
            },
        ));
    }
    let attention = |phase: Option<Phase>, state: State| {
        all || phase == Some(Phase::Running)
            || (phase == Some(Phase::Ended)
                && !matches!(state, State::Reported(ItemState::Done | ItemState::Dropped)))
    };
    b.out.push_str(if all {
        z("\n## Battles\n\n", "\n## 战役\n\n")
    } else {
        z(
            "\n## Battles running, or ended and not closed\n\n",
            "\n## 进行中或已结束未收尾的战役\n\n",
        )
    });
    b.out.push_str(z(
        "| | battle | state | phase | last review | review |\n|---|---|---|---|---|---|\n",
        "| | 战役 | 状态 | 阶段 | 上次复盘 | 复盘 |\n|---|---|---|---|---|---|\n",
    ));
    let mut shown = vec![false; model.battles.len()];
    for s in status
        .battles
        .iter()
        .filter(|s| attention(s.phase, s.state))
    {
        shown[s.battle] = true;
        let battle = &model.battles[s.battle];
        b.row(format!(
            "| {} | **{}** {} | {} | {} | {} | {} |\n",
            state_mark(s.state),
            cell(battle.common.name()),
            battle.common.label.as_deref().map(cell).unwrap_or_default(),
            state_word(s.state, lang),
            s.phase.map_or("—", |p| words::phase(p, lang)),
            s.last_review.map_or("—".to_string(), |d| d.to_string()),
            match (s.review_overdue_days, lang) {
                (Some(0), _) => z("on time", "按时").to_string(),
                (Some(n), Lang::En) => format!("🔴 {n} days late"),
                (Some(n), Lang::Zh) => format!("🔴 逾期 {n} 天"),
                (None, _) => String::new(),
            },
        ));
    }
    b.out.push_str(z(
        "\n## Tactics\n\n| | tactic | battle | state | win |\n|---|---|---|---|---|\n",
        "\n## 战术\n\n| | 战术 | 战役 | 状态 | 赢的标准 |\n|---|---|---|---|---|\n",
    ));
    for s in &status.tactics {
        let tactic = &model.tactics[s.tactic];
        let battle = tactic.battle.as_ref().and_then(|r| r.target());
        if !(all || battle.is_some_and(|x| shown[x]) && attention(s.phase, s.state)) {
            continue;
        }
        b.row(format!(
            "| {} | **{}** {} | {} | {} | {} |\n",
            state_mark(s.state),
            cell(tactic.common.name()),
            tactic.common.label.as_deref().map(cell).unwrap_or_default(),
            battle.map_or("—".to_string(), |x| cell(model.battles[x].common.name())),
            state_word(s.state, lang),
            match s.win {
                WinState::Won => format!("🟢 {}", words::win(s.win, lang)),
                WinState::Lost => format!("🔴 {}", words::win(s.win, lang)),
                WinState::Open => words::win(s.win, lang).to_string(),
            },
        ));
    }
    if !status.pools.is_empty() {
        b.out.push_str(z(
            "\n## Budgets\n\n| pool | spent | planned by now | total |\n|---|---|---|---|\n",
            "\n## 预算\n\n| 资源池 | 已花费 | 按计划到今天 | 总额 |\n|---|---|---|---|\n",
        ));
        for p in &status.pools {
            let r = &model.resources[p.resource];
            b.row(format!(
                "| **{}** | {} | {} | {} |\n",
                cell(r.common.name()),
                p.spent.map_or("—".to_string(), |s| match lang {
                    Lang::En => format!("{} ({})", cell(&super::shown(p.style, s.amount)), s.date),
                    Lang::Zh => format!("{}（{}）", cell(&super::shown(p.style, s.amount)), s.date),
                }),
                cell(&super::shown(p.style, p.planned)),
                cell(&super::shown(p.style, p.total)),
            ));
        }
    }
    let mut out = b.out;
    if b.left_out > 0 {
        out.push_str(&match lang {
            Lang::En => format!(
                "\n{} more rows left out to keep this report under 1 MiB; `planc status --format json` has them all.\n",
                b.left_out
            ),
            Lang::Zh => format!(
                "\n为了让这份报告不超过 1 MiB，另有 {} 行没有列出；`planc status --format json` 里是全部。\n",
                b.left_out
            ),
        });
    }
    out.push('\n');
    let source = Source::plan(sources, diagnostics).with_lang(lang);
    let room = LIMIT.saturating_sub(out.len() + 16);
    out.push_str(&render_within(
        std::slice::from_ref(&source),
        "planc status",
        room,
    ));
    out
}

/// `on_track` in English (the word the plan writes), `正常` in Chinese.
fn state_word(s: State, lang: Lang) -> String {
    match lang {
        Lang::En => s.word().to_string(),
        Lang::Zh => words::state(s).to_string(),
    }
}
