//! How long `planc fmt` takes on a very large plan: `planc::testing::plan`
//! with 10 000 battles of 3 tactics each (6.7 MB), already formatted, and
//! written in a hurry. Parsing alone is `cargo bench --bench check`'s
//! `parse_only`: it is the floor formatting stands on.
//!
//! `cargo bench --bench fmt`; the numbers are recorded in docs/fmt.md.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};

const BATTLES: usize = 10_000;

fn main() {
    divan::main();
}

/// The plan as `planc fmt` writes it: formatting it again changes nothing.
fn canonical() -> String {
    planc::format::format(&planc::testing::plan(BATTLES)).expect("formats")
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn format_canonical(bencher: Bencher) {
    let text = canonical();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench_local(|| planc::format::format(black_box(&text)).expect("formats"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn format_untidy(bencher: Bencher) {
    let text = planc::testing::untidy(&canonical());
    bencher
        .counter(BytesCount::of_str(&text))
        .bench_local(|| planc::format::format(black_box(&text)).expect("formats"));
}

/// A plan of ordinary size, for scale.
#[divan::bench]
fn format_example(bencher: Bencher) {
    let text = include_str!("../examples/bakery.plan");
    bencher
        .counter(BytesCount::of_str(text))
        .bench_local(|| planc::format::format(black_box(text)).expect("formats"));
}
