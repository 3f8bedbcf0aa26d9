//! The files of one plan (LANGUAGE.md, *Plans of several files*), without IO.
//!
//! A plan of several files is analysed as one model with *global* byte
//! spans: the files are laid end to end in one text, each followed by a
//! `\n`, and every span of the model, the checks and the diagnostics is an
//! offset into that text. Each file is parsed on its own (a span never
//! crosses two files), and [`Lines`] turns a global offset back into a file
//! and a line and column in it. A plan of one file is a map of one file at
//! offset 0: nothing changes for it.
//!
//! Reading the files (globbing the includes, refusing files outside the
//! root's directory, finding a part's root) is the command line's and the
//! language server's job; this module only receives texts.

pub mod disk;
pub mod finding;

pub use finding::{Away, Finding, Missing, ReadFault};

use crate::diagnostic::{Code, Diagnostic};
use crate::line_index::{LineCol, LineIndex};
use crate::span::{Span, Spanned};
use std::ops::Range;

/// One file of a plan: its name and where its text lies in the plan's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// As shown to people and tools: the path as given for the root, and
    /// for included files the root's directory joined with the path below it.
    pub name: String,
    /// The offset of its first byte in [`SourceMap::text`].
    pub base: usize,
    /// Its length in bytes.
    pub len: usize,
}

impl SourceFile {
    /// Its bytes in the plan's text.
    pub fn range(&self) -> Range<usize> {
        self.base..self.base + self.len
    }
}

/// The files of one plan, the root first and then the included files in
/// path order, with their texts laid end to end.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    text: String,
    files: Vec<SourceFile>,
    /// The root is a file without a `plan` item that no root includes.
    not_included: bool,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// A plan of one file; its text is not copied.
    pub fn one(name: impl Into<String>, text: String) -> SourceMap {
        let len = text.len();
        SourceMap {
            text,
            files: vec![SourceFile {
                name: name.into(),
                base: 0,
                len,
            }],
            not_included: false,
        }
    }

    /// Add a file after the others; returns its index.
    pub fn push(&mut self, name: impl Into<String>, text: &str) -> usize {
        if !self.files.is_empty() {
            self.text.push('\n');
        }
        let base = self.text.len();
        self.text.push_str(text);
        self.files.push(SourceFile {
            name: name.into(),
            base,
            len: text.len(),
        });
        self.files.len() - 1
    }

    /// Mark the root as a file that no plan includes (its `plan-missing`
    /// then says so).
    pub fn set_not_included(&mut self) {
        self.not_included = true;
    }

    pub fn not_included(&self) -> bool {
        self.not_included
    }

    /// Every file's text, end to end: what every span of the model indexes.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The text of one file.
    pub fn file_text(&self, file: usize) -> &str {
        &self.text[self.files[file].range()]
    }

    /// The file holding a global offset (an offset just past a file's end
    /// is still that file's).
    pub fn file_at(&self, offset: usize) -> usize {
        self.files
            .partition_point(|f| f.base <= offset)
            .saturating_sub(1)
    }

    /// The file with this name.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.files.iter().position(|f| f.name == name)
    }

    /// Take the texts back: the root's, and the rest.
    pub fn into_text(self) -> String {
        self.text
    }
}

/// One file of a plan as the renderers and the build see it.
pub struct Part<'a> {
    pub name: &'a str,
    pub base: usize,
    /// Over the file's own text.
    pub index: LineIndex<'a>,
}

impl Part<'_> {
    /// A global offset's line and column in this file.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.index.line_col(offset.saturating_sub(self.base))
    }

    /// A global span as a span of this file's text.
    pub fn local(&self, span: Span) -> Span {
        Span::new(
            span.start().saturating_sub(self.base),
            span.end().saturating_sub(self.base),
        )
    }
}

/// Every file of a plan with its line index: global offsets to a file, a
/// line and a column.
pub struct Lines<'a> {
    parts: Vec<Part<'a>>,
}

impl<'a> Lines<'a> {
    /// One file at offset 0.
    pub fn one(name: &'a str, text: &'a str) -> Lines<'a> {
        Lines {
            parts: vec![Part {
                name,
                base: 0,
                index: LineIndex::new(text),
            }],
        }
    }

    pub fn of(map: &'a SourceMap) -> Lines<'a> {
        Lines {
            parts: map
                .files
                .iter()
                .map(|f| Part {
                    name: &f.name,
                    base: f.base,
                    index: LineIndex::new(&map.text[f.range()]),
                })
                .collect(),
        }
    }

    /// The file holding a global offset.
    pub fn part(&self, offset: usize) -> &Part<'a> {
        let i = self
            .parts
            .partition_point(|p| p.base <= offset)
            .saturating_sub(1);
        &self.parts[i]
    }

    /// The root's.
    pub fn root(&self) -> &Part<'a> {
        &self.parts[0]
    }

    pub fn parts(&self) -> &[Part<'a>] {
        &self.parts
    }

    /// A global offset's file name, line and column.
    pub fn place(&self, offset: usize) -> (&'a str, LineCol) {
        let part = self.part(offset);
        (part.name, part.line_col(offset))
    }
}

/// The `include` patterns written in a root file's `plan` item, with the
/// span of each string (where include diagnostics point). Pure: parses the
/// text. Empty when the file has no `plan` item or no `include`.
pub fn includes(text: &str) -> Vec<Spanned<String>> {
    use crate::syntax::ast::{AttrKey, ItemKind, Value};
    // Most plans are one file: no parse for them.
    if !text.contains("include") {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut seen_plan = false;
    crate::syntax::parse_each(text, |item| {
        if item.kind != ItemKind::Plan || seen_plan {
            return;
        }
        seen_plan = true;
        for attr in &item.attrs {
            if let (AttrKey::Include, Value::Strs(strings)) = (attr.key, &attr.value) {
                if found.is_empty() {
                    found = strings
                        .iter()
                        .map(|s| Spanned::new(s.value.to_string(), s.span))
                        .collect();
                }
            }
        }
    });
    found
}

/// Whether a text has a `plan` item (is a root, or a plan of one file).
/// Pure. A line starting with `plan "` answers at once (a root is not
/// parsed twice); a text where `plan` is never followed by anything but a
/// letter, digit or `_` (so it is never the keyword) answers at once too:
/// the parts of a plan, which the language server asks about on every
/// change while it looks for their root. Otherwise the text is parsed, so
/// that a `plan` item written anywhere else is still found.
pub fn has_plan(text: &str) -> bool {
    let starts_a_plan = |line: &str| {
        line.trim_start_matches([' ', '\t', '\u{feff}'])
            .strip_prefix("plan")
            .is_some_and(|rest| rest.trim_start().starts_with(['"', '“']))
    };
    if text.lines().any(starts_a_plan) {
        return true;
    }
    if !could_be_the_plan_keyword(text) {
        return false;
    }
    parses_to_a_plan(text)
}

/// Whether `plan` occurs anywhere not followed by a letter, digit or `_`:
/// only there can the keyword be (it is followed by a space, a comment, a
/// label or a brace).
fn could_be_the_plan_keyword(text: &str) -> bool {
    text.match_indices("plan").any(|(at, _)| {
        !text[at + 4..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

fn parses_to_a_plan(text: &str) -> bool {
    let mut found = false;
    crate::syntax::parse_each(text, |item| {
        found |= item.kind == crate::syntax::ast::ItemKind::Plan;
    });
    found
}

/// What one file's `plan-missing` says when the file is part of a plan of
/// several files, or no plan includes it, in `lang` (the words are
/// [`Finding::PlanOfNoPlan`]'s and [`Finding::PartWithPlan`]'s).
pub(crate) fn plan_missing_in_plan(map: &SourceMap, d: &mut Diagnostic, lang: crate::lang::Lang) {
    if d.code != Code::PlanMissing {
        return;
    }
    if map.not_included && d.span == Span::new(0, 0) && d.labels.is_empty() {
        Finding::PlanOfNoPlan.reword(d, lang);
        return;
    }
    if map.files.len() > 1 {
        if let Some(first) = d.labels.first() {
            let lines = [map.file_at(d.span.start()), map.file_at(first.span.start())];
            if lines[0] != lines[1] {
                Finding::PartWithPlan {
                    part: map.files[lines[0]].name.clone(),
                    root: map.files[0].name.clone(),
                }
                .reword(d, lang);
            }
        }
    }
}

/// The `plan-missing` of a file that has no `plan` item and that no plan
/// includes, analysed alone (the language server's plan of one file): says
/// that no plan includes it, in `lang`.
pub fn plan_missing_alone(diagnostics: &mut [Diagnostic], lang: crate::lang::Lang) {
    for d in diagnostics {
        if d.code == Code::PlanMissing && d.span == Span::new(0, 0) && d.labels.is_empty() {
            Finding::PlanOfNoPlan.reword(d, lang);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_find_their_file() {
        let mut map = SourceMap::new();
        map.push("a.plan", "abc");
        map.push("b.plan", "");
        map.push("c.plan", "de\nf");
        assert_eq!(map.text(), "abc\n\nde\nf");
        assert_eq!(map.file_at(0), 0);
        assert_eq!(map.file_at(3), 0, "the end of a file is still it");
        assert_eq!(map.file_at(4), 1);
        assert_eq!(map.file_at(5), 2);
        assert_eq!(map.file_text(2), "de\nf");
        let lines = Lines::of(&map);
        let (name, at) = lines.place(8);
        assert_eq!((name, at.line, at.column), ("c.plan", 2, 1));
    }

    #[test]
    fn includes_are_read_from_the_plan_item() {
        let text = "goal g { }\nplan \"x\" {\n  period 2026-01-01 .. 2026-12-31\n  include \"a/*.plan\", \"b.plan\"\n}\n";
        let found = includes(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].value, "a/*.plan");
        assert_eq!(
            &text[found[1].span.start()..found[1].span.end()],
            "\"b.plan\""
        );
        assert!(has_plan(text));
        assert!(!has_plan("goal g { }"));
    }

    /// The shortcut of `has_plan` answers as the parse does, on texts where
    /// `plan` is a keyword not at a line's start, part of a name or label,
    /// in a comment, or absent.
    #[test]
    fn has_plan_answers_as_the_parse_does() {
        let texts = [
            "goal g { }\n",
            "metric planned \"Planned\" count\n",
            "metric plan_b \"The plan\" count\n",
            "// no plan here\nmetric m \"M\" count\n",
            "metric m \"M\" count } plan \"x\" { period 2026-01-01 .. 2026-12-31 }\n",
            "/* c */ plan \"x\" { period 2026-01-01 .. 2026-12-31 }\n",
            "plan\n\"x\" { period 2026-01-01 .. 2026-12-31 }\n",
            "  plan \"x\" {\n}\n",
            "battle b \"Replan\" { }\nplan",
            "",
        ];
        for text in texts {
            assert_eq!(has_plan(text), parses_to_a_plan(text), "{text:?}");
        }
        assert!(!could_be_the_plan_keyword(
            "metric planned \"P\" count\nmetric plan_b \"x\" count"
        ));
    }

    #[test]
    fn a_plan_of_two_files_is_one_namespace_and_reused_parses_change_nothing() {
        let mut map = SourceMap::new();
        map.push(
            "root.plan",
            "plan \"x\" {\n  period 2026-01-01 .. 2026-12-31\n  include \"b.plan\"\n}\nmetric m \"M\" count\n",
        );
        map.push(
            "b.plan",
            "goal g {\n  target m 10 by 2026-12-31\n  supports nothing\n}\n",
        );
        let fresh = crate::analysis::analyze_sources(
            &map,
            Vec::new(),
            &[],
            crate::lang::LangPref::default(),
        );
        let unknown = fresh
            .diagnostics
            .iter()
            .find(|d| d.code == Code::UnknownName)
            .expect("`nothing` is unknown");
        assert_eq!(map.file_at(unknown.span.start()), 1, "in b.plan");
        // `m` is defined in the root and used in b.plan: not unused.
        assert!(!fresh
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnusedMetric));
        let mut parsed = crate::analysis::Parsed::default();
        for _ in 0..2 {
            let again = crate::analysis::analyze_sources_with(
                &map,
                Vec::new(),
                &[],
                crate::lang::LangPref::default(),
                &mut parsed,
            );
            assert_eq!(again.diagnostics, fresh.diagnostics);
        }
    }
}
