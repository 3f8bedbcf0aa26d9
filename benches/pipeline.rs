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
        let json = serde_json::to_string(&planc::export::export("plan.plan", text, &analysis));
        json.expect("JSON")
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
        let map = planc::sources::SourceMap::one("plan.plan", text.to_string());
        let value = planc::status::json::render(&map, &analysis.model, &status, &diagnostics);
        serde_json::to_string(&value).expect("JSON")
    });
}

/// Whole processes, side by side with the floor of ../shared/bench (issue
/// 17's targets): `planc check`, `planc fmt` and `planc build` on the plan
/// `gen_plan.py N` writes, against `jsonfloor` reading `gen_plan.py N
/// --json`, the same model as JSON. Build the floor first (its README);
/// `PLANC_FLOOR` names it elsewhere. Without python3 or the floor these
/// benchmarks measure nothing. Peak memory: `/usr/bin/time -v`
/// (docs/performance.md).
mod processes {
    use divan::Bencher;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};

    const SIZES: [usize; 2] = [10_000, 100_000];

    fn shared() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench")
    }

    fn floor() -> Option<PathBuf> {
        let path = std::env::var_os("PLANC_FLOOR")
            .map(PathBuf::from)
            .unwrap_or_else(|| shared().join("jsonfloor/target/release/jsonfloor"));
        path.exists().then_some(path)
    }

    /// `gen_plan.py N [--json]`, written once under target/.
    fn generated(battles: usize, json: bool) -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-plans");
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!("p{battles}.{}", if json { "json" } else { "plan" }));
        if !path.exists() {
            let mut generate = Command::new("python3");
            generate
                .arg(shared().join("gen_plan.py"))
                .arg(battles.to_string());
            if json {
                generate.arg("--json");
            }
            let output = generate.output().ok()?;
            if !output.status.success() {
                return None;
            }
            std::fs::write(&path, output.stdout).ok()?;
        }
        Some(path)
    }

    fn run(command: &mut Command) {
        let status = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("runs");
        // 1: `fmt --check` found a file to format; 2 and more: a failure.
        assert!(status.code().is_some_and(|code| code <= 1), "{status}");
    }

    fn planc(args: &[&str], file: &Path) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_planc"));
        command.args(args).arg(file);
        command
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn floor_jsonfloor(bencher: Bencher, battles: usize) {
        let (Some(floor), Some(json)) = (floor(), generated(battles, true)) else {
            return;
        };
        bencher.bench(|| run(Command::new(&floor).arg(&json)));
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn check(bencher: Bencher, battles: usize) {
        let Some(plan) = generated(battles, false) else {
            return;
        };
        bencher.bench(|| run(&mut planc(&["check"], &plan)));
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn fmt_check(bencher: Bencher, battles: usize) {
        let Some(plan) = generated(battles, false) else {
            return;
        };
        bencher.bench(|| run(&mut planc(&["fmt", "--check"], &plan)));
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn build_to_file(bencher: Bencher, battles: usize) {
        let Some(plan) = generated(battles, false) else {
            return;
        };
        let out = plan.with_extension("build.json");
        let out = out.to_str().expect("a UTF-8 path");
        bencher.bench(|| run(&mut planc(&["build", "-o", out], &plan)));
    }
}
