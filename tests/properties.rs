//! Random plans, valid and not, and the invariants every one must keep:
//! no panic, every span inside the text on character boundaries, a help line
//! on every diagnostic, diagnostics in reading order, the same answer twice,
//! and outputs that render.

use planc::render::{human, json, Source};
use proptest::prelude::*;

/// Names from a small pool, so references sometimes hit and sometimes miss.
fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a", "b", "营收", "c_2", "增长", "x", "main", "review", "😀", "a b",
    ])
    .prop_map(String::from)
}

fn amount() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "¥2000万",
        "+¥500万",
        "-3%",
        "40%",
        "5_000",
        "+5000",
        "$1.5M",
        "1.5",
        "0",
        "5__0",
        "¥0.0000001",
        "99999999999999999999",
    ])
    .prop_map(String::from)
}

fn date() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "2026-01-01",
        "2026-04-01",
        "2026-06-30",
        "2026-12-31",
        "2027-03-01",
        "2026-02-30",
        "2025-12-31",
    ])
    .prop_map(String::from)
}

fn attribute(kind: &'static str) -> BoxedStrategy<String> {
    let window = (date(), date()).prop_map(|(a, b)| format!("window {a} .. {b}"));
    let needs = (name(), amount()).prop_map(|(r, q)| format!("needs {r} {q}"));
    let owner = Just("owner \"张三\"".to_string());
    match kind {
        "goal" => prop_oneof![
            (name(), amount(), date()).prop_map(|(m, q, d)| format!("target {m} {q} by {d}")),
            amount().prop_map(|q| format!("baseline {q}")),
            prop::collection::vec(amount(), 1..6)
                .prop_map(|v| format!("split quarterly {}", v.join(", "))),
            name().prop_map(|g| format!("supports {g}")),
            Just("breakthrough".to_string()),
            Just("perspective customer".to_string()),
        ]
        .boxed(),
        "path" => prop_oneof![
            prop::collection::vec(name(), 1..3).prop_map(|v| format!("serves {}", v.join(", "))),
            Just("main".to_string()),
            (name(), amount()).prop_map(|(r, q)| format!("cost {r} {q}")),
            (name(), amount()).prop_map(|(m, q)| format!("expects {m} {q}")),
            Just("segment \"一线城市\"".to_string()),
        ]
        .boxed(),
        "battle" => prop_oneof![
            name().prop_map(|p| format!("on {p}")),
            (name(), amount()).prop_map(|(m, q)| format!("objective {m} {q}")),
            window,
            needs,
            Just("review every 2w".to_string()),
            name().prop_map(|b| format!("after {b}")),
        ]
        .boxed(),
        _ => prop_oneof![
            name().prop_map(|b| format!("for {b}")),
            window,
            needs,
            owner,
            (name(), amount()).prop_map(|(m, q)| format!("win {m} >= {q}")),
            name().prop_map(|t| format!("after {t}")),
        ]
        .boxed(),
    }
}

fn item() -> impl Strategy<Value = String> {
    let block = |kind: &'static str| {
        (name(), prop::collection::vec(attribute(kind), 0..6)).prop_map(move |(n, attrs)| {
            format!(
                "{kind} {n} \"{kind} {n}\" {{\n  {}\n}}\n",
                attrs.join("\n  ")
            )
        })
    };
    prop_oneof![
        block("goal"),
        block("path"),
        block("battle"),
        block("tactic"),
        (
            name(),
            prop::sample::select(vec!["money", "count", "percent"])
        )
            .prop_map(|(n, u)| format!("metric {n} {u}\n")),
        (name(), amount()).prop_map(|(n, q)| format!("resource {n} {{ total {q} }}\n")),
        (name(), 0u32..20).prop_map(|(n, c)| format!("resource {n} {{ capacity {c} }}\n")),
        Just("positioning {\n  we_are \"我们\"\n  not_do \"一线城市\"\n}\n".to_string()),
        // A little damage now and then.
        Just("battle {\n".to_string()),
        Just("/* unclosed\n".to_string()),
        Just("goal g { target }\n".to_string()),
    ]
}

fn plan() -> impl Strategy<Value = String> {
    (prop::collection::vec(item(), 0..14), any::<bool>(), any::<bool>()).prop_map(|(items, crlf, bom)| {
        let mut text = String::from("plan \"随机\" {\n  period 2026-01-01 .. 2026-12-31\n  limits main_paths 1, concurrent_battles 2\n}\n");
        text.push_str(&items.join("\n"));
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{feff}');
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_plan_keeps_the_invariants(text in plan()) {
        let analysis = planc::analyze(&text, &[]);
        let d = &analysis.diagnostics;
        for diagnostic in d {
            prop_assert!(!diagnostic.help.is_empty(), "{} has no help", diagnostic.code.name());
            prop_assert!(!diagnostic.message.is_empty());
            for span in std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span)) {
                prop_assert!(span.start() <= span.end() && span.end() <= text.len());
                prop_assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
            }
        }
        prop_assert!(d.windows(2).all(|w| w[0].span.start() <= w[1].span.start()), "diagnostics out of order");
        let again = planc::analyze(&text, &[]).diagnostics;
        prop_assert_eq!(d, &again);
        let source = Source::new("random.plan", &text, d);
        let rendered = human::render(&source, human::Style { color: false, width: 80 });
        prop_assert_eq!(rendered.is_empty(), d.is_empty());
        for line in rendered.lines() {
            prop_assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "{:?}", line);
        }
        let value = json::render(&[source]);
        prop_assert_eq!(value["diagnostics"].as_array().map(Vec::len), Some(d.len()));
        let index = planc::LineIndex::new(&text);
        for (i, diagnostic) in d.iter().enumerate() {
            // Each diagnostic's first excerpt header is its place, as in JSON.
            let one = [diagnostic.clone()];
            let alone = human::render(&Source::new("random.plan", &text, &one), human::Style { color: false, width: 80 });
            let at = index.line_col(diagnostic.span.start());
            let header = format!("╭─[random.plan:{}:{}]", at.line, at.column);
            prop_assert!(alone.lines().find(|l| l.contains("╭─[")).is_some_and(|l| l.ends_with(&header)), "{}", alone);
            prop_assert_eq!(value["diagnostics"][i]["line"].as_u64(), Some(at.line as u64));
        }
    }

    #[test]
    fn generated_plans_are_clean(battles in 1usize..40) {
        let text = planc::testing::plan(battles);
        let found: Vec<String> = planc::analyze(&text, &[]).diagnostics.iter().map(|d| d.code.name().to_string()).collect();
        prop_assert!(found.is_empty(), "{:?}", found);
    }

    #[test]
    fn positions_agree_in_every_unit(text in "[a-z营收😀\\r\\n ]{0,64}") {
        // Lines end at `\n`, `\r\n` and a lone `\r`, as in LSP and in editors.
        let lines: Vec<&str> = text.split("\r\n").flat_map(|l| l.split(['\r', '\n'])).collect();
        let index = planc::LineIndex::new(&text);
        prop_assert_eq!(index.line_count(), lines.len());
        for (i, line) in lines.iter().enumerate() {
            prop_assert_eq!(index.line_text(i), *line);
        }
        let index = planc::LineIndex::new(&text);
        for (offset, c) in text.char_indices() {
            // Between `\r` and `\n` is no place a cursor can be; editors see the pair as one line end.
            if c == '\n' && text[..offset].ends_with('\r') {
                continue;
            }
            let (line, column) = index.utf16_position(offset);
            prop_assert_eq!(index.offset_of_utf16(line, column), offset);
            let (line8, column8) = index.utf8_position(offset);
            prop_assert_eq!(index.offset_of_utf8(line8, column8), offset);
            prop_assert_eq!(index.line_col(offset).line as u32, line + 1);
        }
    }
}
