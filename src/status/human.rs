//! `planc status` for people: a compact table, goals first, then the
//! battles that need attention (running, or ended and not closed; every
//! battle and tactic with `all`), then the total pools. Every state is a
//! word, and colour (red, amber, green) only repeats it, so the table reads
//! the same without colour (`NO_COLOR`, a pipe, a printout).

use super::findings::pace_percent;
use super::{Phase, State, Status, WinState};
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

/// `on_track` → `on track`: words for people.
fn words(state: &str) -> String {
    state.replace('_', " ")
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
    let mut out = String::new();
    let title = model.plan.as_ref().map_or("", |p| p.title.as_str());
    out.push_str(&format!("{title} — status on {}\n", status.today));

    out.push_str("\nGoals\n");
    if status.goals.is_empty() {
        out.push_str("  (none)\n");
    } else {
        let mut t = Table::new(&["state", "goal", "actual", "expected then", "pace", "target"]);
        for g in &status.goals {
            let goal = &model.goals[g.goal];
            let style = g.target.map(|(_, _, s)| s).or(g.keep.map(|(_, _, s)| s));
            let fmt = |a: Amount| style.map_or_else(|| a.to_decimal(), |s| super::shown(s, a));
            let name = match (g.parts.len(), g.parts_actual) {
                (0, _) => goal.common.name().to_string(),
                (n, Some((sum, with))) => format!(
                    "{} (parts: {} from {with} of {n})",
                    goal.common.name(),
                    fmt(sum)
                ),
                (n, None) => format!("{} ({n} parts, no actual yet)", goal.common.name()),
            };
            t.push(vec![
                (words(g.state.word()), goal_tone(g.state)),
                plain(name),
                plain(g.actual.map_or("—".to_string(), |r| {
                    format!("{} on {}", fmt(r.amount), r.date)
                })),
                plain(g.expected.map_or("—".to_string(), fmt)),
                plain(g.pace.map_or("—".to_string(), pace_percent)),
                plain(match (g.target, g.keep) {
                    (_, Some((op, bound, _))) => format!("keep {} {}", op.op(), fmt(bound)),
                    (Some((a, d, _)), None) => format!("{} by {d}", fmt(a)),
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
        "\nBattles\n"
    } else {
        "\nBattles (running, or ended and not closed)\n"
    });
    if shown.is_empty() {
        out.push_str("  (none)\n");
    } else {
        let mut t = Table::new(&[
            "state",
            "battle",
            "phase",
            "window",
            "last review",
            "review",
        ]);
        for b in &shown {
            let battle = &model.battles[b.battle];
            let review = match b.review_overdue_days {
                Some(0) => ("on time".to_string(), Tone::Green),
                Some(n) => (format!("{n} days late"), Tone::Red),
                None => plain(""),
            };
            t.push(vec![
                (words(b.state.word()), state_tone(b.state)),
                plain(battle.common.name()),
                plain(b.phase.map_or("—", Phase::word)),
                plain(b.window.map_or("—".to_string(), |w| w.to_string())),
                plain(b.last_review.map_or("—".to_string(), |d| d.to_string())),
                review,
            ]);
        }
        t.write(&mut out, options.color);
    }
    if left_out > 0 {
        out.push_str(&format!(
            "  … and {left_out} more (upcoming or closed); `--all` shows every battle and tactic\n"
        ));
    }

    let tactics: Vec<_> = status
        .tactics
        .iter()
        .filter(|t| {
            let battle_shown = model.tactics[t.tactic]
                .battle
                .as_ref()
                .and_then(|r| r.target)
                .is_some_and(|b| shown.iter().any(|s| s.battle == b));
            options.all || (battle_shown && attention(t.phase, t.state))
        })
        .collect();
    if !tactics.is_empty() {
        out.push_str("\nTactics\n");
        let mut t = Table::new(&["state", "tactic", "battle", "phase", "win"]);
        for s in tactics {
            let tactic = &model.tactics[s.tactic];
            let battle = tactic
                .battle
                .as_ref()
                .and_then(|r| r.target)
                .map_or("—", |b| model.battles[b].common.name());
            t.push(vec![
                (words(s.state.word()), state_tone(s.state)),
                plain(tactic.common.name()),
                plain(battle),
                plain(s.phase.map_or("—", Phase::word)),
                (
                    s.win.word().to_string(),
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
        out.push_str("\nBudgets\n");
        let mut t = Table::new(&["", "pool", "spent", "planned by now", "total"]);
        for p in &status.pools {
            let r = &model.resources[p.resource];
            let spent = p.spent.map_or(Amount::ZERO, |s| s.amount);
            let (word, tone) = if spent > p.total {
                ("over", Tone::Red)
            } else if spent > p.planned {
                ("above plan", Tone::Amber)
            } else {
                ("ok", Tone::Green)
            };
            t.push(vec![
                (word.to_string(), tone),
                plain(r.common.name()),
                plain(p.spent.map_or("— (no check-in)".to_string(), |s| {
                    format!("{} on {}", super::shown(p.style, s.amount), s.date)
                })),
                plain(super::shown(p.style, p.planned)),
                plain(super::shown(p.style, p.total)),
            ]);
        }
        t.write(&mut out, options.color);
    }
    out
}
