//! Status colours on the map and the trace (issue 15): each goal, battle
//! and tactic coloured by its state on a day, as `planc status` computes it.
//! The writers never compute a state: [`Scene::take_status`] puts a
//! [`Standing`] on each node, and DOT, Mermaid and SVG draw what it says.
//!
//! Every word the status adds to a picture is in this file, so that another
//! language can be put beside it.

use super::scene::{Emphasis, Key, Look, Scene};
use crate::date::Date;
use crate::lang::Lang;
use crate::model::ItemState;
use crate::schedule::GoalState;
use crate::status::{State, Status};
use crate::syntax::ast::ItemKind;

/// The four colours a state is drawn in. Nothing is told by colour alone:
/// the state's word is written in the box too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    /// Green: on track, achieved, held, done.
    Good,
    /// Amber: at risk.
    Watch,
    /// Red: off track, missed, breached, blocked.
    Bad,
    /// Grey: no data, not started, dropped.
    Quiet,
}

impl Tone {
    pub const ALL: [Tone; 4] = [Tone::Good, Tone::Watch, Tone::Bad, Tone::Quiet];

    /// ASCII, stable: Mermaid's class name and the SVG's class.
    pub fn key(self) -> &'static str {
        match self {
            Tone::Good => "state_good",
            Tone::Watch => "state_watch",
            Tone::Bad => "state_bad",
            Tone::Quiet => "state_quiet",
        }
    }
}

/// A node's state on the day: its colour and its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    pub tone: Tone,
    /// As `planc status` writes it: `on_track`, `at_risk`, …
    pub word: &'static str,
}

pub fn goal_tone(state: GoalState) -> Tone {
    match state {
        GoalState::Achieved | GoalState::Held | GoalState::OnTrack => Tone::Good,
        GoalState::AtRisk => Tone::Watch,
        GoalState::OffTrack | GoalState::Missed | GoalState::Breached => Tone::Bad,
        GoalState::NoData => Tone::Quiet,
    }
}

pub fn item_tone(state: State) -> Tone {
    match state {
        State::Reported(ItemState::OnTrack | ItemState::Done) => Tone::Good,
        State::Reported(ItemState::AtRisk) => Tone::Watch,
        State::Reported(ItemState::OffTrack | ItemState::Blocked) => Tone::Bad,
        State::Reported(ItemState::NotStarted | ItemState::Dropped) | State::NoData => Tone::Quiet,
    }
}

// ---- Words -------------------------------------------------------------

/// What a colour means, in the legend.
pub fn tone_words(tone: Tone, lang: Lang) -> &'static str {
    match (tone, lang) {
        (Tone::Good, Lang::En) => "green: on track, achieved, done",
        (Tone::Watch, Lang::En) => "amber: at risk",
        (Tone::Bad, Lang::En) => "red: off track, missed, blocked",
        (Tone::Quiet, Lang::En) => "grey: no data, not started",
        (Tone::Good, Lang::Zh) => "绿：正常、已达成、已完成",
        (Tone::Watch, Lang::Zh) => "黄：有风险",
        (Tone::Bad, Lang::Zh) => "红：落后、未达成、受阻",
        (Tone::Quiet, Lang::Zh) => "灰：无数据、未开始",
    }
}

/// The line written in a box: "● state: at_risk", "● 状态：有风险".
pub fn state_line(word: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("● state: {word}"),
        Lang::Zh => format!("● 状态：{word}"),
    }
}

/// The caption's addition: " · status on 2026-04-20".
pub fn caption_suffix(day: Date, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" · status on {day}"),
        Lang::Zh => format!(" · {day} 的进展状态"),
    }
}

/// One line that says what the colours mean, for DOT and Mermaid titles
/// (they draw no legend boxes).
pub fn key_line(lang: Lang) -> String {
    let parts: Vec<&str> = Tone::ALL.into_iter().map(|t| tone_words(t, lang)).collect();
    format!("{}{}", lang.pick("Colours: ", "颜色："), parts.join(" · "))
}

// ---- Putting the status on a scene ----------------------------------------

impl Scene {
    /// Colour the goals, battles and tactics by their state in `status`
    /// (taken for `status.today` from the model the scene was built from),
    /// write each state's word in its box, add the colours to the legend
    /// and the day to the caption.
    pub fn take_status(&mut self, status: &Status) {
        for node in &mut self.nodes {
            let i = node.item.index;
            let standing = match node.item.kind {
                ItemKind::Goal => status.goals.get(i).map(|g| Standing {
                    tone: goal_tone(g.state),
                    word: crate::lang::state_word(g.state.word(), self.lang),
                }),
                ItemKind::Battle => status.battles.get(i).map(|b| Standing {
                    tone: item_tone(b.state),
                    word: crate::lang::state_word(b.state.word(), self.lang),
                }),
                ItemKind::Tactic => status.tactics.get(i).map(|t| Standing {
                    tone: item_tone(t.state),
                    word: crate::lang::state_word(t.state.word(), self.lang),
                }),
                _ => None,
            };
            if let Some(s) = standing {
                node.details.push(state_line(s.word, self.lang));
                node.standing = Some(s);
            }
        }
        self.taken = Some(status.today);
        self.caption
            .push_str(&caption_suffix(status.today, self.lang));
        for tone in Tone::ALL {
            self.legend.push(Key {
                text: tone_words(tone, self.lang),
                look: Look {
                    emphasis: Emphasis::Plain,
                    problem: None,
                    tone: Some(tone),
                },
            });
        }
    }
}
