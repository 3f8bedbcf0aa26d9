//! Rendering diagnostics, apart from finding them: human (miette), JSON,
//! SARIF and GitHub, on plans with thousands of diagnostics.
//! `cargo bench --bench render`; figures in docs/performance.md.
//!
//! - `overlapping`: 3 000 battles with overlapping windows and no tactic,
//!   a limit of 3 at once (about 690 KB): 3 000 `battle-without-tactic`
//!   all through the file and one `too-many-concurrent-battles` whose places
//!   are spread over it. Issue 18 measured 22 s for human output, 0.2 s for
//!   JSON; human must stay within 3× JSON.
//! - `warnings`: 300 000 unused metrics, for memory: the `max alloc` column
//!   is the peak. SARIF through a `serde_json::Value` (`sarif_value`, the
//!   old way) against streamed (`sarif`).

use divan::{black_box, Bencher};
use planc::render::{github, human, json, sarif, Source};
use planc::Diagnostic;
use std::sync::OnceLock;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// `testing::plan(battles)` without its tactics, at most 3 battles at once.
fn overlapping(battles: usize) -> String {
    let plan = planc::testing::plan(battles).replace(
        &format!("concurrent_battles {battles}"),
        "concurrent_battles 3",
    );
    let mut parts = plan.split("\ntactic ");
    let mut out = parts.next().unwrap_or_default().to_string();
    for tactic in parts {
        // Drop the tactic's block, keep what follows it.
        out.push_str(tactic.split_once("}\n").map_or("", |(_, rest)| rest));
    }
    out
}

fn warnings(metrics: usize) -> String {
    let mut text = String::from("plan \"x\" {\n  period 2026-01-01 .. 2026-12-31\n}\n");
    for i in 0..metrics {
        text.push_str(&format!("metric m{i} count\n"));
    }
    text
}

struct Case {
    text: String,
    diagnostics: Vec<Diagnostic>,
}

impl Case {
    fn new(text: String) -> Case {
        let diagnostics = planc::analyze(&text, &[]).diagnostics;
        Case { text, diagnostics }
    }

    fn source(&self) -> Source<'_> {
        Source::new("plan.plan", &self.text, &self.diagnostics)
    }
}

fn case(name: &str) -> &'static Case {
    static OVERLAPPING: OnceLock<Case> = OnceLock::new();
    static WARNINGS: OnceLock<Case> = OnceLock::new();
    match name {
        "overlapping" => OVERLAPPING.get_or_init(|| Case::new(overlapping(3_000))),
        _ => WARNINGS.get_or_init(|| Case::new(warnings(300_000))),
    }
}

const CASES: [&str; 2] = ["overlapping", "warnings"];

const STYLE: human::Style = human::Style {
    color: false,
    width: 100,
};

#[divan::bench(args = CASES, sample_count = 5, sample_size = 1)]
fn human(bencher: Bencher, name: &str) {
    let case = case(name);
    bencher.bench(|| human::render_to(&mut std::io::sink(), black_box(&case.source()), STYLE));
}

#[divan::bench(args = CASES, sample_count = 5, sample_size = 1)]
fn json(bencher: Bencher, name: &str) {
    let case = case(name);
    bencher.bench(|| json::render_to(&mut std::io::sink(), &[black_box(case.source())]));
}

#[divan::bench(args = CASES, sample_count = 5, sample_size = 1)]
fn sarif(bencher: Bencher, name: &str) {
    let case = case(name);
    bencher.bench(|| sarif::render_to(&mut std::io::sink(), &[black_box(case.source())]));
}

/// The old way, for comparison: a `serde_json::Value` of the whole log, then text.
#[divan::bench(args = CASES, sample_count = 5, sample_size = 1)]
fn sarif_value(bencher: Bencher, name: &str) {
    let case = case(name);
    bencher.bench(|| {
        serde_json::to_string_pretty(&sarif::render(&[black_box(case.source())]))
            .expect("JSON")
            .len()
    });
}

#[divan::bench(args = CASES, sample_count = 5, sample_size = 1)]
fn github(bencher: Bencher, name: &str) {
    let case = case(name);
    bencher.bench(|| github::render_to(&mut std::io::sink(), &[black_box(case.source())]));
}
