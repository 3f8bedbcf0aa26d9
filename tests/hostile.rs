//! Hostile input: each gets a clear diagnostic or the right result, quickly,
//! with no panic, no stack overflow and no hang.

use planc::{analyze, Code};

fn codes(text: &str) -> Vec<Code> {
    analyze(text, &[])
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

/// Every diagnostic points inside the text, on character boundaries.
fn spans_are_sound(text: &str) {
    for d in analyze(text, &[]).diagnostics {
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
            assert!(
                span.start() <= span.end() && span.end() <= text.len(),
                "{span:?} outside a text of {} bytes",
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()),
                "{span:?} splits a character"
            );
        }
        assert!(!d.help.is_empty(), "{} has no help line", d.code.name());
    }
}

const ACME: &str = include_str!("../examples/acme.plan");

#[test]
fn nested_braces() {
    let text = format!("plan \"x\" {}", "{".repeat(100_000));
    assert_eq!(codes(&text), vec![Code::Syntax]);
    let text = format!("{}{}", "{".repeat(100_000), "}".repeat(100_000));
    assert_eq!(codes(&text), vec![Code::Syntax]);
}

#[test]
fn a_10_mb_string() {
    let text = ACME.replace(
        "\"县域中小餐饮门店\"",
        &format!("\"{}\"", "营".repeat(10 * 1024 * 1024 / 3)),
    );
    assert!(text.len() > 10_000_000);
    assert_eq!(codes(&text), vec![]);
}

#[test]
fn a_1_mb_line() {
    let text = format!("{ACME}\n{}", "x ".repeat(512 * 1024));
    let found = analyze(&text, &[]).diagnostics;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, Code::Syntax);
    assert!(
        found[0].message.starts_with("expected an item"),
        "{}",
        found[0].message
    );
    spans_are_sound(&text);
}

#[test]
fn nul_bytes() {
    let text = ACME.replace("owner \"王五\"", "owner \"王\0五\"");
    spans_are_sound(&text);
    assert!(codes(&text).contains(&Code::Syntax) || codes(&text).is_empty());
    let text = format!("{ACME}\0\0\0");
    let found = analyze(&text, &[]).diagnostics;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "expected an item: plan, positioning, resource, metric, goal, path, battle, tactic or checkin, found a NUL byte");
}

#[test]
fn a_hundred_thousand_items() {
    let mut text = String::from(ACME);
    for i in 0..100_000 {
        text.push_str(&format!("metric m{i} count\n"));
    }
    let found = analyze(&text, &[]).diagnostics;
    assert_eq!(found.len(), 100_000);
    assert!(found.iter().all(|d| d.code == Code::UnusedMetric));
}

#[test]
fn long_chains_of_after_and_supports() {
    let mut text = String::from(ACME);
    for i in 0..2_000 {
        let after = if i == 0 {
            String::new()
        } else {
            format!("  after chain_{}\n", i - 1)
        };
        text.push_str(&format!(
            "battle chain_{i} {{\n  on hit_product\n  objective revenue +¥1万\n  window 2026-10-01 .. 2026-10-01\n{after}  review every 1w\n}}\ntactic chain_t{i} {{\n  for chain_{i}\n  owner \"x\"\n  win revenue >= ¥1\n}}\n"
        ));
    }
    let found = codes(&text);
    // Every battle of the chain starts the day its predecessor ends.
    assert_eq!(
        found.iter().filter(|c| **c == Code::AfterViolated).count(),
        1_999
    );
    let mut text = String::from(ACME);
    for i in 0..5_000 {
        text.push_str(&format!(
            "goal g{i} {{\n  target revenue ¥1 by 2026-12-31\n  supports g{}\n}}\n",
            (i + 1) % 5_000
        ));
    }
    let found = analyze(&text, &[]).diagnostics;
    let cycles: Vec<_> = found.iter().filter(|d| d.code == Code::Cycle).collect();
    assert_eq!(cycles.len(), 1, "one loop through 5 000 goals is one fault");
    assert_eq!(cycles[0].labels.len(), 4_999);
}

#[test]
fn binary_garbage() {
    let mut seed = 0x2545F4914F6CDD1Du64;
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..512)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % 128) as u8
            })
            .collect();
        let text = String::from_utf8(bytes).expect("ASCII");
        spans_are_sound(&text);
    }
}

#[test]
fn every_prefix_of_the_example() {
    // What an editor sees while someone types the whole plan.
    let mut ends: Vec<usize> = ACME.char_indices().map(|(i, _)| i).step_by(7).collect();
    ends.push(ACME.len());
    for end in ends {
        spans_are_sound(&ACME[..end]);
    }
}

#[test]
fn a_million_items() {
    let mut text = String::from(ACME);
    text.reserve(20_000_000);
    for i in 0..1_000_000 {
        text.push_str("metric m");
        text.push_str(&i.to_string());
        text.push_str(" count\n");
    }
    let found = analyze(&text, &[]).diagnostics;
    assert_eq!(found.len(), 1_000_000);
    assert!(found.iter().all(|d| d.code == Code::UnusedMetric));
}

#[test]
fn one_resource_claimed_by_thousands_of_overlapping_battles() {
    let mut text = ACME.replace("capacity 12", "capacity 100000");
    for i in 0..5_000 {
        text.push_str(&format!(
            "battle crowd_{i} {{\n  on hit_product\n  objective revenue +¥1\n  window 2026-0{}-01 .. 2026-09-30\n  needs people 3\n  review every 1w\n}}\ntactic crowd_t{i} {{\n  for crowd_{i}\n  owner \"x\"\n  win revenue >= ¥1\n}}\n",
            1 + i % 9
        ));
    }
    let found = analyze(&text, &[]).diagnostics;
    // Capacity holds; only focus warnings and the path's cost estimate speak.
    assert!(
        found.iter().all(|d| !d.is_error()),
        "{:?}",
        found.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    let crowded = text.replace("capacity 100000", "capacity 10");
    let over: Vec<_> = analyze(&crowded, &[])
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::Overcommitted)
        .collect();
    assert_eq!(over.len(), 1, "one fault per pool");
}

#[test]
fn ten_thousand_names_and_near_miss_typos() {
    let mut text = String::from(ACME);
    for i in 0..10_000 {
        text.push_str(&format!("goal goal_{i} {{\n  target revenue ¥1 by 2026-12-31\n}}\npath route_{i} {{\n  serves goal_{i}\n}}\n"));
    }
    // A thousand references that each just miss a name.
    for i in 0..1_000 {
        text.push_str(&format!("path typo_{i} {{\n  serves gaol_{i}\n}}\n"));
    }
    let found = analyze(&text, &[]).diagnostics;
    let unknown: Vec<_> = found
        .iter()
        .filter(|d| d.code == Code::UnknownName)
        .collect();
    assert_eq!(unknown.len(), 1_000);
    assert_eq!(unknown[0].help, "Did you mean `goal_0`?");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-fifo");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let fifo = dir.join("plan.plan");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mkfifo is not available");
        return;
    }
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_planc"))
        .args(["check"])
        .arg(&fifo)
        .output()
        .expect("planc runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("it is not a regular file"), "{err}");
}

#[test]
fn binary_input_is_refused_early_with_one_diagnostic() {
    // 20 MB of NULs: one diagnostic at once, and a short text to show.
    let nuls = vec![0u8; 20 * 1024 * 1024];
    let started = std::time::Instant::now();
    let (shown, diagnostic) = *planc::source::decode(&nuls).expect_err("binary");
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(
        diagnostic.message.contains("looks like a binary file"),
        "{}",
        diagnostic.message
    );
    assert!(shown.len() <= 8 * 1024, "{} bytes kept", shown.len());
    assert!(diagnostic.span.end() <= shown.len());
    // Rendered, it echoes no NUL and stays short.
    let one = [diagnostic];
    let human = planc::render::human::render(
        &planc::render::Source::new("a.bin", &shown, &one),
        planc::render::human::Style {
            color: false,
            width: 80,
        },
    );
    assert!(!human.contains('\0') && human.len() < 4_000, "{human:?}");

    // A PNG header, and a UTF-16 plan.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert!(planc::source::binary(png).is_some());
    let utf16: Vec<u8> = "\u{feff}plan \"x\" {}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let (_, d) = *planc::source::decode(&utf16).expect_err("not UTF-8");
    assert!(d.help.contains("UTF-16"), "{}", d.help);
    // Text with no NUL is never binary, however odd.
    assert!(planc::source::binary(ACME.as_bytes()).is_none());
    assert!(planc::source::binary("\u{1b}[2J\u{7}".as_bytes()).is_none());
    assert!(planc::source::decode(ACME.as_bytes()).is_ok());
}

#[test]
fn a_huge_line_echoes_a_few_hundred_characters() {
    // (A 50 MB line behaves the same; 8 MB keeps the debug test quick.)
    let text = "x".repeat(8 * 1024 * 1024);
    let d = analyze(&text, &[]).diagnostics;
    assert!(!d.is_empty());
    let human = planc::render::human::render(
        &planc::render::Source::new("one-line.plan", &text, &d),
        planc::render::human::Style {
            color: false,
            width: 80,
        },
    );
    assert!(human.len() < 4_000 * d.len(), "{} bytes", human.len());
}

/// Found by the `fmt` fuzz target (built with `-a`, laying out two items at
/// a time): a plan with regions that do not parse, one holding a `/*`, made
/// the layout a few items at a time slice its text backwards. Such a plan
/// is refused with its syntax errors, and nothing is laid out.
#[test]
fn fmt_refuses_a_broken_plan_with_comments_in_its_broken_regions() {
    let text = include_str!("fuzz/fmt-comment-in-a-broken-item.plan");
    let refused = planc::format::format(text).expect_err("syntax errors");
    assert!(
        refused.iter().all(|d| d.code == Code::Syntax),
        "{refused:?}"
    );
    assert!(
        refused
            .iter()
            .all(|d| !d.message.starts_with("planc could not format")),
        "a formatter bug, not the plan's errors: {refused:?}"
    );
}
