//! `planc::format` keeps its three promises on every file we have and on
//! random plans: formatting twice changes nothing more (idempotent), the
//! plan means the same (same diagnostics, same model but for positions), and
//! no comment is lost. Every case and example that parses has its formatted
//! text as a snapshot.

use planc::format::comments::{self, CommentKind};
use planc::{analyze, Diagnostic};
use proptest::prelude::*;
use std::path::Path;

use crate::plans::plans_in;

// ------------------------------------------------------------ the promises

/// Format, and check every promise; returns the formatted text.
fn format_keeping_promises(text: &str) -> Result<String, TestCaseError> {
    let formatted = match planc::format::format(text) {
        Ok(formatted) => formatted,
        Err(d) => {
            return Err(TestCaseError::fail(format!(
                "does not format: {d:#?}\n{text}"
            )))
        }
    };
    let again = planc::format::format(&formatted)
        .map_err(|d| TestCaseError::fail(format!("formatted text does not format: {d:#?}")))?;
    prop_assert_eq!(&again, &formatted, "not idempotent; input:\n{}", text);
    prop_assert_eq!(
        comment_texts(text),
        comment_texts(&formatted),
        "comments differ; input:\n{}\nformatted:\n{}",
        text,
        formatted
    );
    let before = analyze(text, &[]);
    let after = analyze(&formatted, &[]);
    prop_assert_eq!(
        meaning_of_diagnostics(&before.diagnostics),
        meaning_of_diagnostics(&after.diagnostics),
        "diagnostics differ; input:\n{}\nformatted:\n{}",
        text,
        formatted
    );
    prop_assert_eq!(
        model_without_places(&before.model),
        model_without_places(&after.model),
        "models differ; input:\n{}\nformatted:\n{}",
        text,
        formatted
    );
    Ok(formatted)
}

/// Every comment's text, sorted (a comment may move, never change). A line
/// comment's trailing whitespace is not part of it.
fn comment_texts(text: &str) -> Vec<String> {
    let mut texts: Vec<String> = comments::scan(text)
        .iter()
        .map(|c| {
            let raw = &text[c.span.start()..c.span.end()];
            match c.kind {
                CommentKind::Line => raw.trim_end().to_string(),
                CommentKind::Block => raw.to_string(),
            }
        })
        .collect();
    texts.sort();
    texts
}

/// What a diagnostic says, without where.
fn meaning_of_diagnostics(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let labels: Vec<&str> = d.labels.iter().map(|l| l.message.as_str()).collect();
            format!(
                "{} {:?}: {} [{}] {:?} help: {}",
                d.code.name(),
                d.severity,
                d.message,
                d.span_label,
                labels,
                d.help
            )
        })
        .collect()
}

/// The model's debug rendering with every span replaced by `_`. The name
/// table (a hash map, printed in any order) is compared sorted.
fn model_without_places(model: &planc::model::Model) -> String {
    let names: std::collections::BTreeMap<_, _> = model.named().collect();
    let mut model = model.clone();
    model.names = Default::default();
    strip_spans(&format!("{model:#?}\n{names:#?}"))
}

fn strip_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').expect("a Span closes") + at + 1;
        out.push('_');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn strip_spans_replaces_every_span() {
    let debug = "A { span: Span {\n start: 3,\n end: 4,\n}, x: 1, y: Span { start: 5, end: 6 } }";
    assert_eq!(strip_spans(debug), "A { span: _, x: 1, y: _ }");
}

// ------------------------------------------------------------ every file we have

/// Format one file and check every promise, or check that it is refused
/// with exactly its syntax errors. Its formatted text is the snapshot
/// `fmt@{folder}-{name}`. Returns whether it formatted.
fn keeps_the_promises(path: &Path) -> bool {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 name");
    let text = std::fs::read_to_string(path).expect("cases are UTF-8");
    let (_, syntax_errors) = planc::syntax::parse(&text);
    if !syntax_errors.is_empty() {
        // Refused, with exactly its syntax diagnostics.
        let refused = planc::format::format(&text).expect_err(name);
        let expected: Vec<Diagnostic> = syntax_errors.iter().map(|e| e.to_diagnostic()).collect();
        assert_eq!(refused, expected, "{name}");
        return false;
    }
    let formatted = format_keeping_promises(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let dir = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|d| d.to_str());
    let shown = path
        .strip_prefix(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .canonicalize()
                .expect("the repository"),
        )
        .or_else(|_| path.strip_prefix(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or(path);
    insta::with_settings!({
        snapshot_suffix => format!("{}-{name}", dir.unwrap_or_default()),
        prepend_module_to_snapshot => false,
        description => format!("planc fmt {}", shown.display()),
        omit_expression => true,
    }, {
        insta::assert_snapshot!("fmt", formatted);
    });
    true
}

/// Every case, through `insta::glob!`: one failing case does not hide the
/// others, and `INSTA_GLOB_FILTER=cycle*` runs one alone.
#[test]
fn every_case_keeps_the_promises() {
    let mut formatted = 0;
    insta::glob!("cases/*.plan", |path: &Path| {
        formatted += usize::from(keeps_the_promises(path));
    });
    assert!(formatted > 30, "most cases parse");
}

#[test]
fn every_example_keeps_the_promises() {
    let mut formatted = 0;
    insta::glob!("../examples", "*.plan", |path: &Path| {
        formatted += usize::from(keeps_the_promises(path));
    });
    assert_eq!(
        formatted,
        plans_in("examples").len(),
        "every example parses"
    );
}

#[test]
fn the_language_example_is_already_canonical() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme.plan");
    let text = std::fs::read_to_string(path).expect("the example");
    assert_eq!(planc::format::format(&text).expect("formats"), text);
}

#[test]
fn the_layout_shown_in_docs_fmt_is_canonical() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fmt.md");
    let doc = std::fs::read_to_string(path).expect("docs/fmt.md");
    let start = doc.find("```plan\n").expect("a plan in docs/fmt.md") + "```plan\n".len();
    let end = start + doc[start..].find("```").expect("the plan ends");
    let example = &doc[start..end];
    assert_eq!(planc::format::format(example).expect("formats"), example);
}

// ------------------------------------------------------------ generated plans

#[test]
fn a_generated_plan_keeps_the_promises() {
    let text = planc::testing::plan(250);
    let formatted = format_keeping_promises(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        analyze(&formatted, &[]).diagnostics.is_empty(),
        "still clean"
    );
}

#[test]
fn a_generated_plan_in_a_mess_comes_back_canonical() {
    let text = planc::testing::plan(40);
    let canonical = planc::format::format(&text).expect("formats");
    let messy = planc::testing::untidy(&text);
    assert_ne!(messy, text);
    let formatted = format_keeping_promises(&messy).unwrap_or_else(|e| panic!("{e}"));
    // Blank lines the mess removed cannot come back; the rest is canonical.
    let squeeze = |s: &str| {
        s.lines()
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(squeeze(&formatted), squeeze(&canonical));
}

// ------------------------------------------------------------ random plans

/// Names, strings, quantities and dates to draw from: some valid, some not
/// (an impossible date is still a well-formed plan to format).
const NAMES: &[&str] = &["a", "b_2", "营收", "fission", "main", "product", "x9"];
const STRINGS: &[&str] = &[
    r#""plain""#,
    r#""县域中小餐饮门店""#,
    r#""quote \" inside""#,
    r#""a // b /* c""#,
    r#""tab\t\u{4e2d}\\""#,
    r#""""#,
];
const QUANTITIES: &[&str] = &[
    "5000",
    "5_000",
    "¥2000万",
    "+¥500万",
    "$1.5M",
    "-3%",
    "40%",
    "12.5%",
    "€300k",
    "1亿",
    "+5",
];
const DATES: &[&str] = &["2026-01-01", "2026-12-31", "2026-02-30", "2025-06-15"];
const DURATIONS: &[&str] = &["2w", "6mo", "45d", "1q", "1y"];
const LINE_COMMENTS: &[&str] = &[
    "// note",
    "// 注释 \"quoted\"",
    "//",
    "// has /* and */   ",
    "// a//b",
];
const BLOCK_COMMENTS: &[&str] = &["/* c */", "/**/", "/* 中 // x */", "/* \"q\" */"];
const MULTI_COMMENTS: &[&str] = &["/* two\n   lines */", "/*\n * star\n */", "/* a\n\n  b*/"];

struct Draw<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Draw<'_> {
    fn next(&mut self) -> usize {
        let b = self
            .bytes
            .get(self.at % self.bytes.len().max(1))
            .copied()
            .unwrap_or(0);
        self.at += 1;
        b as usize
    }

    fn pick<'p>(&mut self, pool: &[&'p str]) -> &'p str {
        pool[self.next() % pool.len()]
    }

    fn list(&mut self, words: &mut Vec<String>, one: impl Fn(&mut Self, &mut Vec<String>)) {
        let n = 1 + self.next() % 3;
        for i in 0..n {
            if i > 0 {
                words.push(",".into());
            }
            one(self, words);
        }
    }
}

/// One attribute of an item of the given kind, as words.
fn attribute(kind: usize, d: &mut Draw, words: &mut Vec<String>) {
    let keys: &[&str] = match kind {
        0 => &["period", "limits", "allow"],
        1 => &["we_are", "serve", "pain", "why_us", "not_do", "moat"],
        2 => &["capacity", "total"],
        4 => &[
            "perspective",
            "target",
            "baseline",
            "split",
            "supports",
            "breakthrough",
            "owner",
        ],
        5 => &[
            "serves", "main", "cost", "duration", "expects", "segment", "owner",
        ],
        6 => &[
            "on",
            "objective",
            "significance",
            "window",
            "needs",
            "review",
            "after",
            "owner",
            "segment",
        ],
        _ => &[
            "for", "kind", "owner", "window", "needs", "win", "after", "segment",
        ],
    };
    let key = d.pick(keys);
    words.push(key.into());
    let mut push = |w: &str| words.push(w.to_string());
    match key {
        "period" | "window" => {
            push(d.pick(DATES));
            push("..");
            push(d.pick(DATES));
        }
        "limits" => {
            push("main_paths");
            push("2");
            if d.next() % 2 == 0 {
                push(",");
                push("concurrent_battles");
                push("3");
            }
        }
        "allow" => d.list(words, |d, w| {
            w.push(
                d.pick(&["goal-undercovered", "tactic-without-owner", "overcommitted"])
                    .into(),
            )
        }),
        "we_are" | "serve" | "pain" | "why_us" | "owner" | "segment" | "significance" => {
            push(d.pick(STRINGS))
        }
        "not_do" => d.list(words, |d, w| w.push(d.pick(STRINGS).into())),
        "moat" => d.list(words, |d, w| {
            w.push(d.pick(NAMES).into());
            w.push(d.pick(&["1", "4", "5", "9"]).into());
        }),
        "capacity" | "total" | "baseline" => push(d.pick(QUANTITIES)),
        "perspective" => push(d.pick(&["financial", "customer", "process", "learning"])),
        "target" => {
            push(d.pick(NAMES));
            push(d.pick(QUANTITIES));
            push("by");
            push(d.pick(DATES));
        }
        "split" => {
            push(d.pick(&["quarterly", "monthly"]));
            d.list(words, |d, w| w.push(d.pick(QUANTITIES).into()));
        }
        "supports" | "serves" | "after" => d.list(words, |d, w| w.push(d.pick(NAMES).into())),
        "breakthrough" | "main" => {}
        "cost" | "expects" | "objective" | "needs" => d.list(words, |d, w| {
            w.push(d.pick(NAMES).into());
            w.push(d.pick(QUANTITIES).into());
        }),
        "duration" => push(d.pick(DURATIONS)),
        "review" => {
            push("every");
            push(d.pick(DURATIONS));
        }
        "on" | "for" => push(d.pick(NAMES)),
        "kind" => push(d.pick(&[
            "acquisition",
            "product",
            "conversion",
            "retention",
            "organization",
        ])),
        "win" => {
            push(d.pick(NAMES));
            push(d.pick(&[">=", ">", "<=", "<", "="]));
            push(d.pick(QUANTITIES));
        }
        other => unreachable!("{other}"),
    }
}

/// One item as words.
fn item(d: &mut Draw, words: &mut Vec<String>) {
    let kind = d.next() % 8;
    let keyword = [
        "plan",
        "positioning",
        "resource",
        "metric",
        "goal",
        "path",
        "battle",
        "tactic",
    ][kind];
    words.push(keyword.into());
    match kind {
        0 => words.push(d.pick(STRINGS).into()),
        1 => {}
        _ => {
            words.push(d.pick(NAMES).into());
            if d.next() % 3 != 0 {
                words.push(d.pick(STRINGS).into());
            }
        }
    }
    if kind == 3 {
        words.push(d.pick(&["money", "count", "percent"]).into());
        return;
    }
    words.push("{".into());
    let attrs = if kind == 2 {
        d.next() % 3
    } else {
        d.next() % 6
    };
    for _ in 0..attrs {
        attribute(kind, d, words);
    }
    words.push("}".into());
}

/// What goes between two words: whitespace and comments of every shape.
fn trivia(d: &mut Draw, before: &str, after: &str, out: &mut String) {
    let tight = |w: &str| matches!(w, "," | "{" | "}" | "..");
    match d.next() % 12 {
        0 | 1 => out.push(' '),
        2 => out.push('\n'),
        3 => out.push_str("\n\n\n  "),
        4 => out.push_str("\t "),
        5 => {
            out.push(' ');
            out.push_str(d.pick(BLOCK_COMMENTS));
            out.push(' ');
        }
        6 => {
            out.push(' ');
            out.push_str(d.pick(LINE_COMMENTS));
            out.push('\n');
        }
        7 => {
            out.push('\n');
            out.push_str(d.pick(MULTI_COMMENTS));
            out.push(if d.next() % 2 == 0 { '\n' } else { ' ' });
        }
        8 if tight(before) || tight(after) => {}
        9 => {
            out.push_str("  \n\n  ");
            out.push_str(d.pick(LINE_COMMENTS));
            out.push_str("\n  ");
        }
        10 => {
            out.push_str(d.pick(BLOCK_COMMENTS));
            out.push_str(d.pick(BLOCK_COMMENTS));
            out.push(' ');
        }
        11 => out.push_str("\r\n"),
        _ => out.push(' '),
    }
}

/// A syntactically valid plan with random content, spacing and comments.
fn random_plan(shape: &[u8], spacing: &[u8]) -> String {
    random_plan_with(shape, spacing, |word, _| word.to_string())
}

/// [`random_plan`], each word written as `write` says (given a draw).
fn random_plan_with(shape: &[u8], spacing: &[u8], write: impl Fn(&str, usize) -> String) -> String {
    let mut d = Draw {
        bytes: shape,
        at: 0,
    };
    let mut words = Vec::new();
    let items = shape.len() / 6;
    for _ in 0..items {
        item(&mut d, &mut words);
    }
    let mut s = Draw {
        bytes: spacing,
        at: 0,
    };
    let mut out = String::new();
    if s.next() % 5 == 0 {
        out.push('\u{feff}');
    }
    if s.next() % 2 == 0 {
        out.push_str(s.pick(LINE_COMMENTS));
        out.push('\n');
    }
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            trivia(&mut s, &words[i - 1], word, &mut out);
        }
        out.push_str(&write(word, s.next()));
    }
    match s.next() % 3 {
        0 => out.push('\n'),
        1 => {
            out.push(' ');
            out.push_str(s.pick(LINE_COMMENTS));
        }
        _ => {}
    }
    out
}

#[test]
fn random_plans_are_well_formed() {
    // The generator itself: its plans parse, so the properties test fmt.
    for seed in 0..200u8 {
        let shape: Vec<u8> = (0..60u8)
            .map(|i| seed.wrapping_mul(31).wrapping_add(i.wrapping_mul(7)))
            .collect();
        let spacing: Vec<u8> = (0..40u8)
            .map(|i| seed.wrapping_add(i.wrapping_mul(13)))
            .collect();
        let text = random_plan(&shape, &spacing);
        let (_, errors) = planc::syntax::parse(&text);
        assert!(errors.is_empty(), "{errors:#?}\n{text}");
    }
}

proptest! {
    // PROPTEST_CASES=20000 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_plans_keep_the_promises(
        shape in proptest::collection::vec(any::<u8>(), 0..120),
        spacing in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        let text = random_plan(&shape, &spacing);
        format_keeping_promises(&text)?;
    }
}

/// Words and marks of the language, in any order: mostly not a plan.
const SOUP: &[&str] = &[
    "goal",
    "metric",
    "resource",
    "g",
    "营收",
    "{",
    "}",
    ",",
    "..",
    "//",
    "/*",
    "*/",
    "\"",
    "\"x\"",
    "\n",
    " ",
    "\r\n",
    "owner",
    "capacity",
    "¥1万",
    "money",
    "2026-01-01",
    "\\",
    "\u{feff}",
];

proptest! {
    #[test]
    fn any_text_is_formatted_or_refused_never_a_panic(
        garbage in "(?s).{0,200}",
        soup in proptest::collection::vec(proptest::sample::select(SOUP), 0..60),
    ) {
        for text in [garbage, soup.concat()] {
            if let Ok(formatted) = planc::format::format(&text) {
                let again = planc::format::format(&formatted).ok();
                prop_assert_eq!(again.as_ref(), Some(&formatted), "not idempotent on {:?}", text);
                prop_assert_eq!(comment_texts(&text), comment_texts(&formatted));
            }
        }
    }
}

// ------------------------------------------------------------ full-width input

/// A word as a Chinese keyboard may type it (LANGUAGE.md, "Chinese
/// keyboards"), or as it is, as `draw` decides.
fn full_width(word: &str, draw: usize) -> String {
    if draw % 4 == 0 {
        return word.to_string();
    }
    match word {
        "," => "，".into(),
        ">=" => ["≥", "＞＝", ">＝"][draw % 3].into(),
        "<=" => ["≤", "＜＝"][draw % 2].into(),
        ">" => "＞".into(),
        "<" => "＜".into(),
        "=" => "＝".into(),
        _ if word.starts_with('"') && word.ends_with('"') && word.len() >= 2 => {
            format!("“{}”", &word[1..word.len() - 1])
        }
        _ if word.ends_with('%') => format!("{}％", &word[..word.len() - 1]),
        _ if word.contains('¥') => {
            let word = if draw % 2 == 0 {
                word.replace('¥', "￥")
            } else {
                word.to_string()
            };
            format!("{word}元")
        }
        _ => word.to_string(),
    }
}

proptest! {
    /// A plan typed with full-width marks keeps every promise, and formats
    /// to exactly what its ASCII twin formats to.
    #[test]
    fn full_width_plans_keep_the_promises_and_format_to_ascii(
        shape in proptest::collection::vec(any::<u8>(), 0..120),
        spacing in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        let ascii = random_plan(&shape, &spacing);
        let wide = random_plan_with(&shape, &spacing, full_width);
        let formatted = format_keeping_promises(&wide)?;
        let twin = planc::format::format(&ascii).map_err(|d| TestCaseError::fail(format!("{d:#?}")))?;
        prop_assert_eq!(&formatted, &twin, "input:\n{}", wide);
    }
}

#[test]
fn full_width_random_plans_use_every_mark() {
    // The generator really types full width: over a few seeds, every mark.
    let mut seen = String::new();
    for seed in 0..60u8 {
        let shape: Vec<u8> = (0..90u8)
            .map(|i| seed.wrapping_mul(29).wrapping_add(i.wrapping_mul(11)))
            .collect();
        let spacing: Vec<u8> = (0..40u8)
            .map(|i| seed.wrapping_add(i.wrapping_mul(7)))
            .collect();
        let text = random_plan_with(&shape, &spacing, full_width);
        assert!(planc::syntax::parse(&text).1.is_empty(), "{text}");
        seen.push_str(&text);
    }
    for mark in ["，", "“", "”", "％", "≥", "≤", "＞", "＜", "＝", "￥", "元"] {
        assert!(seen.contains(mark), "no {mark} in the generated plans");
    }
}

#[test]
fn the_full_width_case_formats_to_ascii_and_means_the_same() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/fullwidth.plan");
    let text = std::fs::read_to_string(path).expect("the case");
    let analysis = analyze(&text, &[]);
    assert!(
        analysis.diagnostics.is_empty(),
        "{:#?}",
        analysis.diagnostics
    );
    let formatted = format_keeping_promises(&text).unwrap_or_else(|e| panic!("{e}"));
    // Outside comments and the texts in quotes, only ASCII marks are left.
    let mut code = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for line in formatted.lines().filter(|l| !l.starts_with("//")) {
        for c in line.chars() {
            if c == '"' && !escaped {
                quoted = !quoted;
            } else if !quoted {
                code.push(c);
            }
            escaped = c == '\\' && !escaped;
        }
    }
    for mark in ['，', '“', '”', '％', '≥', '≤', '＞', '＜', '＝', '￥', '元'] {
        assert!(!code.contains(mark), "`{mark}` is still in\n{formatted}");
    }
    assert!(
        formatted.contains(r#"pain   "午后没有\"好喝\"又健康的饮品""#),
        "{formatted}"
    );
    assert!(formatted.contains("win 客单价 < ¥80\n"), "{formatted}");
    assert!(formatted.contains("win 复购率 >= 30%\n"), "{formatted}");
}

#[test]
fn comments_and_texts_keep_their_full_width_marks() {
    let text = "// 注释：“不改”，≥ 40％\ntactic t { owner “王芳，李雷” win r ≥ 5 } /* ￥5万元 */\n";
    assert_eq!(
        planc::format::format(text).expect("formats"),
        "// 注释：“不改”，≥ 40％\ntactic t {\n  owner \"王芳，李雷\"\n  win r >= 5\n} /* ￥5万元 */\n"
    );
}

// ------------------------------------------------------------ old Mac line ends

#[test]
fn a_file_with_lone_carriage_returns_reads_and_formats_like_one_with_newlines() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/clean.plan");
    let unix = std::fs::read_to_string(path).expect("the case");
    let mac = unix.replace('\n', "\r");
    assert!(planc::syntax::parse(&mac).1.is_empty());
    assert_eq!(
        meaning_of_diagnostics(&analyze(&mac, &[]).diagnostics),
        meaning_of_diagnostics(&analyze(&unix, &[]).diagnostics),
    );
    assert_eq!(
        model_without_places(&analyze(&mac, &[]).model),
        model_without_places(&analyze(&unix, &[]).model)
    );
    let formatted = format_keeping_promises(&mac).unwrap_or_else(|e| panic!("{e}"));
    let unix_formatted = planc::format::format(&unix).expect("formats");
    assert_eq!(formatted, unix_formatted.replace('\n', "\r"));
}

#[test]
fn a_lone_carriage_return_ends_a_comment_and_an_item_can_follow() {
    let text = "// old mac\rmetric a count // note\rmetric b money\r";
    assert!(planc::syntax::parse(text).1.is_empty());
    assert_eq!(
        planc::format::format(text).expect("formats"),
        "// old mac\rmetric a count // note\rmetric b money\r"
    );
    // Recovery after a broken item starts at the next line, as with `\n`.
    let (file, errors) = planc::syntax::parse("goal g { oops }\rmetric a count\r");
    assert_eq!(errors.len(), 1);
    assert_eq!(file.items.len(), 1);
}
