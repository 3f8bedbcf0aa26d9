//! Syntax errors in Chinese: the same facts at the same places as
//! `SyntaxError::to_diagnostic`, with the grammar's rules in Chinese words
//! (as `expected.rs` says them in English).

use super::super::ast::{AttrKey, ItemKind};
use super::super::expected::attrs_rule_kind;
use super::super::parser::Rule;
use super::SyntaxError;
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::zh::{kind, one_of};
use crate::lang::Lang;

impl SyntaxError {
    pub fn to_diagnostic_in(&self, lang: Lang) -> Diagnostic {
        match lang {
            Lang::En => self.to_diagnostic(),
            Lang::Zh => words(self),
        }
    }
}

/// "serves、main、cost …".
fn attribute_list(k: ItemKind) -> String {
    AttrKey::of(k)
        .iter()
        .map(|k| k.word())
        .collect::<Vec<_>>()
        .join("、")
}

/// A rule in words, as `expected::describe` says it in English.
fn describe(rule: Rule) -> Option<String> {
    let text = match rule {
        Rule::ident => "一个名字，例如 `revenue_2026` 或 `营收`",
        Rule::diag_name => "一个警告的名字，例如 `goal-undercovered`",
        Rule::string | Rule::strings => "一段加双引号的文字，例如 \"县域中小餐饮门店\"",
        Rule::number => "一个数，例如 5000、1.5 或 2000万",
        Rule::quantity => "一个数值，例如 ¥2000万、40% 或 5000",
        Rule::duration => "一个时长，例如 2w、45d、6mo、1q 或 1y",
        Rule::date => "一个日期，例如 2026-04-01",
        Rule::window => "一个时间周期，例如 2026-04-01 .. 2026-05-15",
        Rule::range_dots => "两个日期之间的 `..`",
        Rule::comparison => "一个比较符：>=、>、<=、< 或 =",
        Rule::open_brace => "`{`",
        Rule::close_brace => "`}`",
        Rule::comma => "`,`",
        Rule::names => "一个名字，或用逗号隔开的几个名字",
        Rule::amounts | Rule::amount => "名字加数值，例如 `budget ¥15万`",
        Rule::scores | Rule::score => "一项优势加 1 到 5 的评分，例如 `product 4`",
        Rule::limit | Rule::limit_key => "`main_paths N`、`concurrent_battles N` 或 `owner_load N`",
        Rule::alert | Rule::alert_key | Rule::alert_pct => "`at_risk 95%` 或 `off_track 80%`",
        Rule::question_key => "`we_are`、`serve`、`pain` 或 `why_us`",
        Rule::metric_unit => "一个单位：`money`、`count` 或 `percent`",
        Rule::perspective => "一个层面：`financial`、`customer`、`process` 或 `learning`",
        Rule::split_mode => "`quarterly` 或 `monthly`",
        Rule::lang_code => "一种语言：`en` 或 `zh`",
        Rule::tactic_kind => {
            "一种战术类型：`acquisition`、`product`、`conversion`、`retention` 或 `organization`"
        }
        Rule::kw_by => "`by` 和日期",
        Rule::kw_every => "`every` 和时长，例如 `every 2w`",
        Rule::EOI => "文件结尾",
        Rule::plan_item
        | Rule::positioning_item
        | Rule::resource_item
        | Rule::metric_item
        | Rule::goal_item
        | Rule::path_item
        | Rule::battle_item
        | Rule::tactic_item
        | Rule::kw_plan
        | Rule::kw_positioning
        | Rule::kw_resource
        | Rule::kw_metric
        | Rule::kw_goal
        | Rule::kw_path
        | Rule::kw_battle
        | Rule::kw_tactic
        | Rule::item_alone
        | Rule::file => "一项：plan、positioning、resource、metric、goal、path、battle 或 tactic",
        _ => {
            if let Some(k) = attrs_rule_kind(rule) {
                return Some(format!(
                    "{}的属性（{}），或用 `}}` 结束",
                    kind(k),
                    attribute_list(k)
                ));
            }
            let name = format!("{rule:?}");
            if let Some(word) = name.strip_prefix("kw_") {
                return Some(format!("`{word}`"));
            }
            return None;
        }
    };
    Some(text.to_string())
}

fn help_for(rule: Rule) -> Option<&'static str> {
    // Only the rules the English has a help line for.
    super::help_for(rule)?;
    Some(match rule {
        Rule::date | Rule::window | Rule::range_dots => "日期按年-月-日写，四位、两位、两位，例如 2026-04-01；时间周期是用 `..` 连起来的两个日期。",
        Rule::quantity | Rule::number => "数值是一个数，后面可以带量级（k、M、万、亿）：金额先写货币符号（¥2000万、$1.5M），百分比带 %（40%），数量直接写数（5000）。",
        Rule::duration => "时长是一个整数加单位：d（天）、w（周）、mo（月）、q（季度）或 y（年），例如 2w。",
        Rule::ident => "名字以汉字、字母或 `_` 开头，后面跟汉字、字母、数字或 `_`；项的关键字（plan、goal、path……）不能当名字。",
        Rule::string => "把文字放在同一行的双引号里，例如 \"县域中小餐饮门店\"。",
        Rule::comparison => "赢的标准由指标、比较符和数值组成，例如 `win referrals >= 1500`。",
        Rule::open_brace => "项的属性写在名字和标签后面的 `{` 和 `}` 之间。",
        Rule::metric_unit => "指标的写法是 `metric 名字 \"标签\" 单位`，单位是 money、count 或 percent 之一。",
        Rule::kw_by => "目标值的写法是 `target 指标 数值 by 日期`，例如 `target revenue ¥2000万 by 2026-12-31`。",
        Rule::kw_every => "复盘节奏的写法是 `review every 2w`。",
        _ => "每一项都以八个关键字之一开头：plan、positioning、resource、metric、goal、path、battle 或 tactic。",
    })
}

/// What was found, as `token_at` named it in English.
fn found(english: &str) -> String {
    if english.starts_with('`') {
        return english.to_string();
    }
    match english {
        "the end of the file" => "文件结尾".to_string(),
        "the end of the line" => "行尾".to_string(),
        "a NUL byte" => "一个 NUL 字节".to_string(),
        other => match other.strip_prefix("the control character ") {
            Some(code) => format!("控制字符 {code}"),
            None => other.to_string(),
        },
    }
}

fn words(e: &SyntaxError) -> Diagnostic {
    let d = Diagnostic::new(Code::Syntax, e.span(), "");
    match e {
        SyntaxError::Expected { found: f, rules, .. } => {
            let mut rules = rules.clone();
            if rules.iter().any(|&r| attrs_rule_kind(r).is_some()) {
                rules.retain(|&r| r != Rule::close_brace);
            }
            let mut expected: Vec<String> = rules.iter().filter_map(|&r| describe(r)).collect();
            expected.sort();
            expected.dedup();
            let expected = one_of(expected);
            let help = rules.iter().find_map(|&r| help_for(r));
            Diagnostic { message: format!("这里应该是{expected}，却写了{}", found(f)), ..d }
                .with_span_label(format!("应该是{expected}"))
                .with_help(help.unwrap_or("改一下这里的写法；docs/language.md 列出了 planc 能读懂的所有写法，`planc explain syntax` 里有例子。"))
        }
        SyntaxError::UnknownAttribute { kind: k, word, suggestion, belongs_to, .. } => {
            let mut d = Diagnostic { message: format!("`{word}` 不是{}的属性", kind(*k)), ..d }
                .with_span_label("不认识的属性");
            d.help = match (suggestion, belongs_to.first()) {
                (Some(s), _) => format!("你是不是想写 `{s}`？{}可用的属性有：{}。", kind(*k), attribute_list(*k)),
                (None, Some(other)) => format!(
                    "`{word}` 属于{}，不属于{}。{}可用的属性有：{}。",
                    kind(*other),
                    kind(*k),
                    kind(*k),
                    attribute_list(*k)
                ),
                (None, None) => format!("{}可用的属性有：{}。", kind(*k), attribute_list(*k)),
            };
            d
        }
        SyntaxError::Unclosed { kind: k, next, opened, .. } => Diagnostic {
            message: format!("这个{}没有闭合：在 `{next}` 之前缺少 `}}`", kind(*k)),
            ..d
        }
        .with_span_label("下一项从这里开始")
        .with_label(*opened, format!("这个{}从这里开始", kind(*k)))
        .with_help(format!("在这个{}的末尾、下一项之前补上 `}}`。", kind(*k))),
        SyntaxError::UnclosedString { close, .. } => Diagnostic { message: format!("这段文字缺少结尾的 `{close}`"), ..d }
            .with_span_label("文字从这里开始")
            .with_help(format!("在同一行用 `{close}` 结束这段文字；文字不能跨行，换行请写 `\\n`。")),
        SyntaxError::BadEscape { escape, .. } => Diagnostic { message: format!("`{escape}` 不是 planc 认识的转义"), ..d }
            .with_span_label("不认识的转义")
            .with_help("在文字里，引号写 `\\\"`，反斜杠写 `\\\\`，换行写 `\\n`，制表符写 `\\t`，任意字符写 `\\u{4E07}`。"),
        SyntaxError::UnclosedComment { .. } => Diagnostic { message: "这段注释没有结束".into(), ..d }
            .with_span_label("注释从这里开始")
            .with_help("用 `*/` 结束注释；或者用 `//`，注释到行尾为止。"),
        SyntaxError::Unreadable { .. } => Diagnostic { message: "这段文字读不成任何一项".into(), ..d }
            .with_span_label("不是一项")
            .with_help("每一项都以 plan、positioning、resource、metric、goal、path、battle 或 tactic 开头。"),
        SyntaxError::WindowDash { dash, example, .. } => Diagnostic {
            message: format!("时间周期的两个日期要用 `..` 连接，不能用 `{dash}`"),
            ..d
        }
        .with_span_label("这里写 `..`")
        .with_help(format!("时间周期写成 `a .. b`，两头的日子都算在内：`{example}`。")),
        SyntaxError::GroupedNumber { written, suggestions, .. } => Diagnostic {
            message: format!("planc 读不懂 `{written}` 这个数：逗号是用来分隔列表里各项的"),
            ..d
        }
        .with_span_label("数字里有逗号")
        .with_help(format!(
            "写成 {}：数字分组用 `_`，或者用量级（k、M、万、亿）。",
            one_of(suggestions.iter().map(|s| format!("`{s}`")).collect())
        )),
        SyntaxError::DigitName { written, suggestion, defines, .. } => {
            let d = Diagnostic { message: format!("`{written}` 不能当名字：名字不能以数字开头"), ..d }
                .with_span_label("以数字开头");
            if *defines {
                d.with_help(format!(
                    "试试 `{suggestion}`，计划里其他引用它的地方也照这样写；引号里的标签仍然可以写“{written}”，例如 `{suggestion} \"{written}\"`。"
                ))
            } else {
                d.with_help(format!("用名字来引用这一项（名字不能以数字开头），例如 `{suggestion}`。"))
            }
        }
        SyntaxError::Colon { colon, attr, example, .. } => {
            let d = Diagnostic { ..d }.with_span_label(format!("删掉 `{colon}`"));
            match (attr, example) {
                (Some(attr), example) => Diagnostic {
                    message: format!("`{attr}` 后面不加 `{colon}`：空一格直接写值"),
                    ..d
                }
                .with_help(match example {
                    Some(example) => format!("写成 `{example}`。"),
                    None => format!("写成 `{attr}`、一个空格，再写值，例如 `owner \"张三\"`。"),
                }),
                (None, _) => Diagnostic { message: format!("planc 不用 `{colon}`"), ..d }
                    .with_help("各部分之间用空格隔开：把冒号删掉。"),
            }
        }
        SyntaxError::BareYuan { written, suggestion, .. } => Diagnostic {
            message: format!("`{written}` 写了“元”却没有 `¥`：planc 靠货币符号识别金额"),
            ..d
        }
        .with_span_label("以元计的金额")
        .with_help(format!("写成 `{suggestion}`：金额是货币符号加数字，后面可以跟“元”（`{suggestion}元`）。")),
    }
}
