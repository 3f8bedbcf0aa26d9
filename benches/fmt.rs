//! How long `planc fmt` takes on a very large plan: 10 000 battles of 3
//! tactics each (about 8 MB), already canonical and written in a hurry.
//! The parse alone is measured too: it is the floor formatting stands on.
//!
//! `cargo bench --bench fmt`; the numbers are recorded in docs/fmt.md.

#[path = "support/generate.rs"]
mod generate;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};

const BATTLES: usize = 10_000;
const TACTICS: usize = 3;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_only(bencher: Bencher) {
    let text = generate::plan(BATTLES, TACTICS);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench_local(|| planc::syntax::parse(black_box(&text)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn format_canonical(bencher: Bencher) {
    let text = generate::plan(BATTLES, TACTICS);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench_local(|| planc::format::format(black_box(&text)).expect("formats"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn format_untidy(bencher: Bencher) {
    let text = generate::untidy(&generate::plan(BATTLES, TACTICS));
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
