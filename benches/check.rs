//! The whole check (parse → lower → resolve → check) of generated plans.
//! Run with `cargo bench --bench check`; figures in docs/performance.md.

use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000, 10_000])]
fn check(bencher: Bencher, battles: usize) {
    let text = planc::testing::plan(battles);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| planc::analyze(black_box(&text), &[]));
}

#[divan::bench(args = [1_000, 10_000])]
fn parse_only(bencher: Bencher, battles: usize) {
    let text = planc::testing::plan(battles);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| planc::syntax::parse(black_box(&text)));
}
