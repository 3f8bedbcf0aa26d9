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
                span.start <= span.end && span.end <= text.len(),
                "{span:?} outside a text of {} bytes",
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
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
    assert_eq!(found[0].message, "expected an item: plan, positioning, resource, metric, goal, path, battle or tactic, found a NUL byte");
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
