//! What name resolution and unit checking find wrong.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::RefAttr;
use crate::quantity::{Currency, UnitKind};
use crate::span::Span;
use crate::syntax::ast::ItemKind;

mod zh;

#[derive(Clone, Debug, PartialEq)]
pub enum ResolveError {
    /// `attr.expects` says what kind of item it should name.
    UnknownName {
        span: Span,
        name: crate::Text,
        attr: &'static RefAttr,
        suggestion: Option<String>,
    },
    WrongKind {
        span: Span,
        name: crate::Text,
        attr: &'static RefAttr,
        found: ItemKind,
        defined: Span,
        suggestion: Option<String>,
    },
    /// `spent` naming a capacity pool: only a total pool is used up.
    NotATotalPool {
        span: Span,
        name: crate::Text,
        defined: Span,
    },
    MetricUnit {
        span: Span,
        text: crate::Text,
        found: UnitKind,
        metric: crate::Text,
        unit: UnitKind,
        defined: Span,
    },
    ResourceUnit {
        span: Span,
        text: crate::Text,
        found: UnitKind,
        resource: crate::Text,
        unit: UnitKind,
        defined: Span,
    },
    SecondCurrency {
        span: Span,
        text: crate::Text,
        first: Currency,
        first_span: Span,
    },
}

impl ResolveError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            ResolveError::UnknownName {
                span,
                name,
                attr,
                suggestion,
            } => {
                let kind = keywords(attr.expects);
                let first = attr.expects.first().map_or("item", |k| k.keyword());
                Diagnostic::new(
                    Code::UnknownName,
                    *span,
                    format!("there is no {kind} named `{name}`"),
                )
                .with_span_label(format!("unknown {kind}"))
                .with_help(match suggestion {
                    Some(s) => format!("Did you mean `{s}`?"),
                    None => format!("Check the spelling, or declare it: `{first} {name} …`."),
                })
            }
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
                    "`{name}` is {}, but {} needs {}",
                    found.a(),
                    attr.via(),
                    a(attr.expects)
                ),
            )
            .with_span_label(format!("not {}", a(attr.expects)))
            .with_label(
                *defined,
                format!("`{name}` is declared here as {}", found.a()),
            )
            .with_help(match suggestion {
                Some(s) => format!("Did you mean the {} `{s}`?", keywords(attr.expects)),
                None => format!("Name {} here.", a(attr.expects)),
            }),
            ResolveError::NotATotalPool {
                span,
                name,
                defined,
            } => Diagnostic::new(
                Code::WrongKind,
                *span,
                format!("`{name}` is a capacity pool, but `spent` needs a pool with a `total`"),
            )
            .with_span_label("not a total pool")
            .with_label(*defined, format!("`{name}` is declared here with a `capacity`"))
            .with_help("`spent` says how much of a budget (a `total`) is used up so far; people and desks are not used up, so leave them out of the check-in."),
            ResolveError::MetricUnit {
                span,
                text,
                found,
                metric,
                unit,
                defined,
            } => Diagnostic::new(
                Code::UnitMismatch,
                *span,
                format!(
                    "`{text}` is {}, but the metric `{metric}` is measured in {}",
                    a_unit(*found),
                    unit.word()
                ),
            )
            .with_span_label(format!("{} amount", found.word()))
            .with_label(*defined, format!("`{metric}` is a {} metric", unit.word()))
            .with_help(format!(
                "Write {} here, or change the metric's unit.",
                unit.example()
            )),
            ResolveError::ResourceUnit {
                span,
                text,
                found,
                resource,
                unit,
                defined,
            } => Diagnostic::new(
                Code::UnitMismatch,
                *span,
                format!(
                    "`{text}` is {}, but the resource `{resource}` is measured in {}",
                    a_unit(*found),
                    unit.word()
                ),
            )
            .with_span_label(format!("{} amount", found.word()))
            .with_label(*defined, format!("`{resource}` is measured here"))
            .with_help(format!(
                "Write {} here, as the resource is.",
                unit.example()
            )),
            ResolveError::SecondCurrency {
                span,
                text,
                first,
                first_span,
            } => Diagnostic::new(
                Code::UnitMismatch,
                *span,
                format!(
                    "`{text}` is in a second currency; this plan counts money in {}",
                    first.code()
                ),
            )
            .with_span_label("another currency")
            .with_label(
                *first_span,
                format!("the plan's first amount is in {}", first.code()),
            )
            .with_help(format!(
                "One plan uses one currency: convert this amount to {} and write it with `{}`.",
                first.code(),
                first.sign()
            )),
        }
    }
}

/// "battle", "battle or tactic".
fn keywords(kinds: &[ItemKind]) -> String {
    let words: Vec<&str> = kinds.iter().map(|k| k.keyword()).collect();
    words.join(" or ")
}

/// "a battle", "a battle or a tactic".
fn a(kinds: &[ItemKind]) -> String {
    let words: Vec<&str> = kinds.iter().map(|k| k.a()).collect();
    words.join(" or ")
}

fn a_unit(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Money => "money",
        UnitKind::Count => "a count",
        UnitKind::Percent => "a percent",
    }
}
