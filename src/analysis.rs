//! The whole pipeline on one source text: parse → lower → resolve → check.

use crate::diagnostic::{self, Code, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::File;

/// Everything planc knows about one plan.
pub struct Analysis {
    pub file: File,
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
    let (file, syntax_errors) = crate::syntax::parse(text);
    analyze_parsed(file, &syntax_errors, allow)
}

/// Every phase after the parse, on a syntax tree built elsewhere (the
/// language server parses only the items that changed).
pub fn analyze_parsed(
    file: File,
    syntax_errors: &[crate::syntax::SyntaxError],
    allow: &[Code],
) -> Analysis {
    let (mut model, lower_errors) = crate::lower::lower(&file);
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
    Analysis {
        file,
        model,
        diagnostics,
    }
}
