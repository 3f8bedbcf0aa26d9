//! The words of `planc status`'s tables, in English or Chinese (the
//! glossary's: 正常, 有风险, 落后 …). JSON keeps the English states.

use super::{Phase, State, WinState};
use crate::lang::Lang;
use crate::model::ItemState;
use crate::schedule::GoalState;

/// `on_track` → `on track` / `正常`.
pub fn goal_state(s: GoalState, lang: Lang) -> String {
    match lang {
        Lang::En => s.word().replace('_', " "),
        Lang::Zh => match s {
            GoalState::Achieved => "已达成",
            GoalState::OnTrack => "正常",
            GoalState::NoData => "无数据",
            GoalState::AtRisk => "有风险",
            GoalState::OffTrack => "落后",
            GoalState::Missed => "未达成",
            GoalState::Held => "守住",
            GoalState::Breached => "失守",
        }
        .to_string(),
    }
}

/// A battle's or tactic's state in Chinese.
pub fn state(s: State) -> &'static str {
    match s {
        State::NoData => "无数据",
        State::Reported(s) => match s {
            ItemState::NotStarted => "未开始",
            ItemState::OnTrack => "正常",
            ItemState::AtRisk => "有风险",
            ItemState::OffTrack => "落后",
            ItemState::Blocked => "受阻",
            ItemState::Done => "已完成",
            ItemState::Dropped => "已放弃",
        },
    }
}

/// A battle's or tactic's state in `lang`.
pub fn state_in(s: State, lang: Lang) -> String {
    match lang {
        Lang::En => s.word().replace('_', " "),
        Lang::Zh => state(s).to_string(),
    }
}

pub fn phase(p: Phase, lang: Lang) -> &'static str {
    match (lang, p) {
        (Lang::En, _) => p.word(),
        (Lang::Zh, Phase::Upcoming) => "未开始",
        (Lang::Zh, Phase::Running) => "进行中",
        (Lang::Zh, Phase::Ended) => "已结束",
    }
}

pub fn win(w: WinState, lang: Lang) -> &'static str {
    match (lang, w) {
        (Lang::En, _) => w.word(),
        (Lang::Zh, WinState::Won) => "打赢",
        (Lang::Zh, WinState::Lost) => "未达标",
        (Lang::Zh, WinState::Open) => "进行中",
    }
}
