//! `planc report` and the timeline on the 1,000-battle generated plan: the
//! report must be made in under a second there (and be under 2 MB, which
//! tests/pictures.rs checks). Run with `cargo bench --bench report`.

use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

#[divan::bench(args = [40, 1_000])]
fn report(bencher: Bencher, battles: usize) {
    let text = planc::testing::plan(battles);
    let analysis = planc::analyze(&text, &[]);
    let today = planc::date::Date::parse("2026-05-01");
    bencher.bench(|| planc::report::report("generated.plan", black_box(&text), &analysis, today));
}

/// Analysis included: what `planc report` does after reading the file.
#[divan::bench(args = [1_000])]
fn analyze_and_report(bencher: Bencher, battles: usize) {
    let text = planc::testing::plan(battles);
    bencher.bench(|| {
        let analysis = planc::analyze(black_box(&text), &[]);
        planc::report::report("generated.plan", &text, &analysis, None)
    });
}

#[divan::bench(args = [40, 1_000])]
fn timeline_svg(bencher: Bencher, battles: usize) {
    let analysis = planc::analyze(&planc::testing::plan(battles), &[]);
    bencher.bench(|| planc::diagram::timeline::svg(black_box(&analysis), None));
}
