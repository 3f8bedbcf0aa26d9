//! planc speaks Chinese (issue 16): every diagnostic of every case exists in
//! both languages with the same facts; Chinese output has no untranslated
//! English sentence; English output has no Chinese the plan did not write;
//! the language is chosen as LANGUAGE.md orders it; `planc init`.

use planc::analysis::analyze_in;
use planc::render::{human, json, Source};
use planc::{Lang, LangPref};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::plans::plans_in;
use crate::support::{self, stderr, stdout};

fn cases() -> Vec<(String, String)> {
    plans_in("tests/cases")
        .into_iter()
        .chain(plans_in("examples"))
        .map(|p| {
            let name = p
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8")
                .to_string();
            let text = std::fs::read_to_string(&p).expect("cases are UTF-8");
            (name, text)
        })
        .collect()
}

fn in_lang(text: &str, lang: Lang) -> planc::Analysis {
    analyze_in(text, &[], LangPref::forced(lang))
}

/// Every text planc wrote for a diagnostic: message, caret label, labels, help.
fn texts(d: &planc::Diagnostic) -> Vec<&str> {
    let mut all = vec![d.message.as_str(), d.span_label.as_str(), d.help.as_str()];
    all.extend(d.labels.iter().map(|l| l.message.as_str()));
    all
}

/// Same names, severities, places and labelled places in both languages,
/// every text present in both.
#[test]
fn every_case_has_the_same_facts_in_both_languages() {
    for (name, text) in cases() {
        let en = in_lang(&text, Lang::En);
        let zh = in_lang(&text, Lang::Zh);
        assert_eq!(en.lang, Lang::En);
        assert_eq!(zh.lang, Lang::Zh);
        assert_eq!(en.diagnostics.len(), zh.diagnostics.len(), "{name}");
        assert_eq!(en.has_errors(), zh.has_errors(), "{name}: the exit code");
        for (e, z) in en.diagnostics.iter().zip(&zh.diagnostics) {
            assert_eq!(
                (e.code, e.severity, e.span),
                (z.code, z.severity, z.span),
                "{name}"
            );
            let places =
                |d: &planc::Diagnostic| d.labels.iter().map(|l| l.span).collect::<Vec<_>>();
            assert_eq!(places(e), places(z), "{name}: {}", e.message);
            assert_eq!(e.origin, z.origin, "{name}");
            for (a, b) in texts(e).into_iter().zip(texts(z)) {
                assert_eq!(a.is_empty(), b.is_empty(), "{name}: `{a}` / `{b}`");
            }
            assert_ne!(e.message, z.message, "{name}: not translated");
        }
    }
}

/// `text` without what is code (between backticks), quoted (“…”, "…",
/// «…») or a path: what is left is planc's own sentence.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut skip: Option<char> = None;
    for c in text.chars() {
        match (skip, c) {
            (None, '`') => skip = Some('`'),
            (None, '“') => skip = Some('”'),
            (None, '"') => skip = Some('"'),
            (None, '«') => skip = Some('»'),
            (Some(end), c) if c == end => {
                skip = None;
                out.push(' ');
            }
            (None, c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Three English words in a row is a sentence planc forgot to translate.
fn english_sentence(text: &str) -> Option<String> {
    let mut run = Vec::new();
    for w in prose(text).split(|c: char| c.is_whitespace()) {
        let pure = !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, ',' | ';' | '.' | '\''));
        if pure && w.chars().filter(char::is_ascii_alphabetic).count() >= 2 {
            run.push(w);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

#[test]
fn chinese_output_has_no_english_sentence() {
    for (name, text) in cases() {
        for d in in_lang(&text, Lang::Zh).diagnostics {
            for t in texts(&d) {
                assert_eq!(english_sentence(t), None, "{name}: {t}");
                if !t.is_empty() {
                    assert!(
                        t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                        "{name}: {t}"
                    );
                }
            }
        }
    }
}

fn han(c: char) -> bool {
    ('\u{3000}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// The Chinese that English help lines use on purpose: examples of names
/// and amounts as a Chinese plan writes them.
const ENGLISH_EXAMPLES: &[&str] = &[
    "万",
    "亿",
    "元",
    "张三",
    "县域中小餐饮门店",
    "营收",
    "大促",
    "目标",
    "路径",
    "打法",
    "指标",
    "资源",
];

#[test]
fn english_output_has_no_chinese_the_plan_did_not_write() {
    for (name, text) in cases() {
        for d in in_lang(&text, Lang::En).diagnostics {
            for t in texts(&d) {
                let runs = t.split(|c: char| !han(c)).filter(|r| !r.is_empty());
                for run in runs {
                    assert!(
                        text.contains(run)
                            || ENGLISH_EXAMPLES
                                .iter()
                                .any(|e| run == *e || e.contains(run)),
                        "{name}: `{run}` in {t}"
                    );
                }
            }
        }
    }
}

/// What a Chinese founder reads: the human output of every case, in Chinese.
#[test]
fn chinese_human_output_of_every_case() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("cases/*.plan", |path: &Path| {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8")
                .to_string();
            let text = std::fs::read_to_string(path).expect("UTF-8");
            let analysis = in_lang(&text, Lang::Zh);
            let file = format!("tests/cases/{name}.plan");
            let source = Source::new(&file, &text, &analysis.diagnostics).with_lang(Lang::Zh);
            let rendered = human::render(
                &source,
                human::Style {
                    color: false,
                    width: 100,
                },
            );
            insta::assert_snapshot!("zh_human", rendered);
        });
    });
}

/// JSON keys and names never change; only the words do.
#[test]
fn json_keys_and_names_do_not_change() {
    let text = std::fs::read_to_string("tests/cases/many-faults.plan").expect("readable");
    let en = in_lang(&text, Lang::En);
    let zh = in_lang(&text, Lang::Zh);
    let keys = |a: &planc::Analysis| {
        let v = json::render(&[Source::new("x.plan", &text, &a.diagnostics)]);
        let mut out = Vec::new();
        walk(&v, &mut out);
        out
    };
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    out.push(k.clone());
                    if k == "code" || k == "severity" || k == "line" || k == "column" {
                        out.push(v.to_string());
                    }
                    walk(v, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    assert_eq!(keys(&en), keys(&zh));
}

// ------------------------------------------------------------ the order

fn planc(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_planc"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    for var in ["PLANC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    command.stdin(Stdio::null()).output().expect("planc runs")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const CASE: &str = "tests/cases/goal-without-path.plan";

#[test]
fn the_language_comes_from_lang_then_the_plan_then_the_environment() {
    let en = planc(repo(), &["check", CASE], &[("LANG", "C.UTF-8")]);
    let zh_env = planc(repo(), &["check", CASE], &[("LANG", "zh_CN.UTF-8")]);
    let zh_flag = planc(repo(), &["check", CASE, "--lang", "zh"], &[]);
    let en_flag = planc(
        repo(),
        &["check", "--lang=en", CASE],
        &[("PLANC_LANG", "zh")],
    );
    let lc_all = planc(
        repo(),
        &["check", CASE],
        &[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")],
    );
    assert!(stderr(&en).contains("no path serves"), "{}", stderr(&en));
    assert!(stderr(&en_flag).contains("no path serves"));
    for o in [&zh_env, &zh_flag, &lc_all] {
        assert!(stderr(o).contains("没有任何路径服务于"), "{}", stderr(o));
        assert!(stderr(o).contains("建议："));
        assert_eq!(o.status.code(), en.status.code());
    }
    // The plan's own `lang` beats the environment, and `--lang` beats it.
    let dir = support::scratch("zh", "plan-lang");
    let text = std::fs::read_to_string(repo().join(CASE)).expect("readable");
    let text = text.replacen("period ", "lang zh\n  period ", 1);
    std::fs::write(dir.join("p.plan"), text).expect("written");
    let plan_zh = planc(&dir, &["check", "p.plan"], &[("LANG", "C.UTF-8")]);
    assert!(
        stderr(&plan_zh).contains("没有任何路径服务于"),
        "{}",
        stderr(&plan_zh)
    );
    let forced = planc(&dir, &["check", "p.plan", "--lang", "en"], &[]);
    assert!(
        stderr(&forced).contains("no path serves"),
        "{}",
        stderr(&forced)
    );
}

#[test]
fn json_and_sarif_carry_chinese_words_under_the_same_keys() {
    let o = planc(
        repo(),
        &["check", CASE, "--format", "json", "--lang", "zh"],
        &[],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let text = v.to_string();
    assert!(text.contains("\"code\":\"goal-without-path\""), "{text}");
    assert!(text.contains("没有任何路径服务于"));
    let o = planc(
        repo(),
        &["check", CASE, "--format", "markdown", "--lang", "zh"],
        &[],
    );
    assert!(
        stdout(&o).contains("| | 位置 | 名称 | 问题 | 怎么改 |"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_command_line_speaks_chinese_too() {
    let o = planc(repo(), &["check", "no-such.plan", "--lang", "zh"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("planc：无法读取 `no-such.plan`：没有这个文件"),
        "{}",
        stderr(&o)
    );
    // A file the plan named in Chinese does not make English Chinese.
    let o = planc(repo(), &["check", "战略.plan", "--lang", "en"], &[]);
    assert_eq!(stderr(&o), "planc: cannot read `战略.plan`: no such file\n");
    let o = planc(repo(), &["--help"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        stdout(&o).contains("检查计划，报告发现的每一个问题"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("生成一份入门计划"), "{}", stdout(&o));
}

// ------------------------------------------------------------ the command line's help

/// clap's help and its errors for bad arguments, in both languages: read
/// in the snapshots. Chinese help has no English sentence; English help
/// has no Chinese; the exit codes are the same.
#[test]
fn help_and_argument_errors_in_both_languages() {
    let runs: &[(&str, &[&str])] = &[
        ("help", &["--help"]),
        ("help-short", &["-h"]),
        ("check-help", &["check", "--help"]),
        ("init-help", &["init", "--help"]),
        ("help-command", &["help", "graph"]),
        ("unknown-option", &["check", "--colr", "never", "x.plan"]),
        ("missing-value", &["check", "x.plan", "--format"]),
        ("invalid-value", &["status", "x.plan", "--fail-on", "late"]),
        ("bad-date", &["graph", "x.plan", "--today", "2026-13-01"]),
        ("missing-argument", &["check"]),
        ("unknown-command", &["chek", "x.plan"]),
        ("extra-argument", &["build", "a.plan", "b.plan"]),
    ];
    for (name, args) in runs {
        let en = planc(repo(), args, &[("LANG", "C.UTF-8")]);
        let zh = planc(repo(), args, &[("LANG", "zh_CN.UTF-8")]);
        let flag = [&["--lang", "zh"][..], args].concat();
        let zh_flag = planc(repo(), &flag, &[]);
        assert_eq!(en.status.code(), zh.status.code(), "{name}");
        assert_eq!(stdout(&zh), stdout(&zh_flag), "{name}");
        assert_eq!(stderr(&zh), stderr(&zh_flag), "{name}");
        let help = name.contains("help");
        assert_eq!(en.status.code(), Some(if help { 0 } else { 2 }), "{name}");
        let shown = |o: &Output| format!("{}{}", stdout(o), stderr(o));
        let (en_text, zh_text) = (shown(&en), shown(&zh));
        assert!(!en_text.chars().any(han), "{name}: {en_text}");
        assert_eq!(english_sentence(&zh_text), None, "{name}: {zh_text}");
        insta::assert_snapshot!(format!("cli-{name}-en"), en_text);
        insta::assert_snapshot!(format!("cli-{name}-zh"), zh_text);
    }
}

// ------------------------------------------------------------ planc init

/// The files `planc init` writes, from its folder.
const INIT_FILES: [&str; 2] = ["strategy.plan", "checkins/2027-03-15.plan"];

#[test]
fn init_writes_a_clean_starter_and_never_overwrites() {
    for (lang, words, checkin_words) in [("zh", "第一步", "复盘"), ("en", "Step 1", "check-in")]
    {
        let dir = support::scratch("zh", &format!("init-{lang}"));
        let o = planc(&dir, &["init", "company", "--lang", lang], &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let plan = dir.join("company/strategy.plan");
        let text = std::fs::read_to_string(&plan).expect("written");
        assert!(text.contains(words));
        assert!(text.contains("include \"checkins/*.plan\""), "{text}");
        let checkin =
            std::fs::read_to_string(dir.join("company/checkins/2027-03-15.plan")).expect("written");
        assert!(checkin.contains("checkin 2027-03-15") && checkin.contains(checkin_words));
        // Clean, with its check-in read (the status table shows it), in
        // the starter's language under any environment.
        for env in [("LANG", "C.UTF-8"), ("LANG", "zh_CN.UTF-8")] {
            let check = planc(
                &dir,
                &["check", "company/strategy.plan", "--deny", "warnings"],
                &[env],
            );
            assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
            assert_eq!(stderr(&check), "");
        }
        let folder = planc(&dir, &["check", "company", "--deny", "warnings"], &[]);
        assert_eq!(folder.status.code(), Some(0), "{}", stderr(&folder));
        let status = planc(
            &dir,
            &["status", "company/strategy.plan", "--today", "2027-03-20"],
            &[],
        );
        assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
        assert!(
            stdout(&status).contains("2027-03-15"),
            "{}",
            stdout(&status)
        );
        assert_eq!(stderr(&status), "", "the starter's check-in is on plan");
        // Again: refused, nothing touched.
        std::fs::write(&plan, "mine").expect("written");
        let again = planc(&dir, &["init", "company", "--lang", lang], &[]);
        assert_eq!(again.status.code(), Some(2));
        assert_eq!(std::fs::read_to_string(&plan).expect("readable"), "mine");
        assert!(!stderr(&again).is_empty());
    }
    // The Chinese starter uses Chinese names and amounts in 万.
    let dir = support::scratch("zh", "init-names");
    planc(&dir, &["init", "--lang", "zh"], &[]);
    let text = std::fs::read_to_string(dir.join("strategy.plan")).expect("written");
    assert!(text.contains("metric 营收") && text.contains("¥1000万") && text.contains("lang zh"));
    let checkin = std::fs::read_to_string(dir.join("checkins/2027-03-15.plan")).expect("written");
    assert!(checkin.contains("actual 营收 ¥170万"), "{checkin}");
}

/// Any one of the files `init` would write already there: exit 2, and
/// nothing written, created or changed; the same for a name on the way
/// that is not a folder.
#[test]
fn init_refuses_when_any_file_exists() {
    for (i, existing) in INIT_FILES.iter().enumerate() {
        for lang in ["en", "zh"] {
            let dir = support::scratch("zh", &format!("init-refused-{i}-{lang}"));
            let target = dir.join("co").join(existing);
            std::fs::create_dir_all(target.parent().expect("a folder")).expect("made");
            std::fs::write(&target, "mine").expect("written");
            let before = listing(&dir);
            let o = planc(&dir, &["init", "co", "--lang", lang], &[]);
            assert_eq!(o.status.code(), Some(2), "{existing}");
            assert!(stderr(&o).contains(existing), "{}", stderr(&o));
            assert_eq!(listing(&dir), before, "{existing}: nothing touched");
            assert_eq!(std::fs::read_to_string(&target).expect("kept"), "mine");
            if lang == "zh" {
                assert!(stderr(&o).contains("已经存在"), "{}", stderr(&o));
            }
        }
    }
    // `checkins` is a file, not a folder.
    let dir = support::scratch("zh", "init-refused-folder");
    std::fs::write(dir.join("checkins"), "mine").expect("written");
    let before = listing(&dir);
    let o = planc(&dir, &["init"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a folder"), "{}", stderr(&o));
    assert_eq!(listing(&dir), before);
    // A dangling link where the plan goes: refused, the link not followed.
    let dir = support::scratch("zh", "init-refused-link");
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("strategy.plan")).expect("linked");
    let before = listing(&dir);
    let o = planc(&dir, &["init"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(listing(&dir), before);
    assert!(!dir.join("nowhere").exists());
    // An empty `checkins/` already there is fine.
    let dir = support::scratch("zh", "init-empty-checkins");
    std::fs::create_dir(dir.join("checkins")).expect("made");
    let o = planc(&dir, &["init"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for file in INIT_FILES {
        assert!(dir.join(file).is_file(), "{file}");
    }
}

/// Every path under `dir` with its contents (for "nothing touched").
fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("meta");
            let bytes = if meta.is_file() {
                std::fs::read(&path).expect("readable")
            } else {
                Vec::new()
            };
            if meta.is_dir() {
                stack.push(path.clone());
            }
            out.push((path.display().to_string(), bytes));
        }
    }
    out.sort();
    out
}

/// `planc fmt` keeps the plan's `lang`.
#[test]
fn fmt_keeps_lang() {
    let text = "plan \"P\" {\n  lang   zh\n  period 2026-01-01 .. 2026-12-31\n}\n";
    let formatted = planc::format::format(text).expect("formats");
    assert!(formatted.contains("lang zh"), "{formatted}");
    assert_eq!(planc::analyze(&formatted, &[]).lang, Lang::Zh);
}

/// The language server's hover speaks the plan's language.
#[test]
fn hover_speaks_chinese() {
    use planc::lsp::document::Document;
    let text = std::fs::read_to_string("examples/acme.plan").expect("readable");
    let zh = Document::with_analysis(
        "file:///acme.plan".parse().expect("a URI"),
        1,
        text.clone(),
        in_lang(&text, Lang::Zh),
    );
    let en = Document::new("file:///acme.plan".parse().expect("a URI"), 1, text);
    let model = &zh.analysis.model;
    use planc::syntax::ast::ItemKind;
    for (kind, n) in [
        (ItemKind::Battle, model.battles.len()),
        (ItemKind::Goal, model.goals.len()),
        (ItemKind::Path, model.paths.len()),
        (ItemKind::Tactic, model.tactics.len()),
        (ItemKind::Metric, model.metrics.len()),
        (ItemKind::Resource, model.resources.len()),
    ] {
        for i in 0..n {
            let said = planc::lsp::hover::describe(&zh, kind, i);
            for line in said.lines() {
                assert_eq!(english_sentence(line), None, "{said}");
            }
            let english = planc::lsp::hover::describe(&en, kind, i);
            assert_eq!(
                said.lines().count(),
                english.lines().count(),
                "{said}\n{english}"
            );
        }
    }
}

/// `planc explain NAME` shows the Chinese page when the run speaks Chinese.
#[test]
fn explain_speaks_chinese() {
    let zh = planc(repo(), &["explain", "cycle", "--lang", "zh"], &[]);
    assert_eq!(zh.status.code(), Some(0));
    assert!(stdout(&zh).contains("级别"), "{}", stdout(&zh));
    let env = planc(repo(), &["explain", "cycle"], &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(stdout(&env), stdout(&zh));
    let en = planc(repo(), &["explain", "cycle"], &[("LANG", "C.UTF-8")]);
    assert!(stdout(&en).contains("**Severity:**"), "{}", stdout(&en));
    let list = planc(repo(), &["explain", "--lang", "zh"], &[]);
    assert!(stdout(&list).contains("全部诊断"), "{}", stdout(&list));
}

// ------------------------------------------------------------ planc status

/// `planc status --lang zh`: the table and the weekly report in the
/// glossary's words, the findings in Chinese with the same names as in
/// English, and the JSON unchanged.
#[test]
fn status_speaks_chinese() {
    let args = |format: &'static str, lang: &'static str| {
        [
            "status",
            "examples/acme.plan",
            "--today",
            "2026-04-20",
            "--format",
            format,
            "--lang",
            lang,
        ]
    };
    let zh = planc(repo(), &args("human", "zh"), &[]);
    let en = planc(repo(), &args("human", "en"), &[]);
    assert_eq!(zh.status.code(), en.status.code());
    let table = stdout(&zh);
    for word in ["目标", "有风险", "正常", "进行中", "资源池"] {
        assert!(table.contains(word), "{word}: {table}");
    }
    insta::assert_snapshot!("status-zh-human", format!("{table}\n{}", stderr(&zh)));
    let markdown = planc(repo(), &args("markdown", "zh"), &[]);
    assert_eq!(markdown.status.code(), en.status.code());
    insta::assert_snapshot!("status-zh-markdown", stdout(&markdown));
    // The same findings, by name, in both languages.
    let names = |o: &Output| {
        let text = stderr(o);
        planc::status::CODES
            .iter()
            .filter(|c| text.contains(c.name()))
            .count()
    };
    assert_eq!(names(&zh), names(&en));
    // JSON speaks English keys and states whatever the language.
    let jz = planc(repo(), &args("json", "zh"), &[]);
    let je = planc(repo(), &args("json", "en"), &[]);
    let value = |o: &Output| serde_json::from_str::<serde_json::Value>(&stdout(o)).expect("JSON");
    let (mut vz, mut ve) = (value(&jz), value(&je));
    for v in [&mut vz, &mut ve] {
        if let Some(o) = v.as_object_mut() {
            o.remove("diagnostics");
        }
    }
    assert_eq!(vz, ve);
}

/// Every status finding, worded in Chinese, has no untranslated English
/// sentence, and the same places as in English.
#[test]
fn status_findings_in_chinese() {
    for (name, text) in cases() {
        let analysis = in_lang(&text, Lang::En);
        if analysis.has_errors() {
            continue;
        }
        for today in ["2026-01-05", "2026-04-20", "2026-09-30", "2027-03-01"] {
            let day = planc::date::Date::parse(today).expect("a date");
            let status = planc::status::status(&analysis.model, day);
            let en = planc::status::diagnostics_in(&analysis.model, &status, &[], Lang::En);
            let zh = planc::status::diagnostics_in(&analysis.model, &status, &[], Lang::Zh);
            assert_eq!(en.len(), zh.len());
            for (e, z) in en.iter().zip(&zh) {
                assert_eq!((e.code, e.span), (z.code, z.span), "{name}");
                let places =
                    |d: &planc::Diagnostic| d.labels.iter().map(|l| l.span).collect::<Vec<_>>();
                assert_eq!(places(e), places(z), "{name}");
                for t in texts(z) {
                    assert_eq!(english_sentence(t), None, "{name}: {t}");
                }
            }
        }
    }
}

// ------------------------------------------------------------ the audit of "done when"

/// The facts of `planc check --format json`: every value but the words
/// (`message`, `help`, a label's `message`).
fn facts(json: &str) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("message");
                map.remove("help");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(list) => list.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    strip(&mut v);
    v
}

/// Every message and help of `planc check --format json`.
fn words(json: &str) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("message" | "help", serde_json::Value::String(s)) => out.push(s.clone()),
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(list) => list.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::from_str(json).expect("JSON"), &mut out);
    out
}

/// Through the command line, every case checked in Chinese three ways —
/// `--lang zh`, `LANG=zh_CN.UTF-8`, and the plan's own `lang zh` under
/// `C.UTF-8` — gives the same names, places and exit code as English, with
/// every message and help in Chinese; GitHub annotations, SARIF and the
/// markdown summary likewise.
#[test]
fn every_case_through_the_command_line_in_chinese() {
    let dir = support::scratch("zh", "audit");
    for path in plans_in("tests/cases") {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8");
        let file = format!("tests/cases/{name}.plan");
        let json = ["check", file.as_str(), "--format", "json"];
        let en = planc(repo(), &json, &[("LANG", "C.UTF-8")]);
        let forced = planc(repo(), &[&json[..], &["--lang", "zh"]].concat(), &[]);
        let env = planc(repo(), &json, &[("LANG", "zh_CN.UTF-8")]);
        assert!(
            !words(&stdout(&en)).iter().any(|w| w.chars().any(han))
                || std::fs::read_to_string(&path)
                    .expect("UTF-8")
                    .chars()
                    .any(han),
            "{name}"
        );
        for zh in [&forced, &env] {
            assert_eq!(en.status.code(), zh.status.code(), "{name}");
            assert_eq!(facts(&stdout(&en)), facts(&stdout(zh)), "{name}");
            assert_eq!(stdout(&forced), stdout(zh), "{name}");
            for w in words(&stdout(zh)) {
                assert_eq!(english_sentence(&w), None, "{name}: {w}");
                assert!(w.chars().any(han), "{name}: {w}");
            }
        }
        // The plan's own `lang zh`, on a machine speaking C.UTF-8.
        let text = std::fs::read_to_string(&path).expect("UTF-8");
        // After the `{` of the first line that opens the `plan` item.
        let opening = text
            .match_indices("plan \"")
            .find(|(i, _)| *i == 0 || text[..*i].ends_with('\n'))
            .and_then(|(i, _)| text[i..].find("{\n").map(|j| i + j + 1));
        if let Some(at) = opening {
            if !text.contains("\n  lang ") {
                let own = format!("{}\n  lang zh{}", &text[..at], &text[at..]);
                let en_own = in_lang(&own, Lang::En);
                let copy = dir.join(format!("{name}.plan"));
                std::fs::write(&copy, &own).expect("written");
                let shown = copy.display().to_string();
                let o = planc(
                    repo(),
                    &["check", &shown, "--format", "json"],
                    &[("LANG", "C.UTF-8")],
                );
                assert_eq!(
                    o.status.code(),
                    Some(if en_own.has_errors() { 1 } else { 0 }),
                    "{name}"
                );
                for w in words(&stdout(&o)) {
                    assert!(w.chars().any(han), "{name} with lang zh: {w}");
                }
            }
        }
        // GitHub, SARIF, markdown: the same in Chinese, only the words change.
        for format in ["github", "sarif", "markdown"] {
            let args = ["check", file.as_str(), "--format", format];
            let en = planc(repo(), &args, &[("LANG", "C.UTF-8")]);
            let zh = planc(repo(), &[&args[..], &["--lang", "zh"]].concat(), &[]);
            assert_eq!(en.status.code(), zh.status.code(), "{name} {format}");
            let (en_out, zh_out) = (stdout(&en), stdout(&zh));
            assert_eq!(en_out.lines().count() > 0, zh_out.lines().count() > 0);
            match format {
                "github" => {
                    // `::error file=…,title=planc NAME::words`: the same
                    // places and names; the words in Chinese.
                    let heads = |s: &str| {
                        s.lines()
                            .filter(|l| l.starts_with("::"))
                            .map(|l| l.split("::").take(2).collect::<Vec<_>>().join("::"))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(heads(&en_out), heads(&zh_out), "{name}");
                    for line in zh_out.lines() {
                        let said = line.splitn(3, "::").nth(2).unwrap_or_default();
                        let said = said.replace("%0A", "\n");
                        assert!(english_sentence(&said).is_none(), "{name}: {line}");
                    }
                }
                "sarif" => {
                    let v: serde_json::Value = serde_json::from_str(&zh_out).expect("SARIF");
                    let e: serde_json::Value = serde_json::from_str(&en_out).expect("SARIF");
                    let results = |v: &serde_json::Value| {
                        v["runs"][0]["results"]
                            .as_array()
                            .cloned()
                            .unwrap_or_default()
                    };
                    let (zr, er) = (results(&v), results(&e));
                    assert_eq!(zr.len(), er.len(), "{name}");
                    for (z, e) in zr.iter().zip(&er) {
                        assert_eq!(z["ruleId"], e["ruleId"], "{name}");
                        assert_eq!(z["locations"], e["locations"], "{name}");
                        let text = z["message"]["text"].as_str().unwrap_or_default();
                        assert_eq!(english_sentence(text), None, "{name}: {text}");
                        assert!(text.chars().any(han), "{name}: {text}");
                    }
                }
                _ => {
                    // Table cells: place | name | message | help.
                    for line in zh_out.lines().filter(|l| l.starts_with('|')) {
                        assert!(english_sentence(line).is_none(), "{name}: {line}");
                    }
                    assert!(!en_out.chars().any(han) || text.chars().any(han), "{name}");
                }
            }
        }
    }
}

/// `planc explain NAME --lang zh` for every name: its Chinese page, with
/// the same name; the English page under an English environment.
#[test]
fn explain_every_name_in_chinese() {
    for code in planc::Code::ALL {
        let name = code.name();
        let zh = planc(repo(), &["explain", name, "--lang", "zh"], &[]);
        assert_eq!(zh.status.code(), Some(0), "{name}");
        let page = stdout(&zh);
        assert!(page.contains(name), "{name}");
        assert!(page.contains("级别"), "{name}: {page}");
        let env = planc(repo(), &["explain", name], &[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(stdout(&env), page, "{name}");
        let en = planc(repo(), &["explain", name], &[("LANG", "C.UTF-8")]);
        assert!(stdout(&en).contains("**Severity:**"), "{name}");
        assert!(!stdout(&en).contains("级别"), "{name}");
    }
    let zh = planc(repo(), &["explain", "no-such-name", "--lang", "zh"], &[]);
    assert_eq!(zh.status.code(), Some(2));
    assert!(stderr(&zh).chars().any(han), "{}", stderr(&zh));
}

/// The pictures in Chinese: no English keyword or sentence planc wrote
/// (tooltips, the Mermaid timeline's sections, the DOT and Mermaid
/// comments, the report's tables), and no Chinese in the English ones the
/// plan did not write.
#[test]
fn pictures_say_everything_in_chinese() {
    let acme = "examples/acme.plan";
    let run = |args: &[&str], lang: &str| {
        let o = planc(
            repo(),
            &[args, &["--today", "2026-04-20", "--lang", lang]].concat(),
            &[],
        );
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let map = run(&["graph", acme, "--format", "dot"], "zh");
    let trace = run(&["graph", acme, "--view", "trace", "--format", "dot"], "zh");
    let gantt = run(
        &["graph", acme, "--view", "timeline", "--format", "mermaid"],
        "zh",
    );
    let timeline = run(
        &["graph", acme, "--view", "timeline", "--format", "svg"],
        "zh",
    );
    let report = run(&["report", acme], "zh");
    assert!(
        map.contains("，由 `planc graph --view map --format dot` 画出。"),
        "{map}"
    );
    assert!(trace.contains("tooltip=\"目标 revenue_2026"), "{trace}");
    assert!(
        trace.contains("tooltip=\"fission 推进路径 hit_product\""),
        "{trace}"
    );
    assert!(trace.contains("tooltip=\"hit_product 服务于目标 revenue_2026\""));
    assert!(trace.contains("tooltip=\"referral 属于战役 fission\""));
    for english in [" serves ", "tooltip=\"goal ", "drawn by", "Render it"] {
        assert!(
            !map.contains(english) && !trace.contains(english),
            "{english}"
        );
    }
    assert!(gantt.contains("section 今天") && gantt.contains("axisFormat %Y年%-m月"));
    assert!(
        !gantt.contains("Today") && !gantt.contains("Goals"),
        "{gantt}"
    );
    for line in gantt
        .lines()
        .filter(|l| l.trim_start().starts_with("section"))
    {
        assert!(line.chars().any(han), "{line}");
    }
    assert!(timeline.contains(">有风险</text>") && timeline.contains(">今天</text>"));
    assert!(!timeline.contains(">at_risk<") && !timeline.contains(">today<"));
    for english in [
        "covered",
        "every 2w",
        "battle's",
        "— 2 battles",
        ">financial<",
        ">acquisition<",
    ] {
        assert!(!report.contains(english), "{english}");
    }
    assert!(report.contains("每2周") && report.contains("获客") && report.contains("已补上"));
    // English pictures: the plan's own Chinese only.
    let plan = std::fs::read_to_string(repo().join(acme)).expect("readable");
    for text in [
        run(&["graph", acme, "--view", "trace", "--format", "dot"], "en"),
        run(
            &["graph", acme, "--view", "timeline", "--format", "mermaid"],
            "en",
        ),
        run(
            &["graph", acme, "--view", "timeline", "--format", "svg"],
            "en",
        ),
    ] {
        for run in text.split(|c: char| !han(c)).filter(|r| !r.is_empty()) {
            assert!(plan.contains(run), "`{run}` is not the plan's");
        }
    }
}
