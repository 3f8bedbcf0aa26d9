//! Resolution's faults in Chinese: the same facts at the same places as
//! `ResolveError::to_diagnostic`, one arm per fault.

use super::ResolveError;
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::zh::kind;
use crate::lang::Lang;
use crate::model::RefAttr;
use crate::quantity::UnitKind;
use crate::syntax::ast::ItemKind;

impl ResolveError {
    pub fn to_diagnostic_in(&self, lang: Lang) -> Diagnostic {
        match lang {
            Lang::En => self.to_diagnostic(),
            Lang::Zh => words(self),
        }
    }
}

/// 「战役」「战役或战术」.
fn kinds(kinds: &[ItemKind]) -> String {
    let words: Vec<&str> = kinds.iter().map(|&k| kind(k)).collect();
    words.join("或")
}

/// 「金额」「数量」「百分比」.
fn unit(u: UnitKind) -> &'static str {
    match u {
        UnitKind::Money => "金额",
        UnitKind::Count => "数量",
        UnitKind::Percent => "百分比",
    }
}

fn example(u: UnitKind) -> &'static str {
    match u {
        UnitKind::Money => "金额，例如 ¥2000万 或 $1.5M",
        UnitKind::Count => "单纯的数量，例如 5000",
        UnitKind::Percent => "百分比，例如 40%",
    }
}

/// 「`for`」「战术的 `after`」: where a reference is written.
fn via(attr: &RefAttr) -> String {
    let shared = crate::model::TABLE
        .iter()
        .any(|a| a.key == attr.key && a.expects != attr.expects);
    if shared {
        format!("{}的 `{}`", kind(attr.from), attr.key.word())
    } else {
        format!("`{}`", attr.key.word())
    }
}

fn words(e: &ResolveError) -> Diagnostic {
    match e {
        ResolveError::UnknownName {
            span,
            name,
            attr,
            suggestion,
        } => {
            let k = kinds(attr.expects);
            let first = attr.expects.first().map_or("item", |k| k.keyword());
            Diagnostic::new(Code::UnknownName, *span, format!("没有名叫 `{name}` 的{k}"))
                .with_span_label(format!("找不到这个{k}"))
                .with_help(match suggestion {
                    Some(s) => format!("你是不是想写 `{s}`？"),
                    None => format!("检查一下拼写，或者先声明它：`{first} {name} …`。"),
                })
        }
        ResolveError::NotATotalPool {
            span,
            name,
            defined,
        } => Diagnostic::new(
            Code::WrongKind,
            *span,
            format!("`{name}` 是按容量算的资源池，`spent` 只能写有 `total`（总额）的资源池"),
        )
        .with_span_label("不是总额资源池")
        .with_label(*defined, format!("`{name}` 在这里用 `capacity` 声明"))
        .with_help("`spent` 记的是一笔预算（`total`）到目前花掉了多少；人手、工位这类容量不会被花掉，复盘记录里不用写。"),
        ResolveError::WrongKind {
            span,
            name,
            attr,
            found,
            defined,
            suggestion,
        } => Diagnostic::new(
            Code::WrongKind,
            *span,
            format!(
                "`{name}` 是{}，但{}要的是{}",
                kind(*found),
                via(attr),
                kinds(attr.expects)
            ),
        )
        .with_span_label(format!("不是{}", kinds(attr.expects)))
        .with_label(*defined, format!("`{name}` 在这里声明为{}", kind(*found)))
        .with_help(match suggestion {
            Some(s) => format!("你是不是想写{} `{s}`？", kinds(attr.expects)),
            None => format!("这里要写一个{}的名字。", kinds(attr.expects)),
        }),
        ResolveError::MetricUnit {
            span,
            text,
            found,
            metric,
            unit: u,
            defined,
        } => Diagnostic::new(
            Code::UnitMismatch,
            *span,
            format!(
                "`{text}` 是{}，但指标 `{metric}` 的单位是{}",
                unit(*found),
                unit(*u)
            ),
        )
        .with_span_label(format!("{}数", unit(*found)))
        .with_label(*defined, format!("`{metric}` 是{}指标", unit(*u)))
        .with_help(format!("这里写{}；或者改指标的单位。", example(*u))),
        ResolveError::ResourceUnit {
            span,
            text,
            found,
            resource,
            unit: u,
            defined,
        } => Diagnostic::new(
            Code::UnitMismatch,
            *span,
            format!(
                "`{text}` 是{}，但资源 `{resource}` 的单位是{}",
                unit(*found),
                unit(*u)
            ),
        )
        .with_span_label(format!("{}数", unit(*found)))
        .with_label(*defined, format!("`{resource}` 在这里定了计量方式"))
        .with_help(format!("这里写{}，和资源保持一致。", example(*u))),
        ResolveError::SecondCurrency {
            span,
            text,
            first,
            first_span,
        } => Diagnostic::new(
            Code::UnitMismatch,
            *span,
            format!(
                "`{text}` 用了第二种货币；这个计划的金额都按 {} 计",
                first.code()
            ),
        )
        .with_span_label("另一种货币")
        .with_label(
            *first_span,
            format!("计划里第一个金额用的是 {}", first.code()),
        )
        .with_help(format!(
            "一个计划只用一种货币：把这个金额换算成 {}，用 `{}` 来写。",
            first.code(),
            first.sign()
        )),
    }
}
