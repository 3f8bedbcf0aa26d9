//! Lowering's faults in Chinese: the same facts at the same places as
//! `LowerError::to_diagnostic`, one arm per fault.

use super::LowerError;
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::zh::kind;
use crate::lang::Lang;
use crate::quantity::NumberError;
use crate::span::Span;
use crate::syntax::ast::AttrKey;

impl LowerError {
    pub fn to_diagnostic_in(&self, lang: Lang) -> Diagnostic {
        match lang {
            Lang::En => self.to_diagnostic(),
            Lang::Zh => words(self),
        }
    }
}

fn words(e: &LowerError) -> Diagnostic {
    match e {
        LowerError::DuplicateAttribute { kind: k, key, first, span } => Diagnostic::new(
            Code::DuplicateAttribute,
            *span,
            format!("这个{}里 `{}` 写了两次", kind(*k), key.word()),
        )
        .with_span_label("这里又写了一次")
        .with_label(*first, "第一次写在这里")
        .with_help(format!(
            "只留一行 `{}`：同一个块里每个属性最多出现一次。要写多个值，就在同一行里用逗号隔开。",
            key.word()
        )),
        LowerError::DuplicateLimit { key, first, span } => {
            Diagnostic::new(Code::DuplicateAttribute, *span, format!("`limits` 里 `{key}` 写了两次"))
                .with_span_label("这里又写了一次")
                .with_label(*first, "第一次写在这里")
                .with_help(format!("`{key}` 只留一个值。"))
        }
        LowerError::DuplicateName { name, kind: k, span, first_kind, first } => Diagnostic::new(
            Code::DuplicateName,
            *span,
            format!("名字 `{name}` 已经被一个{}用了", kind(*first_kind)),
        )
        .with_span_label(format!("这个{}又用了它", kind(*k)))
        .with_label(*first, format!("`{name}` 最早在这里用作{}的名字", kind(*first_kind)))
        .with_help("给其中一个换个名字：计划里所有的项共用一套名字，不分种类。"),
        LowerError::MissingAttribute { span, label, .. } => {
            // The two required attributes lowering itself checks, told
            // apart by their label (src/lower.rs).
            let (message, label, help) = if label.contains("period") {
                (
                    "计划没有写 `period`".to_string(),
                    "需要 `period`",
                    "写上计划周期，例如 `period 2026-01-01 .. 2026-12-31`。",
                )
            } else {
                (
                    "资源既没有 `capacity` 也没有 `total`".to_string(),
                    "需要 `capacity` 或 `total`",
                    "写明有多少：人或工位这类同时可用的，写 `{ capacity 12 }`；整个计划期内花掉的预算，写 `{ total ¥120万 }`。",
                )
            };
            Diagnostic::new(Code::MissingAttribute, *span, message)
                .with_span_label(label)
                .with_help(help)
        }
        LowerError::CapacityAndTotal { first, span } => Diagnostic::new(
            Code::DuplicateAttribute,
            *span,
            "一项资源要么写 `capacity`，要么写 `total`，不能两个都写",
        )
        .with_span_label("第二种计量")
        .with_label(*first, "容量写在这里")
        .with_help("`capacity` 用于任何时刻同时可用的（人、工位），`total` 用于整个计划期内花掉的（预算、工时）；两样都要的话，拆成两项资源。"),
        LowerError::TargetAndKeep { first, span } => Diagnostic::new(
            Code::DuplicateAttribute,
            *span,
            "一个目标要么写 `target`，要么写 `keep`，不能两个都写",
        )
        .with_span_label("第二种写法")
        .with_label(*first, "目标值写在这里")
        .with_help("`target` 是到某个日期要达到的数字，`keep` 是整个周期都必须守住的底线（护栏）；两样都要的话，写成两个目标。"),
        LowerError::SplitAndMilestones { first, span } => Diagnostic::new(
            Code::DuplicateAttribute,
            *span,
            "一个目标要么写 `split`，要么写 `milestones`，不能两个都写",
        )
        .with_span_label("第二种拆解")
        .with_label(*first, "拆解写在这里")
        .with_help("`split` 写每个季度（月）为营收这类累计数贡献多少，`milestones` 写门店数这类水平在每个季度（月）末应该到哪儿；两者只留一个。"),
        LowerError::CapacityNotCount { span } => Diagnostic::new(
            Code::UnitMismatch,
            *span,
            "容量是同一时刻的人数、工位数或机器数",
        )
        .with_span_label("不是一个单纯的数量")
        .with_help("容量写成单纯的数量，例如 `capacity 12`；预算请改用 `total ¥120万`。"),
        LowerError::PlanMissing => Diagnostic::new(Code::PlanMissing, Span::new(0, 0), "这个文件里没有 `plan`")
            .with_span_label("计划应该从这里开始")
            .with_help("加一个 plan，写上计划周期，例如：\n  plan \"Acme 2026\" {\n    period 2026-01-01 .. 2026-12-31\n  }"),
        LowerError::ExtraPlan { first, span } => {
            Diagnostic::new(Code::PlanMissing, *span, "这个文件里有不止一个 `plan`")
                .with_span_label("第二个计划")
                .with_label(*first, "计划在这里声明")
                .with_help("一个文件只放一个计划：把两个合并，或者把第二个挪到单独的文件里。")
        }
        LowerError::ExtraPositioning { first, span } => Diagnostic::new(
            Code::DuplicateName,
            *span,
            "这个文件里有不止一个 `positioning`",
        )
        .with_span_label("第二个定位")
        .with_label(*first, "定位在这里声明")
        .with_help("一个计划最多一个定位：把两段合并。"),
        LowerError::BadDate { span, text } => {
            Diagnostic::new(Code::InvalidLiteral, *span, format!("日历上没有 `{text}` 这一天"))
                .with_span_label("没有这一天")
                .with_help(date_help(text))
        }
        LowerError::BackwardsWindow { span, start, end } => {
            Diagnostic::new(Code::InvalidLiteral, *span, format!("这个时间周期的结束日（{end}）早于开始日（{start}）"))
                .with_span_label("结束早于开始")
                .with_help("先写早的日期：`开始 .. 结束`，两头的日子都算在内。")
        }
        LowerError::BadNumber { span, text, error } => {
            let (message, help) = match error {
                NumberError::Underscores => (
                    format!("`{text}` 不是一个写法正确的数"),
                    "`_` 只能写在数字之间用来分组，例如 5_000 或 1_200.5。",
                ),
                NumberError::TooPrecise => (
                    format!("`{text}` 的小数位超过了 planc 保留的精度"),
                    "planc 把金额保留到单位的小数点后六位；请把这个数取整。",
                ),
                NumberError::TooLarge => (
                    format!("`{text}` 大得超出了任何计划的需要"),
                    "金额上限是 10^18；检查一下这个数和它的量级（k、M、万、亿）。",
                ),
            };
            Diagnostic::new(Code::InvalidLiteral, *span, message)
                .with_span_label("数的写法不对")
                .with_help(help)
        }
        LowerError::BadScore { span, text } => {
            Diagnostic::new(Code::InvalidLiteral, *span, format!("护城河的评分是 1 到 5，不能是 {text}"))
                .with_span_label("不在 1–5 之间")
                .with_help("每项优势打 1 到 5 分：1 是很弱，5 是别人很难复制。")
        }
        LowerError::BadLimit { span, text } => {
            Diagnostic::new(Code::InvalidLiteral, *span, format!("上限是不小于 1 的整数，不能是 {text}"))
                .with_span_label("不是有效的上限")
                .with_help("写明最多几个，例如 `limits main_paths 2, concurrent_battles 3`。")
        }
        LowerError::BadDuration { span, text } => {
            Diagnostic::new(Code::InvalidLiteral, *span, format!("`{text}` 不是可用的时长"))
                .with_span_label("不是时长")
                .with_help("时长是 1 到 100000 的整数加一个单位，例如 2w、45d、6mo、1q 或 1y。")
        }
        LowerError::BadCharEscape { span } => {
            Diagnostic::new(Code::InvalidLiteral, *span, "这个转义不对应任何字符")
                .with_span_label("不是一个字符")
                .with_help("`\\u{…}` 里写真实字符的十六进制编码（最大 10FFFF，不能是 D800–DFFF），例如 `\\u{4E07}` 就是“万”。")
        }
        LowerError::ConflictingCheckins { date, key, name, span, text, first, first_text } => {
            let what = match key {
                AttrKey::Status => "状态",
                AttrKey::Spent => "花费",
                _ => "数值",
            };
            Diagnostic::new(
                Code::ConflictingCheckins,
                *span,
                format!("{date} 的复盘记录给 `{name}` 写了两个不同的{what}：`{first_text}` 和 `{text}`"),
            )
            .with_span_label(format!("`{key}` {name} {text}", key = key.word()))
            .with_label(*first, format!("同一天的 `{}` {name} {first_text}", key.word()))
            .with_help(format!(
                "同一天 `{name}` 只能有一个{what}：留下对的那条，删掉另一条；如果是后来又复盘了一次，就写上那次复盘真正的日期。"
            ))
        }
        LowerError::CheckinOutsidePeriod { span, date, period, period_span } => Diagnostic::new(
            Code::WindowOutsidePeriod,
            *span,
            format!("这条复盘记录的日期是 {date}，在计划周期 {period} 之外"),
        )
        .with_span_label("在计划周期之外")
        .with_label(*period_span, "计划周期")
        .with_help("把复盘记录的日期写成复盘当天（在计划周期之内），或者放宽计划的 `period`。"),
        LowerError::UnknownAllow { span, name, suggestion } => {
            Diagnostic::new(Code::UnknownName, *span, format!("`{name}` 不是诊断的名字"))
                .with_span_label("没有这个诊断")
                .with_help(match suggestion {
                    Some(s) => format!("你是不是想写 `{s}`？`planc explain` 会列出所有诊断。"),
                    None => "按诊断表里的写法填一个警告的名字，例如 `goal-undercovered`；`planc explain` 会列出所有诊断。".to_string(),
                })
        }
        LowerError::AllowError { span, code } => {
            Diagnostic::new(Code::UnknownName, *span, format!("`{}` 是错误，只有警告才能忽略", code.name()))
                .with_span_label("是错误，不是警告")
                .with_help(format!("把 `{}` 报的问题改掉；`planc explain {}` 会告诉你怎么改。", code.name(), code.name()))
        }
    }
}

fn date_help(text: &str) -> String {
    let parts: Vec<u32> = text.split('-').filter_map(|p| p.parse().ok()).collect();
    if let [y, m, _] = parts[..] {
        if y == 0 {
            return "年份从 0001 到 9999；日期按年-月-日写，例如 2026-04-01。".to_string();
        }
        if (1..=12).contains(&m) {
            let last = crate::date::days_in_month(y as i32, m);
            return format!("{y:04}-{m:02} 只有 {last} 天；请在 01 到 {last} 之间选一天。");
        }
        return "月份从 01 到 12；日期按年-月-日写，例如 2026-04-01。".to_string();
    }
    "日期按年-月-日写，例如 2026-04-01。".to_string()
}
