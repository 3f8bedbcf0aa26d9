//! What name resolution and unit checking find wrong.

use crate::diagnostic::{Code, Diagnostic};
use crate::quantity::{Currency, UnitKind};
use crate::span::Span;
use crate::syntax::ast::ItemKind;

#[derive(Clone, Debug, PartialEq)]
pub enum ResolveError {
    UnknownName {
        span: Span,
        name: String,
        expected: ItemKind,
        suggestion: Option<String>,
    },
    WrongKind {
        span: Span,
        name: String,
        via: &'static str,
        expected: ItemKind,
        found: ItemKind,
        defined: Span,
        suggestion: Option<String>,
    },
    MetricUnit {
        span: Span,
        text: String,
        found: UnitKind,
        metric: String,
        unit: UnitKind,
        defined: Span,
    },
    ResourceUnit {
        span: Span,
        text: String,
        found: UnitKind,
        resource: String,
        unit: UnitKind,
        defined: Span,
    },
    SecondCurrency {
        span: Span,
        text: String,
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
                expected,
                suggestion,
            } => {
                let kind = expected.keyword();
                Diagnostic::new(
                    Code::UnknownName,
                    *span,
                    format!("there is no {kind} named `{name}`"),
                )
                .with_span_label(format!("unknown {kind}"))
                .with_help(match suggestion {
                    Some(s) => format!("Did you mean `{s}`?"),
                    None => format!("Check the spelling, or declare it: `{kind} {name} …`."),
                })
            }
            ResolveError::WrongKind {
                span,
                name,
                via,
                expected,
                found,
                defined,
                suggestion,
            } => Diagnostic::new(
                Code::WrongKind,
                *span,
                format!(
                    "`{name}` is {}, but {via} needs {}",
                    found.a(),
                    expected.a()
                ),
            )
            .with_span_label(format!("not {}", expected.a()))
            .with_label(
                *defined,
                format!("`{name}` is declared here as {}", found.a()),
            )
            .with_help(match suggestion {
                Some(s) => format!("Did you mean the {} `{s}`?", expected.keyword()),
                None => format!("Name {} here.", expected.a()),
            }),
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

fn a_unit(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Money => "money",
        UnitKind::Count => "a count",
        UnitKind::Percent => "a percent",
    }
}
