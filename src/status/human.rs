//! `planc status` for people: a compact table, goals first, then the
//! battles that need attention (running, or ended and not closed; every
//! battle and tactic with `all`), then the total pools. Every state is a
//! word, and colour (red, amber, green) only repeats it, so the table reads
//! the same without colour (`NO_COLOR`, a pipe, a printout).

use super::findings::pace_percent;
use super::words;
use super::{Phase, State, Status, WinState};
use crate::lang::Lang;
use crate::model::{ItemState, Model};
use crate::quantity::Amount;
use crate::schedule::GoalState;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    Plain,
    Green,
    Amber,
    Red,
}

impl Tone {
    fn code(self) -> &'static str {
        match self {
            Tone::Plain => "",
            Tone::Green => "\x1b[32m",
            Tone::Amber => "\x1b[33m",
            Tone::Red => "\x1b[31m",
        }
    }
}

/// What to show and how.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// ANSI colours (the CLI turns them off under `NO_COLOR` or off a terminal).
    pub color: bool,
    /// Every battle and tactic, not only those needing attention.
    pub all: bool,
    /// The language of the words (the analysis's).
    pub lang: Lang,
}

fn goal_tone(s: GoalState) -> Tone {
    match s {
        GoalState::Achieved | GoalState::Held | GoalState::OnTrack => Tone::Green,
        GoalState::AtRisk => Tone::Amber,
        GoalState::OffTrack | GoalState::Missed | GoalState::Breached => Tone::Red,
        GoalState::NoData => Tone::Plain,
    }
}

fn state_tone(s: State) -> Tone {
    match s {
        State::Reported(ItemState::OnTrack | ItemState::Done) => Tone::Green,
        State::Reported(ItemState::AtRisk | ItemState::Blocked) => Tone::Amber,
        State::Reported(ItemState::OffTrack) => Tone::Red,
        _ => Tone::Plain,
    }
}

struct Table {
    rows: Vec<Vec<(String, Tone)>>,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        Table {
            rows: vec![header
                .iter()
                .map(|h| (h.to_string(), Tone::Plain))
                .collect()],
        }
    }

    fn push(&mut self, row: Vec<(String, Tone)>) {
        self.rows.push(row);
    }

    fn write(&self, out: &mut String, color: bool) {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|(t, _)| t.width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &self.rows {
            let mut line = String::from("  ");
            for (c, (text, tone)) in row.iter().enumerate() {
                let pad = widths[c].saturating_sub(text.width());
                if color && *tone != Tone::Plain {
                    line.push_str(tone.code());
                    line.push_str(text);
                    line.push_str("\x1b[0m");
                } else {
                    line.push_str(text);
                }
                if c + 1 < row.len() {
                    line.push_str(&" ".repeat(pad + 2));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

fn plain(text: impl Into<String>) -> (String, Tone) {
    (text.into(), Tone::Plain)
}

/// The status as a table for a terminal.
pub fn render(model: &Model, status: &Status, options: Options) -> String {
    let lang = options.lang;
    let z = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let none = z("  (none)\n", "  （无）\n");
    let mut out = String::new();
    let title = model.plan.as_ref().map_or("", |p| p.title.as_str());
    out.push_str(&match lang {
        Lang::En => format!("{title} — status on {}\n", status.today),
        Lang::Zh => format!("{title} — {} 的状态\n", status.today),
    });

    out.push_str(z("\nGoals\n", "\n目标\n"));
    if status.goals.is_empty() {
        out.push_str(none);
    } else {
        let mut t = Table::new(&match lang {
            Lang::En => ["state", "goal", "actual", "expected then", "pace", "target"],
            Lang::Zh => ["状态", "目标", "实际值", "当时应达到", "进度", "目标值"],
        });
        for g in &status.goals {
            let goal = &model.goals[g.goal];
            let style = g.target.map(|(_, _, s)| s).or(g.keep.map(|(_, _, s)| s));
            let fmt = |a: Amount| style.map_or_else(|| a.to_decimal(), |s| super::shown(s, a));
            let name = match (g.parts.len(), g.parts_actual, lang) {
                (0, _, _) => goal.common.name().to_string(),
                (n, Some((sum, with)), Lang::En) => format!(
                    "{} (parts: {} from {with} of {n})",
                    goal.common.name(),
                    fmt(sum)
                ),
                (n, Some((sum, with)), Lang::Zh) => format!(
                    "{}（分解目标：{n} 个中 {with} 个有实际值，合计 {}）",
                    goal.common.name(),
                    fmt(sum)
                ),
                (n, None, Lang::En) => format!("{} ({n} parts, no actual yet)", goal.common.name()),
                (n, None, Lang::Zh) => {
                    format!("{}（{n} 个分解目标，还没有实际值）", goal.common.name())
                }
            };
            t.push(vec![
                (words::goal_state(g.state, lang), goal_tone(g.state)),
                plain(name),
                plain(g.actual.map_or("—".to_string(), |r| match lang {
                    Lang::En => format!("{} on {}", fmt(r.amount), r.date),
                    Lang::Zh => format!("{}（{}）", fmt(r.amount), r.date),
                })),
                plain(g.expected.map_or("—".to_string(), fmt)),
                plain(g.pace.map_or("—".to_string(), pace_percent)),
                plain(match (g.target, g.keep) {
                    (_, Some((op, bound, _))) => {
                        format!("{} {} {}", z("keep", "底线"), op.op(), fmt(bound))
                    }
                    (Some((a, d, _)), None) => match lang {
                        Lang::En => format!("{} by {d}", fmt(a)),
                        Lang::Zh => format!("{d} 前 {}", fmt(a)),
                    },
                    (None, None) => "—".to_string(),
                }),
            ]);
        }
        t.write(&mut out, options.color);
    }

    let attention = |phase: Option<Phase>, state: State| {
        options.all
            || phase == Some(Phase::Running)
            || (phase == Some(Phase::Ended)
                && !matches!(state, State::Reported(ItemState::Done | ItemState::Dropped)))
    };
    let shown: Vec<_> = status
        .battles
        .iter()
        .filter(|b| attention(b.phase, b.state))
        .collect();
    let left_out = status.battles.len() - shown.len();
    out.push_str(if options.all {
        z("\nBattles\n", "\n战役\n")
    } else {
        z(
            "\nBattles (running, or ended and not closed)\n",
            "\n战役（进行中，或已结束但没有收尾）\n",
        )
    });
    if shown.is_empty() {
        out.push_str(none);
    } else {
        let mut t = Table::new(&match lang {
            Lang::En => [
                "state",
                "battle",
                "phase",
                "window",
                "last review",
                "review",
            ],
            Lang::Zh => ["状态", "战役", "阶段", "时间周期", "上次复盘", "复盘"],
        });
        for b in &shown {
            let battle = &model.battles[b.battle];
            let review = match b.review_overdue_days {
                Some(0) => (z("on time", "按时").to_string(), Tone::Green),
                Some(n) => (
                    match lang {
                        Lang::En => format!("{n} days late"),
                        Lang::Zh => format!("逾期 {n} 天"),
                    },
                    Tone::Red,
                ),
                None => plain(""),
            };
            t.push(vec![
                (words::state_in(b.state, lang), state_tone(b.state)),
                plain(battle.common.name()),
                plain(b.phase.map_or("—", |p| words::phase(p, lang))),
                plain(b.window.map_or("—".to_string(), |w| w.to_string())),
                plain(b.last_review.map_or("—".to_string(), |d| d.to_string())),
                review,
            ]);
        }
        t.write(&mut out, options.color);
    }
    if left_out > 0 {
        out.push_str(&match lang {
            Lang::En => format!(
                "  … and {left_out} more (upcoming or closed); `--all` shows every battle and tactic\n"
            ),
            Lang::Zh => format!(
                "  …… 另有 {left_out} 场（未开始或已收尾）；`--all` 显示全部战役和战术\n"
            ),
        });
    }

    // Which battles are shown, by index: a tactic asks it in constant time
    // (looking through the shown list for each tactic was a quarter of
    // `planc status` on 10 000 battles).
    let mut is_shown = vec![false; model.battles.len()];
    for b in &shown {
        if let Some(slot) = is_shown.get_mut(b.battle) {
            *slot = true;
        }
    }
    let tactics: Vec<_> = status
        .tactics
        .iter()
        .filter(|t| {
            let battle_shown = model.tactics[t.tactic]
                .battle
                .as_ref()
                .and_then(|r| r.target())
                .is_some_and(|b| is_shown.get(b).copied().unwrap_or(false));
            options.all || (battle_shown && attention(t.phase, t.state))
        })
        .collect();
    if !tactics.is_empty() {
        out.push_str(z("\nTactics\n", "\n战术\n"));
        let mut t = Table::new(&match lang {
            Lang::En => ["state", "tactic", "battle", "phase", "win"],
            Lang::Zh => ["状态", "战术", "战役", "阶段", "赢的标准"],
        });
        for s in tactics {
            let tactic = &model.tactics[s.tactic];
            let battle = tactic
                .battle
                .as_ref()
                .and_then(|r| r.target())
                .map_or("—", |b| model.battles[b].common.name());
            t.push(vec![
                (words::state_in(s.state, lang), state_tone(s.state)),
                plain(tactic.common.name()),
                plain(battle),
                plain(s.phase.map_or("—", |p| words::phase(p, lang))),
                (
                    words::win(s.win, lang).to_string(),
                    match s.win {
                        WinState::Won => Tone::Green,
                        WinState::Lost => Tone::Red,
                        WinState::Open => Tone::Plain,
                    },
                ),
            ]);
        }
        t.write(&mut out, options.color);
    }

    if !status.pools.is_empty() {
        out.push_str(z("\nBudgets\n", "\n预算\n"));
        let mut t = Table::new(&match lang {
            Lang::En => ["", "pool", "spent", "planned by now", "total"],
            Lang::Zh => ["", "资源池", "已花费", "按计划到今天", "总额"],
        });
        for p in &status.pools {
            let r = &model.resources[p.resource];
            let spent = p.spent.map_or(Amount::ZERO, |s| s.amount);
            let (word, tone) = if spent > p.total {
                (z("over", "超支"), Tone::Red)
            } else if spent > p.planned {
                (z("above plan", "超计划"), Tone::Amber)
            } else {
                (z("ok", "正常"), Tone::Green)
            };
            t.push(vec![
                (word.to_string(), tone),
                plain(r.common.name()),
                plain(p.spent.map_or(
                    z("— (no check-in)", "—（没有复盘记录）").to_string(),
                    |s| match lang {
                        Lang::En => format!("{} on {}", super::shown(p.style, s.amount), s.date),
                        Lang::Zh => format!("{}（{}）", super::shown(p.style, s.amount), s.date),
                    },
                )),
                plain(super::shown(p.style, p.planned)),
                plain(super::shown(p.style, p.total)),
            ]);
        }
        t.write(&mut out, options.color);
    }
    out
}
