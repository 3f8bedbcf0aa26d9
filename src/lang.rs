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
