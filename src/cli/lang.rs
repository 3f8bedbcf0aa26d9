//! The language of this run: `--lang`, else the environment (`PLANC_LANG`,
//! `LC_ALL`, `LC_MESSAGES`, `LANG`). The plan's own `lang` lies between the
//! two and is added by the library once the plan is read
//! (`LangPref::pick`). Read once, before the arguments are parsed, so that
//! clap's own help and errors can speak it too.

use planc::lang::{Lang, LangPref};
use std::sync::OnceLock;

static PREF: OnceLock<LangPref> = OnceLock::new();

/// The environment's language.
fn from_env() -> Lang {
    let vars = ["PLANC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"].map(|k| std::env::var(k).ok());
    Lang::from_env_values(vars.iter().map(|v| v.as_deref()))
}

/// `--lang X` or `--lang=X` among the raw arguments (before clap reads them:
/// its help and its errors are worded before it returns).
fn from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = it.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            return it.next().and_then(Lang::from_code);
        }
        if let Some(code) = arg.strip_prefix("--lang=") {
            return Lang::from_code(code);
        }
    }
    None
}

/// Decide the run's preference once, from the raw arguments and the
/// environment.
pub(super) fn init(args: &[std::ffi::OsString]) -> LangPref {
    *PREF.get_or_init(|| LangPref {
        forced: from_args(args),
        fallback: from_env(),
    })
}

/// The run's preference (English when `init` was not called, as in tests).
pub(super) fn pref() -> LangPref {
    PREF.get().copied().unwrap_or_default()
}

/// The language for planc's own words when no plan is read (or it could
/// not be): `--lang`, else the environment.
pub(super) fn own() -> Lang {
    pref().pick(None)
}

/// The language for words about a plan whose text is `text`: its `lang`
/// comes between `--lang` and the environment.
pub(super) fn for_text(text: &str) -> Lang {
    pref().pick(planc::lang::scan_plan_lang(text))
}

/// English or Chinese words, as the run speaks.
pub(super) fn say(en: impl Into<String>, zh: impl Into<String>) -> String {
    match own() {
        Lang::En => en.into(),
        Lang::Zh => zh.into(),
    }
}
