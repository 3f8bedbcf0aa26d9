//! Diagrams of any plan: DOT and Mermaid stay well-formed whatever the labels.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planc::diagram::{Options, View};

/// DOT: quoted strings closed, HTML labels' angle brackets balanced, braces
/// balanced outside both, and one graph.
fn well_formed_dot(dot: &str) -> bool {
    let body: String = dot.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let dot = body.as_str();
    let (mut braces, mut angles, mut in_quote) = (0i64, 0i64, false);
    let mut chars = dot.chars();
    while let Some(c) = chars.next() {
        if in_quote {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_quote = false,
                _ => {}
            }
            continue;
        }
        if angles > 0 {
            match c {
                '<' => angles += 1,
                '>' => angles -= 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_quote = true,
            '<' => angles = 1,
            '{' => braces += 1,
            '}' => {
                braces -= 1;
                if braces < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    !in_quote && angles == 0 && braces == 0 && dot.trim_start().starts_with("digraph")
}

/// Mermaid: a flowchart whose labels are quoted and closed on their line,
/// and whose subgraphs all end.
fn well_formed_mermaid(mermaid: &str) -> bool {
    let body: String = mermaid.lines().filter(|l| !l.trim_start().starts_with("%%")).collect::<Vec<_>>().join("\n");
    let mermaid = body.as_str();
    let mut depth = 0i64;
    for line in mermaid.lines() {
        if line.matches('"').count() % 2 != 0 {
            return false;
        }
        let word = line.trim_start().split_whitespace().next().unwrap_or("");
        if word == "subgraph" {
            depth += 1;
        } else if word == "end" {
            depth -= 1;
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0 && mermaid.trim_start().starts_with("flowchart")
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let analysis = planc::analyze(text, &[]);
    for view in [View::Map, View::Trace] {
        let dot = planc::diagram::dot(&analysis, Options { view });
        assert!(well_formed_dot(&dot), "malformed DOT:\n{dot}");
        let mermaid = planc::diagram::mermaid(&analysis, Options { view });
        assert!(well_formed_mermaid(&mermaid), "malformed Mermaid:\n{mermaid}");
        let _ = planc::diagram::svg(&analysis, Options { view });
    }
});
