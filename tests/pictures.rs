//! The timeline (SVG, Mermaid, PNG) and `planc report` end to end: Mermaid's
//! own parser reads every gantt, the report opens in a real browser with no
//! console error and no blocked request, and sizes and times hold on the
//! 1,000-battle plan. Tools that may be absent (node with tests/mermaid
//! installed, chromium) make their test skip, saying so.

use planc::date::Date;
use planc::diagram::timeline;
use planc::report::report;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// Every plan the tests know: the cases, the examples, generated plans and
/// labels made to break things.
fn plans() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["tests/cases", "examples"] {
        for path in crate::plans::plans_in(dir) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((format!("{dir}-{name}").replace('/', "-"), text));
        }
    }
    out.push(("generated-40".into(), planc::testing::plan(40)));
    out.push(("hostile".into(), HOSTILE.to_string()));
    out
}

const HOSTILE: &str = r#"plan "title: a; b # c %% d" { period 2026-01-01 .. 2026-12-31 }
metric m count
goal g "section x" { target m 10 by 2026-06-30 split quarterly 5, 5 }
path p "click me: now; #1 %" { serves g main }
battle b1 "2026-01-01 starts" { on p objective m +5 window 2026-01-05 .. 2026-02-01 }
battle b2 "%% comment? then: colon" { on p objective m +5 window 2026-02-05 .. 2026-03-01 after b1 }
tactic t1 "title fake" { for b1 win m >= 1 }
tactic t2 "<b>&amp;</b> \"q\" \\n" { for b2 win m >= 1 after t1 }
tactic t3 "dateFormat x" { for b2 win m >= 1 }
"#;

fn node_checker() -> Option<PathBuf> {
    let checker = root().join("tests/mermaid");
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (node && checker.join("node_modules/mermaid").is_dir()).then_some(checker)
}

#[test]
fn mermaid_parses_every_timeline() {
    let Some(checker) = node_checker() else {
        println!("SKIPPED mermaid_parses_every_timeline: needs `node` and `npm ci` in tests/mermaid (CI does both)");
        return;
    };
    let dir = scratch("timeline-mermaid");
    let mut files = Vec::new();
    for (name, text) in plans() {
        let analysis = planc::analyze(&text, &[]);
        for (suffix, day) in [("", None), ("-today", Date::parse("2026-05-01"))] {
            let file = dir.join(format!("{name}{suffix}.mmd"));
            std::fs::write(&file, timeline::mermaid(&analysis, day)).expect("written");
            files.push(file);
        }
    }
    // States as the check-ins will set them: every tag Mermaid knows.
    let analysis = planc::analyze(
        &std::fs::read_to_string(root().join("examples/acme.plan")).unwrap(),
        &[],
    );
    let mut t = timeline::build(&analysis, None);
    for (row, state) in t.rows.iter_mut().zip(timeline::ItemState::ALL) {
        row.state = Some(state);
    }
    let file = dir.join("acme-states.mmd");
    std::fs::write(&file, timeline::render_mermaid(&t)).expect("written");
    files.push(file);

    let output = Command::new("node")
        .arg(checker.join("check.mjs"))
        .args(&files)
        .current_dir(&checker)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains(&format!("parsed {0} of {0} files", files.len())),
        "{report}"
    );
}

#[test]
fn every_timeline_svg_is_well_formed() {
    for (name, text) in plans() {
        let analysis = planc::analyze(&text, &[]);
        let svg = timeline::svg(&analysis, Date::parse("2026-05-01"));
        if let Err(e) = roxmltree::Document::parse(&svg) {
            panic!("{name}: {e}");
        }
    }
}

/// The 40-battle plan's timeline fits a slide in width; its height grows
/// with the rows (one per battle and tactic) and nothing else.
#[test]
fn forty_battle_timeline_size() {
    let analysis = planc::analyze(&planc::testing::plan(40), &[]);
    let svg = timeline::svg(&analysis, None);
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let attr = |n: &str| {
        doc.root_element()
            .attribute(n)
            .unwrap()
            .parse::<f64>()
            .unwrap()
    };
    let (w, h) = (attr("width"), attr("height"));
    println!("40-battle timeline: {w}×{h}");
    assert!(w <= 1400.0, "{w}");
    assert!(h <= 40.0 * (22.0 + 3.0 * 16.0) + 800.0, "{h}");
}

fn chromium() -> Option<&'static str> {
    ["chromium-headless-shell", "chromium", "chromium-browser"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// Opens `html` in headless Chromium, takes a screenshot, and returns the
/// console messages (blocked loads are reported there too).
fn browse(browser: &str, html: &Path, png: &Path, size: &str) -> Vec<String> {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            &format!("--window-size={size}"),
            &format!("--screenshot={}", png.display()),
        ])
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .output()
        .expect("the browser runs");
    assert!(
        png.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("net::ERR") || l.contains("Refused"))
        .map(str::to_string)
        .collect()
}

#[test]
fn report_opens_in_a_browser_without_a_console_error() {
    let Some(browser) = chromium() else {
        println!("SKIPPED report_opens_in_a_browser_without_a_console_error: no chromium (apt-get install chromium-headless-shell; CI installs it)");
        return;
    };
    let dir = scratch("report-browser");
    let text = std::fs::read_to_string(root().join("examples/acme.plan")).unwrap();
    let analysis = planc::analyze(&text, &[]);
    let html = report(
        "examples/acme.plan",
        &text,
        &analysis,
        Date::parse("2026-05-01"),
    );
    let page = dir.join("acme.html");
    std::fs::write(&page, &html).unwrap();
    let messages = browse(browser, &page, &dir.join("acme.png"), "1400,1000");
    assert!(messages.is_empty(), "{messages:#?}");

    // A report with errors, and hostile labels, is as quiet.
    let bad = "plan \"<img src=http://example.invalid/x.png>\" { period 2026-01-01 .. 2026-12-31 }\n\
metric m count\ngoal g \"<style>@import url(http://example.invalid/a.css);</style>\" { target m 1 by 2027-01-01 }\n\
battle b \"</svg><script>alert(1)</script>\" { window 2026-01-01 .. 2026-02-01 }\n";
    let analysis = planc::analyze(bad, &[]);
    let page = dir.join("bad.html");
    std::fs::write(&page, report("bad.plan", bad, &analysis, None)).unwrap();
    let messages = browse(browser, &page, &dir.join("bad.png"), "1400,1000");
    assert!(messages.is_empty(), "{messages:#?}");

    // The check itself works: a page that loads something is caught.
    let leaky = html.replace(
        "</main>",
        "<img src=\"http://example.invalid/x.png\" alt=\"\"></main>",
    );
    let page = dir.join("leaky.html");
    std::fs::write(&page, leaky).unwrap();
    let messages = browse(browser, &page, &dir.join("leaky.png"), "800,600");
    assert!(
        messages.iter().any(|m| m.contains("example.invalid")),
        "the blocked image went unnoticed: {messages:#?}"
    );
}

#[test]
fn report_of_a_thousand_battles_is_small_and_fast() {
    let text = planc::testing::plan(1000);
    let analysis = planc::analyze(&text, &[]);
    let start = Instant::now();
    let html = report(
        "generated.plan",
        &text,
        &analysis,
        Date::parse("2026-05-01"),
    );
    let took = start.elapsed();
    println!("1,000-battle report: {} bytes in {took:?}", html.len());
    assert!(html.len() < 2 * 1024 * 1024, "{} bytes", html.len());
    // Debug builds are several times slower than the release build the
    // benchmark (benches/report.rs) measures; this only catches blow-ups.
    assert!(took.as_secs_f64() < 10.0, "{took:?}");
}

/// Regenerates docs/timeline.png, docs/timeline-40.png and docs/report.png:
/// `cargo test --test integration pictures::regenerate -- --ignored`.
#[test]
#[ignore = "writes into docs/; run by hand when the pictures change"]
fn regenerate_docs_pictures() {
    let fonts = planc::diagram::png::system_fonts();
    let acme = std::fs::read_to_string(root().join("examples/acme.plan")).unwrap();
    let analysis = planc::analyze(&acme, &[]);
    let svg = timeline::svg(&analysis, Date::parse("2026-05-01"));
    let png = planc::diagram::png::png(&svg, &fonts).expect("acme PNG");
    std::fs::write(root().join("docs/timeline.png"), png).unwrap();
    let forty = planc::analyze(&planc::testing::plan(40), &[]);
    let png = planc::diagram::png::png(&timeline::svg(&forty, Date::parse("2026-05-01")), &fonts)
        .expect("40-battle PNG");
    std::fs::write(root().join("docs/timeline-40.png"), png).unwrap();
    if let Some(browser) = chromium() {
        let dir = scratch("report-docs");
        let page = dir.join("acme.html");
        std::fs::write(
            &page,
            report(
                "examples/acme.plan",
                &acme,
                &analysis,
                Date::parse("2026-05-01"),
            ),
        )
        .unwrap();
        let messages = browse(browser, &page, &root().join("docs/report.png"), "1400,2400");
        assert!(messages.is_empty(), "{messages:#?}");
    }
}

// ------------------------------------------------------------ issue 15: status on the timeline and in the report

/// acme on a day between its two check-ins: the bars take the first
/// check-in's states, with their words; the budget's burn chart shows the
/// ¥9万 spent as a point; the gantt tags the tasks from the states.
#[test]
fn timeline_with_status() {
    let text = std::fs::read_to_string(root().join("examples/acme.plan")).unwrap();
    let analysis = planc::analyze(&text, &[]);
    let day = Date::parse("2026-04-20");
    let t = timeline::build(&analysis, day);
    let state = |id: &str| {
        t.rows
            .iter()
            .find(|r| r.id.ends_with(id))
            .and_then(|r| r.state)
    };
    assert_eq!(state("fission"), Some(timeline::ItemState::AtRisk));
    assert_eq!(state("referral"), Some(timeline::ItemState::OnTrack));
    let budget = t
        .pools
        .iter()
        .find(|p| !p.spent.is_empty())
        .expect("the budget's spending");
    assert_eq!(
        budget.spent.len(),
        1,
        "the second check-in is after the day"
    );
    let svg = timeline::render_svg(&t);
    assert!(svg.contains("class=\"spent\""), "a spending point");
    assert!(svg.contains("spent (check-ins)"), "its legend");
    assert!(
        svg.contains(">at_risk</text>"),
        "the state's word beside its bar"
    );
    // Both check-ins count later on: the points are in date order.
    let later = timeline::build(&analysis, Date::parse("2026-05-01"));
    let spent: Vec<Date> = later
        .pools
        .iter()
        .flat_map(|p| p.spent.iter().map(|s| s.0))
        .collect();
    assert_eq!(
        spent,
        [
            Date::parse("2026-04-14").unwrap(),
            Date::parse("2026-04-28").unwrap()
        ]
    );
    // Without a day, nothing is reported.
    let planned = timeline::build(&analysis, None);
    assert!(planned.rows.iter().all(|r| r.state.is_none()));
    assert!(planned.pools.iter().all(|p| p.spent.is_empty()));

    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/graph");
    settings.bind(|| {
        insta::assert_snapshot!("status-timeline-mermaid", timeline::render_mermaid(&t));
    });
}

/// The report with check-ins and a day: goals by state, the goal table's
/// latest actual, pace and state, the items' states, the check-in log with
/// notes; none of it without a day.
#[test]
fn report_with_status() {
    let text = std::fs::read_to_string(root().join("examples/acme.plan")).unwrap();
    let analysis = planc::analyze(&text, &[]);
    let html = report(
        "examples/acme.plan",
        &text,
        &analysis,
        Date::parse("2026-04-20"),
    );
    for part in [
        "<section id=\"states\"",
        "<a href=\"#checkins\">Check-ins</a>",
        "<th scope=\"col\">latest actual</th><th scope=\"col\">pace</th>",
        "<span class=\"state state_watch\">at_risk</span>",
        "社群转化率8%，低于预期的15%；下周加大老带新奖励",
        "after the day: not counted",
        "status on 2026-04-20",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    // The revenue goal: ¥420万 on 2026-04-14 against the plan's line.
    assert!(html.contains("¥420万 <span class=\"muted\">2026-04-14</span>"));
    let again = report(
        "examples/acme.plan",
        &text,
        &analysis,
        Date::parse("2026-04-20"),
    );
    assert_eq!(html, again, "deterministic");
    let planned = report("examples/acme.plan", &text, &analysis, None);
    assert!(!planned.contains("id=\"checkins\"") && !planned.contains("latest actual"));
}
