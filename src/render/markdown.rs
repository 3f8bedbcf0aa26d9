//! `planc check --format markdown`: a summary for a CI job's page (GitHub's
//! step summary). Annotations stop at ten per step; this shows every
//! finding: the counts, then a table of place, name, message and help.
//!
//! Everything the plan wrote is escaped, so a label cannot open a link, an
//! HTML tag or a new table cell. The summary stays under [`LIMIT`] bytes by
//! leaving out the last rows and saying how many.

use super::Source;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::Lang;

/// GitHub refuses a step summary over 1 MiB.
pub const LIMIT: usize = 1024 * 1024;

/// What the summary is about, for its heading (`planc check`, `planc status`).
pub fn render(sources: &[Source], command: &str) -> String {
    render_within(sources, command, LIMIT)
}

/// The summary, kept under `limit` bytes.
pub fn render_within(sources: &[Source], command: &str, limit: usize) -> String {
    let (mut errors, mut warnings) = (0usize, 0usize);
    for d in sources.iter().flat_map(|s| s.diagnostics) {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let files: usize = sources.iter().map(Source::file_count).sum();
    let lang = sources.first().map_or(Lang::En, |s| s.lang);
    let mut out = match lang {
        Lang::En => format!(
            "## {command}: {}, {} in {}\n\n",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(files, "file"),
        ),
        Lang::Zh => format!(
            "## {command}：{} 个文件，{errors} 个错误，{warnings} 个警告\n\n",
            files
        ),
    };
    if errors + warnings == 0 {
        out.push_str(lang.pick(
            "No findings: the plan is clean.\n",
            "没有发现问题：计划是干净的。\n",
        ));
        return out;
    }
    out.push_str(lang.pick(
        "| | place | name | what is wrong | how to fix it |\n",
        "| | 位置 | 名称 | 问题 | 怎么改 |\n",
    ));
    out.push_str("|---|---|---|---|---|\n");
    // Room for the closing line that says how many were left out.
    let reserve = 200;
    let total = errors + warnings;
    let mut shown = 0usize;
    'files: for source in sources {
        for d in source.diagnostics {
            let row = row(source, d);
            if out.len() + row.len() + reserve > limit {
                break 'files;
            }
            out.push_str(&row);
            shown += 1;
        }
    }
    if shown < total {
        out.push_str(&match lang {
            Lang::En => format!(
                "\n{} left out to keep this summary under {} KiB; run `planc check` to see them all.\n",
                plural(total - shown, "more finding"),
                limit / 1024
            ),
            Lang::Zh => format!(
                "\n为了让摘要不超过 {} KiB，还有 {} 条没有列出；运行 `planc check` 查看全部。\n",
                limit / 1024,
                total - shown
            ),
        });
    }
    out
}

fn row(source: &Source, d: &Diagnostic) -> String {
    let part = source.lines.part(d.span.start());
    let at = part.line_col(d.span.start());
    let severity = match (d.severity, source.lang) {
        (Severity::Error, Lang::En) => "❌ error",
        (Severity::Warning, Lang::En) => "⚠️ warning",
        (Severity::Error, Lang::Zh) => "❌ 错误",
        (Severity::Warning, Lang::Zh) => "⚠️ 警告",
    };
    let name = d.code.name();
    format!(
        "| {severity} | {}:{}:{} | [`{name}`]({}{name}.md) | {} | {} |\n",
        cell(part.name),
        at.line,
        at.column,
        super::sarif::DOCS_BASE,
        cell(&d.message),
        cell(&d.help),
    )
}

/// Text made inert inside a table cell: every ASCII punctuation mark that
/// Markdown or HTML could read is backslash-escaped (CommonMark allows that
/// for any of them), line breaks become spaces and control characters a
/// visible `\u{…}`.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::span::Span;
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    /// The cells of the table as GitHub would read them: (rows, cells per row,
    /// whether any raw HTML or link other than the docs links appeared).
    fn table(markdown: &str) -> (usize, Vec<usize>, Vec<String>) {
        let mut rows = 0;
        let mut cells = Vec::new();
        let mut current = 0;
        let mut odd = Vec::new();
        let options = pulldown_cmark::Options::ENABLE_TABLES;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => current = 0,
                Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                    rows += 1;
                    cells.push(current);
                }
                Event::Start(Tag::TableCell) => current += 1,
                Event::Html(h) | Event::InlineHtml(h) => odd.push(h.to_string()),
                Event::Start(Tag::Link { dest_url, .. })
                    if !dest_url.starts_with(crate::render::sarif::DOCS_BASE) =>
                {
                    odd.push(dest_url.to_string())
                }
                _ => {}
            }
        }
        (rows, cells, odd)
    }

    #[test]
    fn every_finding_is_a_row_and_hostile_text_stays_inert() {
        let text = "goal g \"x\" {}\n";
        let diagnostics = vec![
            Diagnostic::new(
                Code::UnknownName,
                Span::new(0, 4),
                "a | b <script>x</script> [l](http://e.vil) *b* `c`\nnext",
            )
            .with_help("add `serves g`"),
            Diagnostic::new(
                Code::TacticWithoutOwner,
                Span::new(5, 6),
                "\u{1b}[2J cleared",
            ),
        ];
        let source = Source::new("plans/新品|计划.plan", text, &diagnostics);
        let md = render(&[source], "planc check");
        assert!(
            md.starts_with("## planc check: 1 error, 1 warning in 1 file\n"),
            "{md}"
        );
        let (rows, cells, odd) = table(&md);
        assert_eq!(rows, 3, "{md}");
        assert_eq!(cells, [5, 5, 5], "{md}");
        assert!(odd.is_empty(), "{odd:?}\n{md}");
        assert!(!md.contains('\u{1b}'));
        assert!(md.contains("plans\\/新品\\|计划\\.plan:1:1"), "{md}");
    }

    #[test]
    fn a_clean_plan_says_so() {
        let source = Source::new("a.plan", "", &[]);
        assert_eq!(
            render(&[source], "planc check"),
            "## planc check: 0 errors, 0 warnings in 1 file\n\nNo findings: the plan is clean.\n"
        );
    }

    #[test]
    fn stays_under_the_limit_and_says_how_many_were_left_out() {
        let text = "x\n".repeat(10);
        let diagnostics: Vec<Diagnostic> = (0..5_000)
            .map(|i| {
                Diagnostic::new(
                    Code::UnusedMetric,
                    Span::new(0, 1),
                    format!("metric m{i} is never used"),
                )
                .with_help("use it or remove it")
            })
            .collect();
        let source = Source::new("big.plan", &text, &diagnostics);
        let md = render_within(&[source], "planc check", 64 * 1024);
        assert!(md.len() <= 64 * 1024, "{}", md.len());
        let (rows, _, _) = table(&md);
        let left = md.lines().last().expect("a last line");
        let n: usize = left
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a count");
        assert_eq!(rows - 1 + n, 5_000, "{left}");
        assert!(left.contains("left out"), "{left}");
    }
}
