//! `planc report`: one self-contained HTML file for people who do not read
//! `.plan` files — the positioning, a summary, the strategy map, the
//! timeline with pool loads, the trace, the goal table, battles and tactics,
//! and every diagnostic with its source excerpt.
//!
//! Pure: the plan's text and analysis (and a day, when one is given) in,
//! HTML out. The page loads nothing: SVG is inline, CSS is inline, there is
//! no script, and a `Content-Security-Policy` forbids every external load
//! so that a mistake fails visibly. The same input gives the same bytes.
//! docs/report.md describes it.

use crate::analysis::Analysis;
use crate::check::facts::{goal_coverage, GoalCoverage};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::diagram::standing::{goal_tone, item_tone, Tone};
use crate::diagram::{self, timeline, View};
use crate::lang::Lang;
use crate::line_index::LineIndex;
use crate::model::{Model, Quantity, Use};
use crate::render::sarif::DOCS_BASE;
use std::fmt::Write;

/// What the report forbids: everything but its own inline styles and
/// `data:` images.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The trace is left out (with a note saying how to draw it) above this many
/// battles and tactics together: it would be wider than any screen and
/// most of the file.
pub const TRACE_LIMIT: usize = 400;

/// The report on `file` (its name as the reader knows it), whose text is
/// `text`, as of `today` when given.
pub fn report(file: &str, text: &str, analysis: &Analysis, today: Option<Date>) -> String {
    report_lines(&crate::sources::Lines::one(file, text), analysis, today)
}

/// The report on a plan of one or several files: each diagnostic's places
/// in their own files.
pub fn report_sources(
    map: &crate::sources::SourceMap,
    analysis: &Analysis,
    today: Option<Date>,
) -> String {
    report_lines(&crate::sources::Lines::of(map), analysis, today)
}

fn report_lines(lines: &crate::sources::Lines, analysis: &Analysis, today: Option<Date>) -> String {
    let file = lines.root().name;
    let model = &analysis.model;
    let title = model
        .plan
        .as_ref()
        .map(|p| p.title.clone())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| file.to_string());
    let mut out = String::with_capacity(64 * 1024);
    // The page speaks the plan's language; a Chinese title on an English
    // page is still marked as Chinese text where it is shown.
    let l = analysis.lang;
    let lang = match l {
        Lang::Zh => "zh-CN",
        Lang::En if title.chars().any(|c| crate::diagram::text::columns(c) >= 2) => "zh",
        Lang::En => "en",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"planc {}\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        h(&title),
        l.pick("plan report", "战略计划报告")
    );

    // Header.
    let _ = write!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"sub\">{}",
        h(&title),
        h(file)
    );
    if let Some(p) = model.plan.as_ref().and_then(|p| p.period) {
        let _ = write!(out, "{}{}", l.pick(" · period ", " · 计划周期 "), p.range);
    }
    match today {
        Some(d) => {
            let _ = write!(out, "{}{d}", l.pick(" · as of ", " · 截至 "));
        }
        None => out.push_str(l.pick(" · as planned (no day given)", " · 按计划（未指定日期）")),
    }
    out.push_str("</p>\n</header>\n");

    let mut sections: Vec<(&str, &str)> = vec![
        ("positioning", l.pick("Positioning", "定位")),
        ("summary", l.pick("Summary", "概要")),
        ("map", l.pick("Strategy map", "战略地图")),
        (
            "timeline",
            l.pick("Timeline and resource pools", "战役时间轴与资源池"),
        ),
        ("trace", l.pick("Trace", "承接关系")),
        ("goals", l.pick("Goals", "目标")),
        ("battles", l.pick("Battles and tactics", "关键战役与战术")),
        ("diagnostics", l.pick("Diagnostics", "诊断")),
    ];
    if today.is_some() && !model.checkins.is_empty() {
        sections.insert(2, ("states", states_heading(l)));
        sections.push(("checkins", checkins_heading(l)));
    }
    let contents = l.pick("Contents", "目录");
    let _ = write!(
        out,
        "<nav aria-label=\"{contents}\">\n<h2 class=\"nav-title\">{contents}</h2>\n<ol>\n"
    );
    for (id, name) in sections {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{name}</a></li>");
    }
    out.push_str("</ol>\n</nav>\n<main>\n");

    positioning(&mut out, model, l);
    let coverage = goal_coverage(model);
    // With check-ins and a day: the plan's state on it, as `planc status` says.
    let status = today
        .filter(|_| !model.checkins.is_empty())
        .map(|d| crate::status::status(model, d));
    summary(&mut out, analysis, &coverage);
    if let Some(st) = &status {
        states_summary(&mut out, st, l);
    }

    // The strategy map.
    open_section(&mut out, "map", l.pick("Strategy map", "战略地图"));
    out.push_str(l.pick("<p class=\"note\">Goals in balanced-scorecard lanes, the paths that serve them, and the cause→effect arrows between goals.</p>\n", "<p class=\"note\">按平衡计分卡四个层面排列的目标，以及目标之间的因果箭头。</p>\n"));
    figure(
        &mut out,
        &inline_svg(&scene_svg(analysis, View::Map, status.as_ref()), "map"),
        l.pick("The strategy map", "战略地图"),
        "fit",
    );
    out.push_str("</section>\n");

    let items = model.battles.len() + model.tactics.len();
    // The timeline.
    open_section(
        &mut out,
        "timeline",
        l.pick("Timeline and resource pools", "战役时间轴与资源池"),
    );
    out.push_str(l.pick("<p class=\"note\">Battles and their tactics on the calendar, grouped by path; goal dates as diamonds; arrows for <code>after</code>; below, each pool's load against its capacity or its cumulative planned spending against its total (red where it is exceeded).</p>\n", "<p class=\"note\">按路径分组，把战役和战术排在日历上；菱形是目标日期，箭头表示 <code>after</code>；下方是每个资源池的占用对比容量，或累计计划花费对比总额（超出的部分标红）。</p>\n"));
    let mut picture = timeline::build(analysis, today);
    if items > TRACE_LIMIT {
        picture.without_tactics();
        out.push_str(l.pick("<p class=\"note\">The plan has too many tactics to draw each: the timeline shows battles only (tactics are listed under Battles and tactics).</p>\n", "<p class=\"note\">战术太多，画不下每一个：时间轴只画战役（战术列在“关键战役与战术”里）。</p>\n"));
    }
    figure(
        &mut out,
        &inline_svg(&timeline::render_svg(&picture), "timeline"),
        l.pick("The timeline", "战役时间轴"),
        "fit",
    );
    out.push_str("</section>\n");

    // The trace.
    open_section(&mut out, "trace", l.pick("Trace", "承接关系"));
    if items > TRACE_LIMIT {
        let _ = writeln!(
            out,
            "<p class=\"note\">The trace of {items} battles and tactics is too large for a page: draw it with <code>planc graph {} --view trace --format svg</code>.</p>",
            h(file)
        );
    } else {
        out.push_str(l.pick(
            "<details open>\n<summary>Goal → path → battle → tactic</summary>\n",
            "<details open>\n<summary>目标 → 路径 → 战役 → 战术</summary>\n",
        ));
        figure(
            &mut out,
            &inline_svg(&scene_svg(analysis, View::Trace, status.as_ref()), "trace"),
            l.pick("The trace from goals to tactics", "从目标到战术的承接关系"),
            "wide",
        );
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");

    goals(&mut out, model, &coverage, status.as_ref(), l);
    battles(&mut out, model, status.as_ref(), l);
    diagnostics(&mut out, lines, &analysis.diagnostics, l);
    if status.is_some() {
        checkin_log(&mut out, model, today, l);
    }

    let footer = match l {
        Lang::En => format!("</main>\n<footer>\n<p>Made by planc {} from <code>{}</code>. This page loads nothing from the network and runs no script.</p>\n</footer>\n</body>\n</html>\n", env!("CARGO_PKG_VERSION"), h(file)),
        Lang::Zh => format!("</main>\n<footer>\n<p>由 planc {} 根据 <code>{}</code> 生成。本页不从网络加载任何内容，也不运行任何脚本。</p>\n</footer>\n</body>\n</html>\n", env!("CARGO_PKG_VERSION"), h(file)),
    };
    out.push_str(&footer);
    out
}

const STYLE: &str = "
:root{--ink:#263238;--muted:#607d8b;--line:#cfd8dc;--bg:#ffffff;--band:#f5f7f8;--error:#c62828;--warning:#a15c00;--ok:#2e7d32}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
body{margin:0 auto;max-width:1400px;padding:0 24px 48px}
header{padding:24px 0 8px;border-bottom:2px solid var(--ink)}
h1{margin:0;font-size:1.9rem}
h2{margin:2rem 0 .6rem;font-size:1.35rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{margin:1.2rem 0 .4rem;font-size:1.05rem}
.sub,.note{color:var(--muted);margin:.3rem 0}
nav ol{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;margin:.6rem 0;list-style:none}
nav a{color:#1565c0}
.nav-title{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
a{color:#1565c0}
dl.positioning{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.positioning dt{font-weight:600;color:var(--muted)}
dl.positioning dd{margin:0}
.counts{display:flex;flex-wrap:wrap;gap:12px;padding:0;margin:0;list-style:none}
.counts li{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:120px;background:var(--band)}
.counts b{display:block;font-size:1.5rem}
.counts .error b{color:var(--error)}
.counts .warning b{color:var(--warning)}
.counts .clean b{color:var(--ok)}
.state{display:inline-block;border-radius:3px;padding:0 6px;border:1px solid var(--line);white-space:nowrap}
.state_good{background:#a5d6c1}.state_watch{background:#ffd54f}.state_bad{background:#ef9a9a}.state_quiet{background:#eeeeee}
ol.log{list-style:none;padding:0}ol.log>li{border-left:4px solid var(--line);padding:.2rem 0 .2rem 12px;margin:0 0 .8rem}
ol.log .later{color:var(--muted)}
figure{margin:0}
figcaption{color:var(--muted);font-size:.9rem}
.fit svg{max-width:100%;height:auto}
.wide{overflow:auto;max-height:80vh;border:1px solid var(--line)}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.4rem 0 1rem}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--band)}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.tactic td:first-child{padding-left:24px}
tr.tactic{color:#37474f;font-size:.9em}
.short{color:var(--error);font-weight:600}
.enough{color:var(--ok)}
.muted{color:var(--muted)}
details>summary{cursor:pointer;font-weight:600;margin:.4rem 0}
article.diag{border-left:4px solid var(--line);padding:.2rem 0 .2rem 12px;margin:0 0 1rem}
article.error{border-color:var(--error)}
article.warning{border-color:var(--warning)}
article.diag h3{margin:.2rem 0}
.sev{text-transform:uppercase;font-size:.75rem;letter-spacing:.05em;padding:1px 6px;border-radius:3px;color:#fff;margin-right:6px}
.error .sev{background:var(--error)}
.warning .sev{background:var(--warning)}
pre.excerpt{background:var(--band);border:1px solid var(--line);padding:6px 10px;overflow:auto;font-family:ui-monospace,'Noto Sans Mono CJK SC','Sarasa Mono SC',Menlo,Consolas,monospace;font-size:.85rem;line-height:1.4}
pre.excerpt mark{background:#ffe08a;color:inherit}
.ln{color:var(--muted);user-select:none}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media print{
@page{size:A4 landscape;margin:12mm}
body{max-width:none;padding:0;font-size:10pt}
nav{display:none}
a{color:inherit;text-decoration:none}
section{break-before:page}
section#positioning,section#summary,section#states{break-before:auto}
h2,h3{break-after:avoid}
figure,tr,article.diag{break-inside:avoid}
.wide{overflow:visible;max-height:none;border:none}
.wide svg,.fit svg{max-width:100%;height:auto}
details>summary{list-style:none}
}
";

/// Text for HTML content and attribute values: the same entities as SVG's.
fn h(text: &str) -> String {
    crate::diagram::escape::xml(text)
}

fn open_section(out: &mut String, id: &str, heading: &str) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\" aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\">{heading}</h2>"
    );
}

/// An SVG file as an element of the page: without its XML declaration, its
/// `id`s (and the references to them) prefixed so that two pictures never
/// share one, and labelled for screen readers. Labels in planc's SVG are
/// escaped, so ` id="` and `url(#` occur only as markup.
pub fn inline_svg(svg: &str, prefix: &str) -> String {
    let body = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .unwrap_or(svg);
    body.replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace("url(#", &format!("url(#{prefix}-"))
        .replacen(
            "<svg ",
            &format!("<svg aria-labelledby=\"{prefix}-svg-title\" "),
            1,
        )
        .replacen("<title>", &format!("<title id=\"{prefix}-svg-title\">"), 1)
}

fn figure(out: &mut String, svg: &str, caption: &str, class: &str) {
    let _ = writeln!(
        out,
        "<figure>\n<div class=\"{class}\">\n{svg}</div>\n<figcaption>{caption}</figcaption>\n</figure>"
    );
}

fn positioning(out: &mut String, model: &Model, l: Lang) {
    open_section(out, "positioning", l.pick("Positioning", "定位"));
    let Some(p) = &model.positioning else {
        out.push_str(l.pick("<p class=\"note\">The plan has no <code>positioning</code>: who the company is, whom it serves, which pain it solves and why it wins.</p>\n</section>\n", "<p class=\"note\">计划里没有 <code>positioning</code>：我是谁、为谁服务、解决什么痛点、凭什么选我。</p>\n</section>\n"));
        return;
    };
    out.push_str("<dl class=\"positioning\">\n");
    let mut row = |term: &str, value: Option<String>| {
        let value = value.map_or_else(
            || {
                format!(
                    "<span class=\"muted\">{}</span>",
                    l.pick("not written", "未填写")
                )
            },
            |v| h(&v),
        );
        let _ = writeln!(out, "<dt>{term}</dt><dd>{value}</dd>");
    };
    row(
        l.pick("We are", "我是谁"),
        p.we_are.as_ref().map(|s| s.value.to_string()),
    );
    row(
        l.pick("We serve", "为谁服务"),
        p.serve.as_ref().map(|s| s.value.to_string()),
    );
    row(
        l.pick("Their pain", "客户痛点"),
        p.pain.as_ref().map(|s| s.value.to_string()),
    );
    row(
        l.pick("Why us", "为什么选我"),
        p.why_us.as_ref().map(|s| s.value.to_string()),
    );
    if !p.not_do.is_empty() {
        row(
            l.pick("We will not", "不做清单"),
            Some(
                p.not_do
                    .iter()
                    .map(|s| s.value.as_str())
                    .collect::<Vec<_>>()
                    .join(l.pick("; ", "；")),
            ),
        );
    }
    if !p.moat.is_empty() {
        row(
            l.pick("Moat (1–5)", "护城河（1–5）"),
            Some(
                p.moat
                    .iter()
                    .map(|(id, score)| format!("{} {score}", id.name))
                    .collect::<Vec<_>>()
                    .join(l.pick(", ", "，")),
            ),
        );
    }
    out.push_str("</dl>\n</section>\n");
}

fn summary(out: &mut String, analysis: &Analysis, coverage: &[GoalCoverage]) {
    let model = &analysis.model;
    let errors = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = analysis.diagnostics.len() - errors;
    let short = coverage
        .iter()
        .filter(|c| c.gap.is_some() && !c.is_covered())
        .count();
    let l = analysis.lang;
    open_section(out, "summary", l.pick("Summary", "概要"));
    out.push_str("<ul class=\"counts\">\n");
    let count = |out: &mut String, class: &str, n: usize, what: &str| {
        let _ = writeln!(out, "<li class=\"{class}\"><b>{n}</b>{what}</li>");
    };
    let cls = |n: usize, bad: &'static str| if n == 0 { "clean" } else { bad };
    let word = |n: usize, w: &'static str| match l {
        Lang::En => plural(n, w),
        Lang::Zh => match w {
            "error" => "个错误",
            "warning" => "个警告",
            "goal" => "个目标",
            "path" => "条路径",
            "battle" => "场战役",
            _ => "个战术",
        },
    };
    count(out, cls(errors, "error"), errors, word(errors, "error"));
    count(
        out,
        cls(warnings, "warning"),
        warnings,
        word(warnings, "warning"),
    );
    count(out, "", model.goals.len(), word(model.goals.len(), "goal"));
    let main = model.paths.iter().filter(|p| p.main.is_some()).count();
    let _ = match l {
        Lang::En => writeln!(
            out,
            "<li><b>{}</b>{} ({main} main)</li>",
            model.paths.len(),
            plural(model.paths.len(), "path")
        ),
        Lang::Zh => writeln!(
            out,
            "<li><b>{}</b>条路径（{main} 条主路径）</li>",
            model.paths.len()
        ),
    };
    count(
        out,
        "",
        model.battles.len(),
        word(model.battles.len(), "battle"),
    );
    count(
        out,
        "",
        model.tactics.len(),
        word(model.tactics.len(), "tactic"),
    );
    count(
        out,
        cls(short, "warning"),
        short,
        match (l, short) {
            (Lang::Zh, _) => "个目标没有被战役覆盖",
            (Lang::En, 1) => "goal its battles do not cover",
            (Lang::En, _) => "goals their battles do not cover",
        },
    );
    out.push_str("</ul>\n");
    let verdict = match (l, errors, warnings) {
        (Lang::Zh, 0, 0) => "planc 没有发现这份计划有任何问题。".to_string(),
        (Lang::Zh, 0, w) => format!("没有错误；有 {w} 个警告值得看一看（见“诊断”）。"),
        (Lang::Zh, e, _) => format!("有 {e} 个错误要改，计划才能前后贯通（见“诊断”）。"),
        (_, 0, 0) => "planc finds nothing wrong with this plan.".to_string(),
        (_, 0, w) => format!(
            "No errors; {w} {} to consider (see Diagnostics).",
            plural(w, "warning")
        ),
        (_, e, _) => format!(
            "{e} {} to fix before the plan holds together (see Diagnostics).",
            plural(e, "error")
        ),
    };
    let _ = writeln!(out, "<p>{verdict}</p>\n</section>");
}

fn plural(n: usize, word: &'static str) -> &'static str {
    match (n, word) {
        (1, w) => w,
        (_, "error") => "errors",
        (_, "warning") => "warnings",
        (_, "goal") => "goals",
        (_, "path") => "paths",
        (_, "battle") => "battles",
        (_, "tactic") => "tactics",
        (_, w) => w,
    }
}

fn label(common: &crate::model::Common) -> String {
    match &common.label {
        Some(l) if !l.trim().is_empty() => {
            format!("{} <span class=\"muted\">{}</span>", h(l), h(common.name()))
        }
        _ => h(common.name()),
    }
}

/// `people 4, budget ¥15万`; with a Chinese comma in Chinese.
fn uses(list: &[Use], l: Lang) -> String {
    list.iter()
        .map(|u| format!("{} {}", h(&u.what.name), h(&u.qty.text)))
        .collect::<Vec<_>>()
        .join(l.pick(", ", "，"))
}

fn goals(
    out: &mut String,
    model: &Model,
    coverage: &[GoalCoverage],
    status: Option<&crate::status::Status>,
    l: Lang,
) {
    open_section(out, "goals", l.pick("Goals", "目标"));
    if model.goals.is_empty() {
        out.push_str(l.pick(
            "<p class=\"note\">The plan has no goals.</p>\n</section>\n",
            "<p class=\"note\">计划里没有目标。</p>\n</section>\n",
        ));
        return;
    }
    out.push_str(l.pick("<p class=\"note\">The gap is the target less the baseline; the battles tracing to a goal should together reach it with their objectives on its metric.</p>\n", "<p class=\"note\">差距 = 目标值 − 基线；承接这个目标的各场战役，在它的指标上的战役目标合起来应当补上差距。</p>\n"));
    out.push_str(l.pick("<table>\n<thead><tr><th scope=\"col\">goal</th><th scope=\"col\">perspective</th><th scope=\"col\">target</th><th scope=\"col\">by</th><th scope=\"col\">baseline</th><th scope=\"col\">gap</th><th scope=\"col\">covered by battles</th><th scope=\"col\">coverage</th>", "<table>\n<thead><tr><th scope=\"col\">目标</th><th scope=\"col\">层面</th><th scope=\"col\">目标值</th><th scope=\"col\">期限</th><th scope=\"col\">基线</th><th scope=\"col\">差距</th><th scope=\"col\">战役覆盖</th><th scope=\"col\">覆盖情况</th>"));
    if status.is_some() {
        out.push_str(goal_status_head(l));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, (goal, cov)) in model.goals.iter().zip(coverage).enumerate() {
        let style = goal.target.as_ref().map(|t| t.qty.style());
        let fmt = |a: crate::quantity::Amount| style.map_or_else(|| a.to_string(), |s| s.format(a));
        let target = goal.target.as_ref();
        let coverage = match cov.gap {
            None => format!(
                "<span class=\"muted\">{}</span>",
                l.pick("no gap to cover", "没有差距要补")
            ),
            Some(gap) if cov.is_covered() => {
                let pct = percent(cov.covered.0, gap.0, l);
                format!(
                    "<span class=\"enough\">{}{pct}</span>",
                    l.pick("covered", "已补上")
                )
            }
            Some(gap) => format!(
                "<span class=\"short\">{}{}</span>",
                match l {
                    Lang::En => format!("short by {}", h(&fmt(gap.minus(cov.covered)))),
                    Lang::Zh => format!("还差 {}", h(&fmt(gap.minus(cov.covered)))),
                },
                percent(cov.covered.0, gap.0, l)
            ),
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}{}</th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{coverage}</td>{}</tr>",
            if goal.breakthrough.is_some() { "★ " } else { "" },
            label(&goal.common),
            goal.perspective.as_ref().map_or("", |p| perspective_word(p.value, l)),
            target.map_or_else(String::new, |t| format!("{} {}", h(&t.metric.name), h(&t.qty.text))),
            target.map_or_else(String::new, |t| t.by.value.to_string()),
            goal.baseline.as_ref().map_or_else(String::new, |q: &Quantity| h(&q.text)),
            cov.gap.map_or_else(String::new, |g| h(&fmt(g))),
            if cov.gap.is_some() { h(&fmt(cov.covered)) } else { String::new() },
            status.and_then(|st| st.goals.get(i)).map_or_else(String::new, |g| goal_status_cells(g, l)),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// ` (62%)`: how much of the gap is covered, when that means something.
fn percent(covered: i128, gap: i128, l: Lang) -> String {
    if gap == 0 {
        return String::new();
    }
    let pct = (covered as f64 / gap as f64 * 100.0).round();
    match (pct.is_finite(), l) {
        (false, _) => String::new(),
        (true, Lang::En) => format!(" ({pct}%)"),
        (true, Lang::Zh) => format!("（{pct}%）"),
    }
}

/// A goal's lane in the report's words: the map's lane names.
fn perspective_word(p: crate::model::Perspective, l: Lang) -> &'static str {
    use crate::model::Perspective::*;
    match (l, p) {
        (Lang::En, p) => p.word(),
        (Lang::Zh, Financial) => "财务",
        (Lang::Zh, Customer) => "客户",
        (Lang::Zh, Process) => "内部流程",
        (Lang::Zh, Learning) => "学习与成长",
    }
}

fn battles(out: &mut String, model: &Model, status: Option<&crate::status::Status>, l: Lang) {
    let state = |s: Option<crate::status::State>| {
        s.map_or_else(String::new, |s| {
            format!("<td>{}</td>", state_badge(s.word(), item_tone(s), l))
        })
    };
    open_section(
        out,
        "battles",
        l.pick("Battles and tactics", "关键战役与战术"),
    );
    let ctx = crate::check::Ctx::new(model);
    if model.battles.is_empty() {
        out.push_str(l.pick(
            "<p class=\"note\">The plan has no battles.</p>\n",
            "<p class=\"note\">计划里没有战役。</p>\n",
        ));
    }
    for (p, list) in ctx.battles_by_path() {
        let heading = match p {
            Some(p) => {
                let path = &model.paths[p];
                let kind = if path.main.is_some() {
                    l.pick("main path", "主路径")
                } else {
                    l.pick("candidate path", "备选路径")
                };
                format!(
                    "{}{} <span class=\"muted\">{}</span>",
                    if path.main.is_some() { "★ " } else { "" },
                    label(&path.common),
                    match l {
                        Lang::En => format!("({kind})"),
                        Lang::Zh => format!("（{kind}）"),
                    }
                )
            }
            None => l
                .pick("Battles on no path", "不在任何路径上的战役")
                .to_string(),
        };
        let _ = match l {
            Lang::En => writeln!(
                out,
                "<details open>\n<summary>{heading} — {} {}</summary>",
                list.len(),
                plural(list.len(), "battle")
            ),
            Lang::Zh => writeln!(
                out,
                "<details open>\n<summary>{heading} — {} 场战役</summary>",
                list.len()
            ),
        };
        out.push_str(l.pick("<table>\n<thead><tr><th scope=\"col\">battle / tactic</th><th scope=\"col\">window</th><th scope=\"col\">objective / win</th><th scope=\"col\">needs</th><th scope=\"col\">owner</th><th scope=\"col\">review / kind</th>", "<table>\n<thead><tr><th scope=\"col\">战役 / 战术</th><th scope=\"col\">时间周期</th><th scope=\"col\">战役目标 / 赢的标准</th><th scope=\"col\">所需资源</th><th scope=\"col\">负责人</th><th scope=\"col\">复盘节奏 / 类型</th>"));
        if status.is_some() {
            let _ = write!(out, "<th scope=\"col\">{}</th>", l.pick("state", "状态"));
        }
        out.push_str("</tr></thead>\n");
        for b in list {
            let battle = &model.battles[b];
            let _ = writeln!(
                out,
                "<tbody><tr class=\"battle\"><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>",
                label(&battle.common),
                battle.window.map_or_else(|| format!("<span class=\"short\">{}</span>", l.pick("no window", "还没有时间周期")), |w| w.range.to_string()),
                uses(&battle.objective, l),
                uses(&battle.needs, l),
                battle.owner.as_ref().map_or_else(String::new, |o| h(&o.value)),
                battle.review.as_ref().map_or_else(String::new, |r| every(r.value, l)),
                state(status.and_then(|st| st.battles.get(b)).map(|x| x.state)),
            );
            for &t in &ctx.tactics_for[b] {
                let tactic = &model.tactics[t];
                let window = tactic.window.map(|w| w.range.to_string());
                let _ = writeln!(
                    out,
                    "<tr class=\"tactic\"><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>",
                    label(&tactic.common),
                    window.unwrap_or_else(|| format!("<span class=\"muted\">{}</span>", l.pick("battle's", "同战役"))),
                    tactic.win.as_ref().map_or_else(
                        || format!("<span class=\"short\">{}</span>", l.pick("no win criterion", "还没有赢的标准")),
                        |w| format!("{} {} {}", h(&w.metric.name), h(w.op.op()), h(&w.qty.text))
                    ),
                    uses(&tactic.needs, l),
                    tactic.owner.as_ref().map_or_else(String::new, |o| h(&o.value)),
                    tactic.kind.as_ref().map_or_else(String::new, |k| kind_word(k.value, l).to_string()),
                    state(status.and_then(|st| st.tactics.get(t)).map(|x| x.state)),
                );
            }
            out.push_str("</tbody>\n");
        }
        out.push_str("</table>\n</details>\n");
    }
    out.push_str("</section>\n");
}

fn duration(d: crate::date::Duration) -> String {
    use crate::date::DurationUnit::*;
    let unit = match d.unit {
        Day => "d",
        Week => "w",
        Month => "mo",
        Quarter => "q",
        Year => "y",
    };
    format!("{}{unit}", d.count)
}

/// `every 2w`; `每2周`, `每月` (the cadence as a Chinese team says it).
fn every(d: crate::date::Duration, l: Lang) -> String {
    use crate::date::DurationUnit::*;
    match l {
        Lang::En => format!("every {}", duration(d)),
        Lang::Zh if d.count == 1 => match d.unit {
            Day => "每天",
            Week => "每周",
            Month => "每月",
            Quarter => "每季度",
            Year => "每年",
        }
        .to_string(),
        Lang::Zh => {
            let unit = match d.unit {
                Day => "天",
                Week => "周",
                Month => "个月",
                Quarter => "个季度",
                Year => "年",
            };
            format!("每{}{unit}", d.count)
        }
    }
}

/// A tactic's kind, in the glossary's words in Chinese.
fn kind_word(kind: crate::model::TacticKind, l: Lang) -> &'static str {
    use crate::model::TacticKind::*;
    match (l, kind) {
        (Lang::En, Acquisition) => "acquisition",
        (Lang::En, Product) => "product",
        (Lang::En, Conversion) => "conversion",
        (Lang::En, Retention) => "retention",
        (Lang::En, Organization) => "organization",
        (Lang::Zh, Acquisition) => "获客",
        (Lang::Zh, Product) => "产品",
        (Lang::Zh, Conversion) => "转化",
        (Lang::Zh, Retention) => "客户运营",
        (Lang::Zh, Organization) => "组织",
    }
}

fn diagnostics(out: &mut String, lines: &crate::sources::Lines, list: &[Diagnostic], l: Lang) {
    open_section(out, "diagnostics", l.pick("Diagnostics", "诊断"));
    if list.is_empty() {
        out.push_str(l.pick(
            "<p>None: <code>planc check</code> reports nothing on this plan.</p>\n</section>\n",
            "<p>没有：<code>planc check</code> 对这份计划没有任何报告。</p>\n</section>\n",
        ));
        return;
    }
    for (i, d) in list.iter().enumerate() {
        // Each place in its own file.
        let part = lines.part(d.span.start());
        let (file, index) = (part.name, &part.index);
        let local = part.local(d.span);
        let at = index.line_col(local.start().min(index.text().len()));
        let name = d.code.name();
        let _ = writeln!(
            out,
            "<article class=\"diag {sev}\" aria-labelledby=\"d{i}\">\n<h3 id=\"d{i}\"><span class=\"sev\">{sev}</span>{} <span class=\"muted\">— <a href=\"{DOCS_BASE}{name}.md\">{name}</a></span></h3>\n<p class=\"muted\">{}:{}:{}</p>",
            h(&d.message),
            h(file),
            at.line,
            at.column,
            sev = d.severity.as_str(),
        );
        excerpt(out, index, local.start(), local.end(), &d.span_label);
        for label in &d.labels {
            let part = lines.part(label.span.start());
            let (file, index) = (part.name, &part.index);
            let local = part.local(label.span);
            let place = index.line_col(local.start().min(index.text().len()));
            let _ = writeln!(
                out,
                "<p class=\"muted\">also {}:{}:{} — {}</p>",
                h(file),
                place.line,
                place.column,
                h(&label.message)
            );
            excerpt(out, index, local.start(), local.end(), "");
        }
        if !d.help.is_empty() {
            let _ = writeln!(
                out,
                "<p><b>{}</b> {}</p>",
                l.pick("How to fix it:", "建议："),
                h(&d.help)
            );
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

/// Longest source line shown, in characters.
const EXCERPT_CHARS: usize = 200;

/// The line of `start` with the span marked, the line before it for
/// context, and what the span's label says.
fn excerpt(out: &mut String, index: &LineIndex, start: usize, end: usize, note: &str) {
    let text = index.text();
    let start = start.min(text.len());
    let line = index.line_of(start);
    out.push_str("<pre class=\"excerpt\">");
    if line > 0 {
        let before = index.line_text(line - 1);
        let _ = writeln!(
            out,
            "<span class=\"ln\">{:>4} │ </span>{}",
            line,
            h(&cut(before.trim_end_matches(['\r', '\n']), EXCERPT_CHARS))
        );
    }
    let this = index.line_text(line).trim_end_matches(['\r', '\n']);
    let line_start = index.line_start(line);
    let from = floor(this, start - line_start);
    let to = floor(this, end.saturating_sub(line_start).clamp(from, this.len()));
    let (a, b, c) = (&this[..from], &this[from..to], &this[to..]);
    let a = cut(a, EXCERPT_CHARS);
    let b = cut(b, EXCERPT_CHARS);
    let c = cut(c, EXCERPT_CHARS);
    let _ = write!(
        out,
        "<span class=\"ln\">{:>4} │ </span>{}<mark>{}</mark>{}",
        line + 1,
        h(&a),
        h(&b),
        h(&c)
    );
    if !note.is_empty() {
        let _ = write!(out, "\n<span class=\"ln\">     │ </span>↑ {}", h(note));
    }
    out.push_str("</pre>\n");
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn cut(s: &str, max: usize) -> String {
    crate::diagram::text::truncate(s, max)
}

// ---- Status (issue 15): the plan's state on the day ----------------------

// Words of the status parts, in one place.
fn states_heading(l: Lang) -> &'static str {
    l.pick("Status", "进展状态")
}

fn checkins_heading(l: Lang) -> &'static str {
    l.pick("Check-ins", "复盘记录")
}

fn goal_status_head(l: Lang) -> &'static str {
    l.pick(
        "<th scope=\"col\">latest actual</th><th scope=\"col\">pace</th><th scope=\"col\">state</th>",
        "<th scope=\"col\">最新实际值</th><th scope=\"col\">进度</th><th scope=\"col\">状态</th>",
    )
}

fn states_note(day: Date, l: Lang) -> String {
    match l {
        Lang::En => format!("Goals by their state on {day}, from the check-ins up to that day (as <code>planc status</code> reports them): the pace is the actual against what the plan expected on the actual's date, 100% meaning on plan."),
        Lang::Zh => format!("按 {day} 的状态统计目标，依据截至当天的复盘记录（与 <code>planc status</code> 一致）：进度是实际值与计划在实际值那天应达到的数相比，100% 就是与计划持平。"),
    }
}

fn checkins_note(day: Date, l: Lang) -> String {
    match l {
        Lang::En => format!(
            "Every check-in, oldest first; those dated after {day} are not counted in this report."
        ),
        Lang::Zh => format!("全部复盘记录，从早到晚；{day} 之后的不计入本报告。"),
    }
}

fn after_day_words(l: Lang) -> &'static str {
    l.pick("after the day: not counted", "晚于当天：不计入")
}

/// What the check-in's lines are called.
fn checkin_words(kind: &str, l: Lang) -> &'static str {
    match (kind, l) {
        ("actual", Lang::En) => "actuals",
        ("status", Lang::En) => "states",
        ("spent", Lang::En) => "spent",
        ("by", Lang::En) => "by",
        ("actual", Lang::Zh) => "实际值",
        ("status", Lang::Zh) => "状态",
        ("spent", Lang::Zh) => "已花费",
        ("by", Lang::Zh) => "记录人",
        _ => "",
    }
}

/// The map or trace, coloured by state when there is a status.
fn scene_svg(analysis: &Analysis, view: View, status: Option<&crate::status::Status>) -> String {
    let mut scene = diagram::scene::build(analysis, view);
    if let Some(st) = status {
        scene.take_status(st);
    }
    diagram::render(&scene, diagram::Format::Svg)
}

/// A state's word on its colour: the word says it, the colour helps.
fn state_badge(word: &str, tone: Tone, l: Lang) -> String {
    format!(
        "<span class=\"state {}\">{}</span>",
        tone.key(),
        h(crate::lang::state_word(word, l))
    )
}

/// The summary's goals by state, most worrying first.
fn states_summary(out: &mut String, st: &crate::status::Status, l: Lang) {
    use crate::schedule::GoalState::*;
    open_section(out, "states", states_heading(l));
    let _ = writeln!(out, "<p class=\"note\">{}</p>", states_note(st.today, l));
    out.push_str("<ul class=\"counts\">\n");
    for state in [
        Breached, Missed, OffTrack, AtRisk, NoData, OnTrack, Held, Achieved,
    ] {
        let n = st.goals.iter().filter(|g| g.state == state).count();
        if n == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "<li><b>{n}</b>{}</li>",
            state_badge(state.word(), goal_tone(state), l)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// The goal table's status cells: latest actual (and its date), pace, state.
fn goal_status_cells(g: &crate::status::GoalStatus, l: Lang) -> String {
    let style = g.target.map(|t| t.2).or(g.keep.map(|k| k.2));
    let actual = g.actual.map_or_else(String::new, |r| {
        let value = style.map_or_else(|| r.amount.to_string(), |s| s.format(r.amount));
        format!("{} <span class=\"muted\">{}</span>", h(&value), r.date)
    });
    let pace = g
        .pace
        .map_or_else(String::new, |p| format!("{:.0}%", p.to_f64() * 100.0));
    format!(
        "<td class=\"num\">{actual}</td><td class=\"num\">{pace}</td><td>{}</td>",
        state_badge(g.state.word(), goal_tone(g.state), l)
    )
}

/// Item 9: every check-in with what it says and its note.
fn checkin_log(out: &mut String, model: &Model, today: Option<Date>, l: Lang) {
    open_section(out, "checkins", checkins_heading(l));
    let Some(day) = today else {
        out.push_str("</section>\n");
        return;
    };
    let _ = writeln!(out, "<p class=\"note\">{}</p>", checkins_note(day, l));
    let mut order: Vec<usize> = (0..model.checkins.len()).collect();
    order.sort_by_key(|&i| (model.checkins[i].date.as_ref().map(|d| d.value), i));
    out.push_str("<ol class=\"log\">\n");
    for i in order {
        let c = &model.checkins[i];
        let date = c.date.as_ref().map(|d| d.value);
        let later = date.is_some_and(|d| d > day);
        let _ = write!(
            out,
            "<li{}><h3>{}{}</h3>",
            if later { " class=\"later\"" } else { "" },
            date.map_or_else(|| "—".to_string(), |d| d.to_string()),
            c.label
                .as_deref()
                .map_or_else(String::new, |l| format!(" · {}", h(l)))
        );
        if later {
            let _ = write!(out, "<p class=\"muted\">{}</p>", after_day_words(l));
        }
        out.push_str("<dl class=\"positioning\">");
        if !c.actual.is_empty() {
            let _ = write!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                checkin_words("actual", l),
                uses(&c.actual, l)
            );
        }
        if !c.status.is_empty() {
            let list: Vec<String> = c
                .status
                .iter()
                .map(|r| {
                    let s = crate::status::State::Reported(r.state.value);
                    format!(
                        "{} {}",
                        h(&r.what.name),
                        state_badge(s.word(), item_tone(s), l)
                    )
                })
                .collect();
            let _ = write!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                checkin_words("status", l),
                list.join(l.pick(", ", "，"))
            );
        }
        if !c.spent.is_empty() {
            let _ = write!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                checkin_words("spent", l),
                uses(&c.spent, l)
            );
        }
        if let Some(by) = &c.by {
            let _ = write!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                checkin_words("by", l),
                h(&by.value)
            );
        }
        out.push_str("</dl>");
        if let Some(note) = &c.note {
            let _ = write!(out, "<blockquote>{}</blockquote>", h(&note.value));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> (String, Analysis) {
        let text = include_str!("../examples/acme.plan").to_string();
        let analysis = crate::analyze(&text, &[]);
        (text, analysis)
    }

    #[test]
    fn holds_every_part_and_loads_nothing() {
        let (text, a) = acme();
        let html = report("examples/acme.plan", &text, &a, Date::parse("2026-05-01"));
        for needle in [
            "<h1>Acme 2026</h1>",
            "县域餐饮收银系统服务商",
            "id=\"map\"",
            "id=\"timeline\"",
            "id=\"trace\"",
            "id=\"goals\"",
            "id=\"battles\"",
            "id=\"diagnostics\"",
            "as of 2026-05-01",
            "<main>",
            "<nav aria-label=\"Contents\">",
            "@page{size:A4 landscape",
            "Noto Sans CJK SC",
        ] {
            assert!(html.contains(needle), "{needle}");
        }
        assert!(html.contains(&format!("content=\"{CSP}\"")));
        assert!(!html.contains("<script"));
        assert!(!html.contains("src="));
        assert!(!html.contains("<link"));
        assert!(!html.contains("@import"));
        // The only absolute URLs are links to the diagnostics' explanations.
        assert!(!html
            .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
            .contains("http://"));
        // No id is used twice.
        let mut ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids");
    }

    #[test]
    fn goal_table_shows_gap_and_coverage() {
        let (text, a) = acme();
        let html = report("acme.plan", &text, &a, None);
        // revenue_2026: ¥2000万 − ¥1200万 = ¥800万, covered by hit's +¥800万.
        assert!(
            html.contains(
                "¥800万</td><td class=\"num\">¥800万</td><td><span class=\"enough\">covered (100%)"
            ),
            "{html}"
        );
    }

    #[test]
    fn diagnostics_have_an_excerpt_a_link_and_help() {
        let text = "plan \"p\" { period 2026-01-01 .. 2026-12-31 }\nmetric m count\ngoal g { target m 10 by 2026-12-31 }\n";
        let a = crate::analyze(text, &[]);
        let html = report("p.plan", text, &a, None);
        assert!(html.contains(&format!(
            "<a href=\"{DOCS_BASE}goal-without-path.md\">goal-without-path</a>"
        )));
        assert!(html.contains("<mark>"));
        assert!(html.contains("How to fix it:"));
        assert!(html.contains("p.plan:3:"));
    }

    #[test]
    fn hostile_text_stays_text() {
        let text =
            "plan \"</title><script>alert(1)</script>\" { period 2026-01-01 .. 2026-12-31 }\n\
positioning { we_are \"<img src=x onerror=alert(1)>\" }\n\
battle b \"<style>*{}</style>\" { }\n";
        let a = crate::analyze(text, &[]);
        let html = report("<x>.plan", text, &a, None);
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<style>*"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn byte_identical_for_the_same_input() {
        let text = crate::testing::plan(20);
        let a = crate::analyze(&text, &[]);
        let b = crate::analyze(&text, &[]);
        let day = Date::parse("2026-03-01");
        assert_eq!(
            report("g.plan", &text, &a, day),
            report("g.plan", &text, &b, day)
        );
    }

    #[test]
    fn any_text_gives_a_report() {
        for text in [
            "",
            "garbage {{{",
            "plan \"x\" {}",
            "battle b { window 2026-01-01 .. 2025-01-01 }",
            "\u{feff}plan \"x\" {\r\n}\r\n",
        ] {
            let a = crate::analyze(text, &[]);
            let html = report("x.plan", text, &a, None);
            assert!(html.ends_with("</html>\n"));
        }
    }
}
