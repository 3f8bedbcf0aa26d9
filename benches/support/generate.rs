//! Large, realistic plans for benchmarks and tests.
//!
//! Include it where needed with
//! `#[path = "support/generate.rs"] mod generate;` (from `benches/`) or
//! `#[path = "../benches/support/generate.rs"] mod generate;` (from `tests/`).
//!
//! The plan is clean — `planc check` reports nothing on it — so a benchmark
//! of any phase measures real work, not error reporting. It has comments
//! (a line before each battle, trailing ones on some attributes) so that
//! `planc fmt` has comments to carry.

#![allow(dead_code)]

use std::fmt::Write;

/// Battles per path: each path is a main path with this many battles.
const BATTLES_PER_PATH: usize = 100;

/// A plan with `battles` battles of `tactics` tactics each.
pub fn plan(battles: usize, tactics: usize) -> String {
    let battles = battles.max(1);
    let paths = battles.div_ceil(BATTLES_PER_PATH);
    let mut out = String::with_capacity(battles * (400 + tactics * 250));
    let w = &mut out;
    writeln!(
        w,
        "// Generated: {battles} battles of {tactics} tactics each."
    )
    .unwrap();
    writeln!(w, "plan \"Generated {battles}\" {{").unwrap();
    writeln!(w, "  period 2026-01-01 .. 2026-12-31").unwrap();
    writeln!(
        w,
        "  limits main_paths {paths}, concurrent_battles {battles}"
    )
    .unwrap();
    writeln!(w, "}}\n").unwrap();
    w.push_str(
        "positioning {\n  we_are \"A generated company\"\n  serve  \"Everyone\"\n  \
         pain   \"Slow plans\"\n  why_us \"Fast tools\"\n  not_do \"Nothing else\"\n}\n\n",
    );
    // Each battle needs 2 people and ¥1万 over its window.
    writeln!(
        w,
        "resource people \"People\" {{ capacity {} }}",
        2 * battles
    )
    .unwrap();
    writeln!(w, "resource budget \"Budget\" {{ total ¥{battles}万 }}\n").unwrap();
    w.push_str("metric revenue   \"Revenue\"   money\n");
    w.push_str("metric customers \"Customers\" count\n\n");
    writeln!(
        w,
        "goal revenue_2026 \"Revenue\" {{\n  perspective financial\n  \
         target revenue ¥{battles}万 by 2026-12-31\n  breakthrough\n}}\n"
    )
    .unwrap();
    writeln!(
        w,
        "goal customers_2026 \"Customers\" {{\n  perspective customer\n  \
         target customers {} by 2026-12-31\n  supports revenue_2026\n}}\n",
        battles * 10
    )
    .unwrap();
    for p in 0..paths {
        let on_path = BATTLES_PER_PATH.min(battles - p * BATTLES_PER_PATH);
        writeln!(
            w,
            "path path_{p} \"Path {p}\" {{\n  serves revenue_2026, customers_2026\n  main\n  \
             cost people {}, budget ¥{on_path}万\n  expects revenue +¥{on_path}万\n}}\n",
            2 * on_path
        )
        .unwrap();
    }
    for b in 0..battles {
        let month = b % 12 + 1;
        writeln!(
            w,
            "// Battle {b}: a month-long push on path {}.",
            b / BATTLES_PER_PATH
        )
        .unwrap();
        writeln!(
            w,
            "battle battle_{b} \"Battle {b}\" {{\n  on path_{}\n  \
             objective revenue +¥1万, customers +10\n  \
             window 2026-{month:02}-01 .. 2026-{month:02}-28 // four weeks\n  \
             needs people 2, budget ¥1万\n  review every 1w\n  owner \"Owner {}\"\n}}\n",
            b / BATTLES_PER_PATH,
            b % 7
        )
        .unwrap();
        for t in 0..tactics {
            writeln!(
                w,
                "tactic tactic_{b}_{t} \"Tactic {t} of battle {b}\" {{\n  for battle_{b}\n  \
                 kind acquisition\n  owner \"Owner {t}\"\n  \
                 needs budget ¥{}k // a share of the battle's budget\n  \
                 win customers >= {}\n}}\n",
                10 / tactics.max(1),
                10 / tactics.max(1)
            )
            .unwrap();
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The same plan as written in a hurry: every line trimmed and run into the
/// next one, lists and windows without their spaces. Comments that had a line
/// of their own keep it, so the plan means the same.
pub fn untidy(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.trim().replace(", ", " ,").replace(" .. ", "..");
            if line.starts_with("//") {
                format!("\n{line}\n")
            } else if line.contains("//") {
                format!("{line}\n")
            } else {
                format!("{line}   ")
            }
        })
        .collect()
}
