//! The whole pipeline on one source text: parse → lower → resolve → check.

use crate::diagnostic::{self, Code, Diagnostic, Origin};
use crate::lang::LangPref;
use crate::model::Model;
use crate::syntax::ast::File;

/// Everything planc knows about one plan. The syntax tree is not kept: items
/// are lowered as they are parsed, so a large plan never has both in memory
/// (`syntax::parse` gives the tree to those who need it, like `planc fmt`).
pub struct Analysis {
    pub model: Model,
    /// Sorted by place; `allow`ed warnings removed.
    pub diagnostics: Vec<Diagnostic>,
    /// The language the diagnostics are worded in, and every view of this
    /// plan should speak (`LangPref::pick` with the plan's `lang`).
    pub lang: crate::lang::Lang,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why a name cannot be allowed (`plan { allow … }`, `--allow`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllowRefused {
    /// No diagnostic has this name; the closest warning's name, if any is close.
    Unknown { suggestion: Option<&'static str> },
    /// An error: only warnings can be silenced.
    NotAWarning(Code),
}

/// The one reading of a diagnostic name given to `allow` or `--allow`: the
/// warning it names, or why it cannot be silenced.
pub fn allow_name(name: &str) -> Result<Code, AllowRefused> {
    match Code::from_name(name) {
        Some(code) if code.severity() == crate::Severity::Warning => Ok(code),
        Some(code) => Err(AllowRefused::NotAWarning(code)),
        None => {
            let warnings = Code::ALL
                .iter()
                .filter(|c| c.severity() == crate::Severity::Warning)
                .map(|c| c.name());
            Err(AllowRefused::Unknown {
                suggestion: crate::suggest::closest(name, warnings),
            })
        }
    }
}

/// Run every phase. `allow` adds to the plan's own `allow` list. Words in
/// the plan's own `lang`, else English.
pub fn analyze(text: &str, allow: &[Code]) -> Analysis {
    analyze_in(text, allow, LangPref::default())
}

/// Run every phase, worded in the language `pref` picks for this plan.
pub fn analyze_in(text: &str, allow: &[Code], pref: LangPref) -> Analysis {
    let mut lowerer = crate::lower::Lowerer::new();
    let (broken, syntax_errors) = crate::syntax::parse_each(text, |item| lowerer.item(&item));
    let (model, lower_errors) = lowerer.finish(broken);
    complete(model, text, &syntax_errors, &lower_errors, allow, pref)
}

/// Every phase after the parse, on a syntax tree built elsewhere (the
/// language server parses only the items that changed).
pub fn analyze_parsed(
    file: File,
    text: &str,
    syntax_errors: &[crate::syntax::SyntaxError],
    allow: &[Code],
    pref: LangPref,
) -> Analysis {
    let (model, lower_errors) = crate::lower::lower(&file);
    complete(model, text, syntax_errors, &lower_errors, allow, pref)
}

/// Resolve and check a lowered model, and gather every diagnostic.
fn complete(
    mut model: Model,
    text: &str,
    syntax_errors: &[crate::syntax::SyntaxError],
    lower_errors: &[crate::lower::LowerError],
    allow: &[Code],
    pref: LangPref,
) -> Analysis {
    // The plan's `lang` is known once its item is lowered; syntax errors
    // are typed, so they are worded here, after it, like the rest.
    let lang = pref.pick(model.plan.as_ref().and_then(|p| p.lang));
    let resolve_errors = crate::resolve::resolve(&mut model);
    let mut diagnostics: Vec<Diagnostic> = syntax_errors
        .iter()
        .map(|e| e.to_diagnostic_in(lang))
        .collect();
    diagnostics.extend(lower_errors.iter().map(|e| e.to_diagnostic_in(lang)));
    let findings = crate::check::check(&model, text, &resolve_errors);
    diagnostics.extend(resolve_errors.into_iter().map(|e| {
        let d = e.to_diagnostic_in(lang);
        d.with_origin(Origin::Resolve(Box::new(e)))
    }));
    diagnostics.extend(
        findings
            .into_iter()
            .map(|f| f.into_diagnostic_in(&model, lang)),
    );
    let allowed: Vec<Code> = model
        .plan
        .iter()
        .flat_map(|p| p.allow.iter().map(|(c, _)| *c))
        .chain(allow.iter().copied())
        .collect();
    // `allow` on a goal, path, battle or tactic: warnings whose primary
    // place lies in that item. Items do not overlap; sorted by start, the
    // item holding a place is found by a binary search.
    let mut items: Vec<(crate::span::Span, &[Code])> = model
        .goals
        .iter()
        .map(|g| &g.common)
        .chain(model.paths.iter().map(|p| &p.common))
        .chain(model.battles.iter().map(|b| &b.common))
        .chain(model.tactics.iter().map(|t| &t.common))
        .filter(|c| !c.allow.is_empty())
        .map(|c| (c.span, c.allow.as_slice()))
        .collect();
    items.sort_unstable_by_key(|(span, _)| span.start);
    let allowed_here = |d: &Diagnostic| {
        let at = d.span.start;
        let i = items.partition_point(|(span, _)| span.start <= at);
        i > 0 && {
            let (span, codes) = items[i - 1];
            at < span.end && codes.contains(&d.code)
        }
    };
    diagnostics.retain(|d| d.is_error() || !(allowed.contains(&d.code) || allowed_here(d)));
    diagnostic::sort(&mut diagnostics);
    Analysis {
        model,
        diagnostics,
        lang,
    }
}
