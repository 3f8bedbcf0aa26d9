//! The language planc speaks: English or Chinese.
//!
//! Chosen once per run, in this order (LANGUAGE.md): `--lang`, then the
//! plan's own `lang` attribute, then the environment (`PLANC_LANG`, `LC_ALL`,
//! `LC_MESSAGES`, `LANG`; a value starting with `zh` means Chinese), then
//! English. The core does no IO: the command line reads the environment and
//! hands the library a [`LangPref`]; the library adds the plan's `lang`.
//!
//! Each phase words its typed faults in English in one module and in Chinese
//! in a sibling `zh` module with an exhaustive match, so a new fault without
//! its Chinese words does not compile (docs/chinese.md).

use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// `en` or `zh`, as written in `--lang` and the plan's `lang`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language of a locale or environment value: `zh_CN.UTF-8`,
    /// `zh-CN`, `zh` → Chinese; anything else → English.
    pub fn from_locale(value: &str) -> Lang {
        if value.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The first of these environment values that is set and not empty
    /// decides (`PLANC_LANG`, `LC_ALL`, `LC_MESSAGES`, `LANG`, in that
    /// order); none → English.
    pub fn from_env_values<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Lang {
        values
            .into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty())
            .map_or(Lang::En, Lang::from_locale)
    }

    /// The HTML `lang` of a page in this language.
    pub fn html(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Pick the English or the Chinese of a pair of words.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// What the caller knows of the language before the plan is read: a forced
/// choice (`--lang`, an editor's Chinese locale) and the fallback (the
/// environment). The plan's own `lang` lies between the two.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LangPref {
    pub forced: Option<Lang>,
    pub fallback: Lang,
}

impl LangPref {
    pub fn forced(lang: Lang) -> LangPref {
        LangPref {
            forced: Some(lang),
            fallback: lang,
        }
    }

    /// The language for a plan whose `lang` attribute is `plan`.
    pub fn pick(self, plan: Option<Lang>) -> Lang {
        self.forced.or(plan).unwrap_or(self.fallback)
    }
}

/// A cheap look for `lang zh` in a plan's text, for what must speak before
/// the plan is lowered (the command line's own errors about a file it could
/// read). The analysis itself reads the lowered `plan` item.
pub fn scan_plan_lang(text: &str) -> Option<Lang> {
    let mut rest = text;
    while let Some(i) = rest.find("lang") {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + 4..];
        rest = after;
        if before.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let value = after.trim_start_matches([' ', '\t']);
        if value.len() == after.len() {
            continue;
        }
        let word: String = value
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if let Some(lang) = Lang::from_code(&word) {
            return Some(lang);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
        assert_eq!(
            Lang::from_env_values([None, Some(""), Some("zh_CN.UTF-8"), Some("en_US")]),
            Lang::Zh
        );
        assert_eq!(Lang::from_env_values([Some("C"), Some("zh_CN")]), Lang::En);
    }

    #[test]
    fn order() {
        let env_zh = LangPref {
            forced: None,
            fallback: Lang::Zh,
        };
        assert_eq!(env_zh.pick(Some(Lang::En)), Lang::En);
        assert_eq!(env_zh.pick(None), Lang::Zh);
        assert_eq!(LangPref::forced(Lang::En).pick(Some(Lang::Zh)), Lang::En);
    }

    #[test]
    fn scan() {
        assert_eq!(scan_plan_lang("plan \"x\" {\n  lang zh\n}"), Some(Lang::Zh));
        assert_eq!(scan_plan_lang("plan \"language\" { }"), None);
        assert_eq!(scan_plan_lang("metric slang count"), None);
    }
}

/// A state, phase or verdict word of `planc status` (`at_risk`, `running`,
/// `won` …) in `lang`: the glossary's Chinese, or the word itself.
pub fn state_word(word: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return word;
    }
    match word {
        "on_track" => "正常",
        "at_risk" => "有风险",
        "off_track" => "落后",
        "achieved" => "已达成",
        "missed" => "未达成",
        "no_data" => "无数据",
        "held" => "守住",
        "breached" => "失守",
        "not_started" => "未开始",
        "blocked" => "受阻",
        "done" => "已完成",
        "dropped" => "已放弃",
        "upcoming" => "未开始",
        "running" => "进行中",
        "ended" => "已结束",
        "won" => "打赢",
        "lost" => "未达标",
        // A win criterion not yet met nor failed: the outcome is not known
        // yet (not 进行中, the phase word: "赢的标准：进行中" reads as if
        // the criterion itself were running).
        "open" => "未见分晓",
        other => other,
    }
}

/// Chinese words shared by every phase's `zh` module.
pub mod zh {
    use crate::model::{Common, ItemId, Model};
    use crate::syntax::ast::ItemKind;

    /// 目标, 路径, 战役 …: the glossary's word for an item kind.
    pub fn kind(kind: ItemKind) -> &'static str {
        match kind {
            ItemKind::Plan => "计划",
            ItemKind::Positioning => "定位",
            ItemKind::Resource => "资源",
            ItemKind::Metric => "指标",
            ItemKind::Goal => "目标",
            ItemKind::Path => "路径",
            ItemKind::Battle => "战役",
            ItemKind::Tactic => "战术",
            ItemKind::Checkin => "复盘记录",
        }
    }

    /// `战役 `fission`“5000用户裂变增长战役”`.
    pub fn describe(c: &Common, k: ItemKind) -> String {
        match &c.label {
            Some(label) => format!("{} `{}`“{}”", kind(k), c.name(), label),
            None => format!("{} `{}`", kind(k), c.name()),
        }
    }

    /// [`describe`] by id.
    pub fn describe_id(m: &Model, id: ItemId) -> String {
        m.common(id)
            .map_or_else(|| kind(id.kind).to_string(), |c| describe(c, id.kind))
    }

    /// `战术 `x``: kind and name, no label.
    pub fn who(m: &Model, id: ItemId) -> String {
        format!(
            "{} `{}`",
            kind(id.kind),
            m.common(id).map_or("", |c| c.name())
        )
    }

    /// 「a、b 或 c」.
    pub fn one_of(mut items: Vec<String>) -> String {
        items.dedup();
        match items.len() {
            0 => "别的内容".to_string(),
            1 => items.remove(0),
            _ => {
                let last = items.pop().unwrap_or_default();
                format!("{} 或 {}", items.join("、"), last)
            }
        }
    }
}

/// The one-line summary of each diagnostic, in `lang` (`planc explain`'s
/// list, SARIF's rule descriptions). Exhaustive: a new name needs its
/// Chinese here.
pub fn summary(code: crate::Code, lang: Lang) -> &'static str {
    use crate::Code::*;
    if lang == Lang::En {
        return code.summary();
    }
    match code {
        Syntax => "文本读不通（planc 会用白话说明这里应该写什么）",
        InvalidLiteral => {
            "不存在的日期、结束早于开始的时间周期、1–5 以外的评分，或写法不对的数、时长、上限"
        }
        UnknownName => "引用了不存在的名字（或 allow 了不存在的警告）；会提示最接近的名字",
        DuplicateName => "两项重名（或有两段定位）",
        DuplicateAttribute => "同一个块里一个属性写了两次，或一项资源同时写了 capacity 和 total",
        WrongKind => "引用的项种类不对（例如 for 写了一条路径）",
        MissingAttribute => "缺少必填属性：计划没有 period，资源没有 capacity 或 total",
        PlanMissing => "没有 plan，或不止一个",
        GoalWithoutTarget => "目标没有目标值",
        GoalWithoutPath => "没有路径服务这个目标",
        PathWithoutGoal => "路径没有 serves",
        PathWithoutBattle => "主路径上没有战役",
        BattleWithoutPath => "战役没有 on",
        BattleWithoutObjective => "战役没有战役目标",
        BattleWithoutWindow => "战役没有时间周期",
        BattleWithoutTactic => "战役没有战术",
        TacticWithoutBattle => "战术没有 for",
        TacticWithoutWin => "战术没有赢的标准",
        UnitMismatch => "数值的单位和指标或资源不一致、用了第二种货币，或容量不是单纯的数量",
        SplitMismatch => "拆解合计不等于目标值、个数不对，或拆解了百分比目标",
        Overcommitted => "资源超配：某天超出容量，或合计超出总额",
        TacticsExceedBattle => "战役的战术所需资源超过了战役本身，或用了战役没有列出的资源",
        WindowOutsidePeriod => "时间周期（或目标日期）落在计划周期之外",
        WindowOutsideBattle => "战术的时间周期超出了所属战役",
        BattleAfterDeadline => "战役在它推进的目标到期之后才结束",
        AfterViolated => "一项在它必须等待的另一项结束之前就开始了",
        Cycle => "supports 或 after 绕成了圈",
        NotDoViolation => "瞄准了不做清单上的细分市场",
        GoalUndercovered => "承接金额或数量目标的各场战役，战役目标合计补不上差距",
        PathOverCost => "路径上的战役所需资源超出了路径的预计投入",
        TooManyMainPaths => "主路径超过了 limits main_paths",
        TooManyConcurrentBattles => "同一天的战役超过了 limits concurrent_battles",
        MultipleBreakthroughGoals => "关键突破目标不止一个",
        BattleOnCandidatePath => "战役落在不是主路径的备选路径上",
        BattleWithoutReview => "战役没有复盘节奏",
        TacticWithoutOwner => "战术没有负责人",
        UnusedMetric => "没有任何目标值、战役目标、预期回报或赢的标准用到这个指标",
        UnusedResource => "没有谁需要或投入这项资源",
        PositioningIncomplete => "没有定位，或定位缺少 we_are、serve、pain、why_us 之一",
        CriterionCannotFail => "赢的标准取什么值都能满足（>= 0），或战役目标什么也没改变（+0）",
        OwnerOverloaded => {
            "设了 limits owner_load N 时，同一个负责人在同一天负责的战役和战术超过 N 项"
        }
        PartsShort => "金额或数量目标的分解目标加起来不够目标值",
        PartDueLate => "分解目标的期限晚于上级目标",
        IncludeNotFound => "include 里不带 * 的路径找不到文件",
        IncludeOutsidePlan => "引入的文件在计划根文件所在的文件夹之外（按 .. 和符号链接解析之后）",
        FileNotIncluded => "planc check 文件夹时：文件夹里有 .plan 文件没有被任何计划引入",
        ConflictingCheckins => "同一天的两条复盘记录给同一个指标、事项或资源池写了不同的值",
        GoalOffTrack => "目标的进度低于 alerts off_track 设的线",
        GoalMissed => "目标已经到期，最新实际值仍没有达到目标值",
        ReviewOverdue => "进行中的战役定了复盘节奏，但超过一个周期没有复盘记录提到它",
        BattleNotClosed => "战役的时间周期已经结束，最新状态却既不是 done 也不是 dropped",
        Overspent => "资源池最新的已花费超过了总额",
        GuardrailBreached => "底线目标的指标最新实际值越过了底线",
        CheckinInFuture => "复盘记录的日期晚于查看状态的那一天",
    }
}
