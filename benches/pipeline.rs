//! Every phase on generated plans of 1 000, 10 000 and 100 000 battles (three
//! tactics each), beside a floor: serde_json reading the same plan's
//! `planc build` JSON, the practical cost of reading that much structured
//! text. `cargo bench --bench pipeline`; figures in docs/performance.md.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Each size's plan, made once for all benchmarks.
fn plan(battles: usize) -> &'static str {
    static PLANS: OnceLock<Vec<(usize, String)>> = OnceLock::new();
    let plans = PLANS.get_or_init(|| {
        SIZES
            .iter()
            .map(|&n| (n, planc::testing::plan(n)))
            .collect()
    });
    &plans
        .iter()
        .find(|(n, _)| *n == battles)
        .expect("a benchmarked size")
        .1
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn parse(bencher: Bencher, battles: usize) {
    let text = plan(battles);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| planc::syntax::parse(black_box(text)));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn check(bencher: Bencher, battles: usize) {
    let text = plan(battles);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| planc::analyze(black_box(text), &[]));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn build(bencher: Bencher, battles: usize) {
    let text = plan(battles);
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let analysis = planc::analyze(black_box(text), &[]);
        serde_json::to_string(&planc::export::export("plan.plan", text, &analysis)).expect("JSON")
    });
}

/// The floor: serde_json reading the plan's build JSON into a `Value`.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn floor_serde_json(bencher: Bencher, battles: usize) {
    let text = plan(battles);
    let json = serde_json::to_string(&planc::export::export(
        "plan.plan",
        text,
        &planc::analyze(text, &[]),
    ))
    .expect("JSON");
    bencher
        .counter(BytesCount::of_str(&json))
        .bench(|| serde_json::from_str::<serde_json::Value>(black_box(&json)).expect("JSON"));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn graph_dot(bencher: Bencher, battles: usize) {
    let text = plan(battles);
    let options = planc::diagram::Options {
        view: planc::diagram::View::Trace,
    };
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let analysis = planc::analyze(black_box(text), &[]);
        planc::diagram::dot(&analysis, options)
    });
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn graph_svg(bencher: Bencher, battles: usize) {
    let text = plan(battles);
    let options = planc::diagram::Options {
        view: planc::diagram::View::Trace,
    };
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let analysis = planc::analyze(black_box(text), &[]);
        planc::diagram::svg(&analysis, options)
    });
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn fmt(bencher: Bencher, battles: usize) {
    let text = plan(battles);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| planc::format::format(black_box(text)).expect("formats"));
}

/// The 10 000-battle plan with 52 weekly check-ins (issue 14: `planc status`
/// costs at most 1.2× `planc check` on it).
fn checkin_plan() -> &'static str {
    static PLAN: OnceLock<String> = OnceLock::new();
    PLAN.get_or_init(|| planc::testing::plan_with_checkins(10_000, 52))
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_with_checkins(bencher: Bencher) {
    let text = checkin_plan();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| planc::analyze(black_box(text), &[]));
}

/// What `planc status --format json` computes: the analysis, the status on a
/// day mid-year, its diagnostics and its JSON.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn status_with_checkins(bencher: Bencher) {
    let text = checkin_plan();
    let today = planc::date::Date::parse("2026-07-01").expect("a date");
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let analysis = planc::analyze(black_box(text), &[]);
        let status = planc::status::status(&analysis.model, today);
        let mut diagnostics = analysis.diagnostics.clone();
        diagnostics.extend(planc::status::diagnostics(&analysis.model, &status, &[]));
        let value = planc::status::json::render(
            &planc::sources::SourceMap::one("plan.plan", text.to_string()),
            &analysis.model,
            &status,
            &diagnostics,
        );
        serde_json::to_string(&value).expect("JSON")
    });
}
