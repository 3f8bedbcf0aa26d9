//! The words of `planc status`'s tables, in English or Chinese (the
//! glossary's: 正常, 有风险, 落后 …). JSON keeps the English states.

use super::{Phase, State, WinState};
use crate::lang::{state_word, Lang};
use crate::schedule::GoalState;

// The Chinese of every state, phase and verdict is the glossary's one
// table, `lang::state_word`.

/// `on_track` → `on track` / `正常`.
pub fn goal_state(s: GoalState, lang: Lang) -> String {
    match lang {
        Lang::En => s.word().replace('_', " "),
        Lang::Zh => state_word(s.word(), lang).to_string(),
    }
}

/// A battle's or tactic's state in Chinese.
pub fn state(s: State) -> &'static str {
    state_word(s.word(), Lang::Zh)
}

/// A battle's or tactic's state in `lang`.
pub fn state_in(s: State, lang: Lang) -> String {
    match lang {
        Lang::En => s.word().replace('_', " "),
        Lang::Zh => state(s).to_string(),
    }
}

pub fn phase(p: Phase, lang: Lang) -> &'static str {
    state_word(p.word(), lang)
}

pub fn win(w: WinState, lang: Lang) -> &'static str {
    state_word(w.word(), lang)
}
