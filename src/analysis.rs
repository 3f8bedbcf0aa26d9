//! The whole pipeline on one source text: parse → lower → resolve → check.

use crate::diagnostic::{self, Code, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::File;

/// Everything planc knows about one plan. The syntax tree is not kept: items
/// are lowered as they are parsed, so a large plan never has both in memory
/// (`syntax::parse` gives the tree to those who need it, like `planc fmt`).
pub struct Analysis {
    pub model: Model,
    /// Sorted by place; `allow`ed warnings removed.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Run every phase. `allow` adds to the plan's own `allow` list.
pub fn analyze(text: &str, allow: &[Code]) -> Analysis {
    let mut lowerer = crate::lower::Lowerer::new();
    let (broken, syntax_errors) = crate::syntax::parse_each(text, |item| lowerer.item(&item));
    let (model, lower_errors) = lowerer.finish(broken);
    complete(model, &syntax_errors, &lower_errors, allow)
}

/// Every phase after the parse, on a syntax tree built elsewhere (the
/// language server parses only the items that changed).
pub fn analyze_parsed(
    file: File,
    syntax_errors: &[crate::syntax::SyntaxError],
    allow: &[Code],
) -> Analysis {
    let (model, lower_errors) = crate::lower::lower(&file);
    complete(model, syntax_errors, &lower_errors, allow)
}

/// Resolve and check a lowered model, and gather every diagnostic.
fn complete(
    mut model: Model,
    syntax_errors: &[crate::syntax::SyntaxError],
    lower_errors: &[crate::lower::LowerError],
    allow: &[Code],
) -> Analysis {
    let resolve_errors = crate::resolve::resolve(&mut model);
    let mut diagnostics: Vec<Diagnostic> =
        syntax_errors.iter().map(|e| e.to_diagnostic()).collect();
    diagnostics.extend(lower_errors.iter().map(|e| e.to_diagnostic()));
    diagnostics.extend(resolve_errors.iter().map(|e| e.to_diagnostic()));
    diagnostics.extend(crate::check::check(&model));
    let allowed: Vec<Code> = model
        .plan
        .iter()
        .flat_map(|p| p.allow.iter().map(|(c, _)| *c))
        .chain(allow.iter().copied())
        .collect();
    diagnostics.retain(|d| d.is_error() || !allowed.contains(&d.code));
    diagnostic::sort(&mut diagnostics);
    Analysis { model, diagnostics }
}
