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
    let scan = crate::syntax::scan(text);
    let mut lowerer = crate::lower::Lowerer::with_capacity(scan.counts(), text.len());
    let (broken, syntax_errors) =
        crate::syntax::parse_scanned(text, scan, |item| lowerer.item(&item));
    let (model, lower_errors) = lowerer.finish(broken);
    complete(
        model,
        text,
        &syntax_errors,
        Vec::new(),
        &lower_errors,
        allow,
        pref,
    )
}

/// Run every phase on a plan of several files (LANGUAGE.md, *Plans of
/// several files*): each file is parsed on its own and its items are moved
/// to the file's place in the plan's text, then everything is lowered into
/// one model, so one namespace and every check span all the files. Spans
/// are global (see [`crate::sources`]). `found` are the diagnostics the
/// reader of the files made (includes that name nothing or lie outside the
/// plan, files that could not be read); they are worded in the plan's
/// language and join the others.
pub fn analyze_sources(
    map: &crate::sources::SourceMap,
    found: Vec<crate::sources::Finding>,
    allow: &[Code],
    pref: LangPref,
) -> Analysis {
    let text = map.text();
    // Each file's scan first: the model's lists are sized for all of them.
    let scans: Vec<_> = map
        .files()
        .iter()
        .map(|file| crate::syntax::scan(&text[file.range()]))
        .collect();
    let mut counts = crate::syntax::ItemCounts::default();
    for scan in &scans {
        counts.add(scan.counts());
    }
    let mut lowerer = crate::lower::Lowerer::with_capacity(&counts, text.len());
    let mut broken = Vec::new();
    let mut syntax_errors = Vec::new();
    // Nothing is kept for a next call: each item is lowered as soon as it
    // is read (moved to its file's place first), so the syntax tree of a
    // large plan is never held whole.
    for (file, scan) in map.files().iter().zip(scans) {
        let base = file.base;
        let own = &text[file.range()];
        let (file_broken, errors) = crate::syntax::parse_scanned(own, scan, |mut item| {
            if base != 0 {
                crate::syntax::shift::item(&mut item, base);
            }
            lowerer.item(&item);
        });
        broken.extend(file_broken.into_iter().map(|b| shifted_broken(b, base)));
        syntax_errors.extend(errors.into_iter().map(|mut e| {
            e.shift(base);
            e
        }));
    }
    finish(map, lowerer, broken, syntax_errors, found, allow, pref)
}

/// A broken region of a file, moved to the file's place in the plan's text.
fn shifted_broken(mut b: crate::syntax::ast::Broken, base: usize) -> crate::syntax::ast::Broken {
    b.span = b.span.shifted(base);
    if let Some(name) = &mut b.name {
        name.span = name.span.shifted(base);
    }
    b
}

/// Lower what is left, then resolve and check the plan of several files.
fn finish(
    map: &crate::sources::SourceMap,
    lowerer: crate::lower::Lowerer,
    broken: Vec<crate::syntax::ast::Broken>,
    syntax_errors: Vec<crate::syntax::SyntaxError>,
    found: Vec<crate::sources::Finding>,
    allow: &[Code],
    pref: LangPref,
) -> Analysis {
    let (model, lower_errors) = lowerer.finish(broken);
    // The reader's findings are worded as `complete` words the rest: in
    // the language the plan's own `lang` picks.
    let lang = pref.pick(model.plan.as_ref().and_then(|p| p.lang));
    let found = found
        .into_iter()
        .map(|f| f.into_diagnostic_in(lang))
        .collect();
    let mut analysis = complete(
        model,
        map.text(),
        &syntax_errors,
        found,
        &lower_errors,
        allow,
        pref,
    );
    for d in &mut analysis.diagnostics {
        crate::sources::plan_missing_in_plan(map, d, analysis.lang);
    }
    analysis
}

/// What parsing one file's text gave, with spans in that text alone.
#[derive(Clone)]
struct FileParse {
    items: Vec<crate::syntax::ast::Item>,
    broken: Vec<crate::syntax::ast::Broken>,
    errors: Vec<crate::syntax::SyntaxError>,
}

/// Files parsed before, by their text: the language server keeps one per
/// plan, so that a change in one file of twenty parses that file alone.
#[derive(Default)]
pub struct Parsed {
    files: crate::model::Map<String, FileParse>,
}

/// [`analyze_sources`], reusing the parse of every file whose text is
/// unchanged since the last call with the same `parsed`.
pub fn analyze_sources_with(
    map: &crate::sources::SourceMap,
    found: Vec<crate::sources::Finding>,
    allow: &[Code],
    pref: LangPref,
    parsed: &mut Parsed,
) -> Analysis {
    let text = map.text();
    let mut lowerer = crate::lower::Lowerer::new();
    let mut broken = Vec::new();
    let mut syntax_errors = Vec::new();
    let mut kept =
        crate::model::Map::with_capacity_and_hasher(map.files().len(), Default::default());
    for file in map.files() {
        let base = file.base;
        let own = &text[file.range()];
        let parse = match parsed.files.remove(own) {
            Some(parse) => parse,
            None => {
                let mut items = Vec::new();
                let (broken, errors) = crate::syntax::parse_each(own, |item| items.push(item));
                FileParse {
                    items,
                    broken,
                    errors,
                }
            }
        };
        for item in &parse.items {
            let mut item = item.clone();
            crate::syntax::shift::item(&mut item, base);
            lowerer.item(&item);
        }
        broken.extend(
            parse
                .broken
                .iter()
                .cloned()
                .map(|b| shifted_broken(b, base)),
        );
        syntax_errors.extend(parse.errors.iter().cloned().map(|mut e| {
            e.shift(base);
            e
        }));
        kept.insert(own.to_string(), parse);
    }
    parsed.files = kept;
    finish(map, lowerer, broken, syntax_errors, found, allow, pref)
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
    complete(
        model,
        text,
        syntax_errors,
        Vec::new(),
        &lower_errors,
        allow,
        pref,
    )
}

/// Resolve and check a lowered model, and gather every diagnostic.
fn complete(
    mut model: Model,
    text: &str,
    syntax_errors: &[crate::syntax::SyntaxError],
    found: Vec<Diagnostic>,
    lower_errors: &[crate::lower::LowerError],
    allow: &[Code],
    pref: LangPref,
) -> Analysis {
    // The plan's `lang` is known once its item is lowered; syntax errors
    // are typed, so they are worded here, after it, like the rest.
    let lang = pref.pick(model.plan.as_ref().and_then(|p| p.lang));
    let resolve_errors = crate::resolve::resolve(&mut model);
    let mut diagnostics: Vec<Diagnostic> = found;
    diagnostics.extend(syntax_errors.iter().map(|e| e.to_diagnostic_in(lang)));
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
        .map(|c| (c.span, &*c.allow))
        .collect();
    items.sort_unstable_by_key(|(span, _)| span.start());
    let allowed_here = |d: &Diagnostic| {
        let at = d.span.start();
        let i = items.partition_point(|(span, _)| span.start() <= at);
        i > 0 && {
            let (span, codes) = items[i - 1];
            at < span.end() && codes.contains(&d.code)
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
