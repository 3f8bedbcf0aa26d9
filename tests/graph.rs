//! `planc graph`: snapshots of the DOT and Mermaid of every case, Graphviz
//! accepting every DOT, the built-in SVG well-formed with no overlapping
//! boxes and every label inside its box, and labels written to break every
//! format shown as written.

use planc::diagram::layout::{self, Layout, Rect};
use planc::diagram::{self, scene, Options, View};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::plans::plans_in;

const VIEWS: [(View, &str); 2] = [(View::Map, "map"), (View::Trace, "trace")];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every plan to draw: tests/cases, examples, and tests/graph, as (name, text).
fn plans() -> Vec<(String, String)> {
    let mut plans = Vec::new();
    for (dir, prefix) in [
        ("tests/cases", ""),
        ("examples", "example-"),
        ("tests/graph", "graph-"),
    ] {
        for path in plans_in(dir) {
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8");
            let bytes = std::fs::read(&path).expect("readable");
            let text = String::from_utf8(bytes).expect("the plans here are UTF-8");
            plans.push((format!("{prefix}{stem}"), text));
        }
    }
    assert!(plans.len() >= 40, "tests/cases should hold the cases");
    plans
}

fn options(view: View) -> Options {
    Options { view }
}

/// The DOT and Mermaid of one plan, both views, as two snapshots named
/// `dot@{prefix}{stem}` and `mermaid@{prefix}{stem}` in snapshots/graph.
fn snapshot_dot_and_mermaid(path: &Path, prefix: &str) {
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8");
    let bytes = std::fs::read(path).expect("readable");
    let text = String::from_utf8(bytes).expect("the plans here are UTF-8");
    let analysis = planc::analyze(&text, &[]);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_suffix(format!("{prefix}{stem}"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/graph");
    settings.bind(|| {
        let both = |render: fn(&planc::Analysis, Options) -> String| {
            VIEWS
                .iter()
                .map(|(view, word)| {
                    format!("=== --view {word}\n{}", render(&analysis, options(*view)))
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        insta::assert_snapshot!("dot", both(diagram::dot));
        insta::assert_snapshot!("mermaid", both(diagram::mermaid));
    });
}

/// One snapshot pair per case, through `insta::glob!`: a failing case does
/// not hide the others, and `INSTA_GLOB_FILTER=cycle*` runs one alone.
#[test]
fn dot_and_mermaid_of_every_case() {
    insta::glob!("cases/*.plan", |path: &Path| snapshot_dot_and_mermaid(
        path, ""
    ));
}

#[test]
fn dot_and_mermaid_of_every_example() {
    insta::glob!("../examples", "*.plan", |path: &Path| {
        snapshot_dot_and_mermaid(path, "example-")
    });
}

#[test]
fn dot_and_mermaid_of_every_graph_plan() {
    insta::glob!("graph/*.plan", |path: &Path| {
        snapshot_dot_and_mermaid(path, "graph-")
    });
}

#[test]
fn output_is_deterministic() {
    for (name, text) in plans() {
        for (view, _) in VIEWS {
            let render = || {
                let analysis = planc::analyze(&text, &[]);
                [
                    diagram::dot(&analysis, options(view)),
                    diagram::mermaid(&analysis, options(view)),
                    diagram::svg(&analysis, options(view)),
                ]
            };
            assert!(render() == render(), "{name}: two runs differ");
        }
    }
}

fn dot_on_path() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `dot -Tsvg`, returning its SVG or its complaint.
fn graphviz(source: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut stdin = child.stdin.take().expect("piped");
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    writer.join().expect("writer").map_err(|e| e.to_string())?;
    // Any complaint fails the test, except fontconfig's about the machine.
    let stderr: String = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| !l.starts_with("Fontconfig "))
        .collect::<Vec<_>>()
        .join("\n");
    if !output.status.success() || !stderr.trim().is_empty() {
        return Err(format!("{}: {stderr}", output.status));
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}

/// Parse XML, allowing the DOCTYPE Graphviz writes.
fn xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options)
}

/// The text of every `<text>` element, in order.
fn texts(svg: &str) -> Vec<String> {
    let doc = xml(svg).expect("well-formed");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}

#[test]
fn graphviz_accepts_every_dot() {
    if !dot_on_path() {
        println!(
            "SKIPPED graphviz_accepts_every_dot: Graphviz `dot` is not on PATH \
(apt-get install graphviz; CI installs it)"
        );
        return;
    }
    for (name, text) in plans() {
        let analysis = planc::analyze(&text, &[]);
        for (view, word) in VIEWS {
            let source = diagram::dot(&analysis, options(view));
            let svg = graphviz(&source)
                .unwrap_or_else(|e| panic!("{name} --view {word}: dot refused it: {e}\n{source}"));
            let doc = xml(&svg)
                .unwrap_or_else(|e| panic!("{name} --view {word}: dot's SVG is not XML: {e}"));
            // Every item made it into the picture, under its stable id.
            let scene = scene::build(&analysis, view);
            for node in &scene.nodes {
                let id = node.key.ascii();
                assert!(
                    doc.descendants()
                        .any(|n| n.attribute("id") == Some(id.as_str())),
                    "{name} --view {word}: no {id} in dot's SVG"
                );
            }
        }
    }
}

/// Boxes apart, labels inside, arrows from box to box through free space.
fn check_layout(name: &str, layout: &Layout, scene: &scene::Scene) {
    assert_eq!(layout.nodes.len(), scene.nodes.len(), "{name}");
    for (i, a) in layout.nodes.iter().enumerate() {
        for b in &layout.nodes[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect),
                "{name}: {} overlaps {}",
                a.id,
                b.id
            );
        }
        // In its band, or stacked under its parent in the parent's band.
        let band_of = |n: usize| scene.bands[scene.nodes[n].band].key;
        let key = band_of(i);
        let parent = scene.nodes[i].under.map(band_of);
        assert!(
            layout
                .bands
                .iter()
                .filter(|b| b.key == key || Some(b.key) == parent)
                .any(|b| inside(&a.rect, &b.rect, 8.0)),
            "{name}: {} leaves its band, or touches its side",
            a.id
        );
        for line in &a.lines {
            assert!(
                inside(&line.bounds(), &a.rect, 2.0),
                "{name}: `{}` does not fit in {} ({:?} in {:?})",
                line.text,
                a.id,
                line.bounds(),
                a.rect
            );
        }
    }
    for (i, a) in layout.bands.iter().enumerate() {
        for b in &layout.bands[i + 1..] {
            assert!(!a.rect.overlaps(&b.rect), "{name}: bands overlap");
        }
        assert!(
            inside(&a.heading.bounds(), &a.rect, 0.0),
            "{name}: heading of {}",
            a.key
        );
        for node in &layout.nodes {
            assert!(
                !a.heading.bounds().overlaps(&node.rect),
                "{name}: {} covers a heading",
                node.id
            );
            if let Some(empty) = &a.empty {
                assert!(
                    !empty.bounds().overlaps(&node.rect),
                    "{name}: {} covers a note",
                    node.id
                );
            }
        }
    }
    let first_band = layout.bands.first().map_or(f64::INFINITY, |b| b.rect.y);
    for line in &layout.heading {
        assert!(
            line.bounds().bottom() < first_band,
            "{name}: the heading runs into the bands"
        );
        assert!(
            line.bounds().right() <= layout.width,
            "{name}: the heading is cut"
        );
    }
    let last_band = layout.bands.last().map_or(0.0, |b| b.rect.bottom());
    for item in &layout.legend {
        assert!(
            item.sample.y > last_band && item.text.bounds().bottom() <= layout.height,
            "{name}: legend"
        );
    }
    assert_eq!(layout.edges.len(), scene.edges.len(), "{name}");
    for (edge, wanted) in layout.edges.iter().zip(&scene.edges) {
        assert_eq!((edge.from, edge.to), (wanted.from, wanted.to), "{name}");
        let from = &layout.nodes[edge.from];
        let to = &layout.nodes[edge.to];
        let first = edge.segments.first().expect("an arrow has segments");
        let last = edge.segments.last().expect("an arrow has segments");
        assert!(
            from.rect.touches(first.start()),
            "{name}: {} → {} starts off its box",
            from.id,
            to.id
        );
        assert!(
            to.rect.touches(last.end()),
            "{name}: {} → {} ends off its box",
            from.id,
            to.id
        );
        for pair in edge.segments.windows(2) {
            let (a, b) = (pair[0].end(), pair[1].start());
            assert!(
                (a.x - b.x).abs() < 1e-6 && (a.y - b.y).abs() < 1e-6,
                "{name}: a broken arrow"
            );
        }
        for segment in &edge.segments {
            for step in 1..20 {
                let p = segment.at(f64::from(step) / 20.0);
                for node in &layout.nodes {
                    assert!(
                        !node.rect.holds(p, 0.5),
                        "{name}: {} → {} runs through {}",
                        from.id,
                        to.id,
                        node.id
                    );
                }
            }
        }
    }
}

fn inside(inner: &Rect, outer: &Rect, margin: f64) -> bool {
    inner.x >= outer.x + margin
        && inner.right() <= outer.right() - margin
        && inner.y >= outer.y + margin
        && inner.bottom() <= outer.bottom() - margin
}

#[test]
fn builtin_svg_of_every_case() {
    for (name, text) in plans() {
        let analysis = planc::analyze(&text, &[]);
        for (view, word) in VIEWS {
            let scene = scene::build(&analysis, view);
            let layout = layout::layout(&scene);
            check_layout(&format!("{name} --view {word}"), &layout, &scene);
            let svg = diagram::svg(&analysis, options(view));
            let doc = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{name} --view {word}: not well-formed XML: {e}"));
            // The file draws the layout: one group per box, with its rectangle.
            for node in &layout.nodes {
                let group = doc
                    .descendants()
                    .find(|n| n.attribute("id") == Some(node.id.as_str()))
                    .unwrap_or_else(|| panic!("{name}: no {} in the SVG", node.id));
                let rect = group
                    .children()
                    .find(|n| n.has_tag_name("rect"))
                    .expect("a box");
                let number = |a: &str| {
                    rect.attribute(a)
                        .and_then(|v| v.parse::<f64>().ok())
                        .expect("a number")
                };
                assert!(
                    (number("x") - node.rect.x).abs() < 0.01
                        && (number("width") - node.rect.w).abs() < 0.01
                );
            }
        }
    }
}

/// Labels written to break each format are shown as written.
#[test]
fn adversarial_labels_survive_every_format() {
    let text =
        std::fs::read_to_string(root().join("tests/graph/adversarial.plan")).expect("readable");
    let analysis = planc::analyze(&text, &[]);
    let wanted = [
        "end \"goal\" {a} [b] (c)",
        "<d> #e; f|g",
        "年收入 \\ 增长 😀 ]]> -->",
        "`**markdown**` _x_ <br/>",
        "&amp; &#35; #quot; #35;",
        "\\\\",
        "\\l\\r\\n \\\\ \\\" A---oB o--x",
        "digraph { a -> b } \\N",
        "owner: Zoë \"Z\" <z@example.com> &",
        "%%{init:",
    ];
    // The built-in SVG: well-formed, and each label is the text of a <text>.
    let svg = diagram::svg(&analysis, options(View::Trace));
    let shown = texts(&svg);
    for label in wanted {
        assert!(
            shown.iter().any(|t| t == label),
            "SVG does not show {label:?}: {shown:#?}"
        );
    }
    assert!(shown.iter().any(
        |t| t.starts_with("Quotes \" back\\slash {braces} <b>bold</b> & | # ; \\N \\G 😀 营收")
    ));
    // Graphviz shows the same text: no `\N` expanded, no markup read.
    if dot_on_path() {
        let svg = graphviz(&diagram::dot(&analysis, options(View::Trace))).expect("dot accepts it");
        let shown = texts(&svg);
        for label in wanted {
            assert!(
                shown.iter().any(|t| t == label),
                "Graphviz does not show {label:?}: {shown:#?}"
            );
        }
    } else {
        println!("SKIPPED the Graphviz half of adversarial_labels_survive_every_format: `dot` is not on PATH");
    }
    // Mermaid: ASCII ids, and labels with nothing Mermaid or HTML would read.
    for (view, _) in VIEWS {
        let mermaid = diagram::mermaid(&analysis, options(view));
        for line in mermaid.lines().skip(2) {
            let line = line.trim();
            let Some((head, rest)) = line.split_once("[\"") else {
                assert!(!line.contains('"'), "a quote outside a label: {line}");
                continue;
            };
            let id = head
                .strip_prefix("subgraph ")
                .map_or(head, |h| h.trim_end());
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "unsafe id {id:?}"
            );
            let label = rest.strip_suffix("\"]").expect("one label per line");
            let mut bare = label.to_string();
            for tag in ["<b>", "</b>", "<br/>", "<small>", "</small>", "<i>", "</i>"] {
                bare = bare.replace(tag, "");
            }
            for c in [
                '"', '<', '>', '(', ')', '[', ']', '{', '}', '|', '%', '`', ':', '\\',
            ] {
                assert!(!bare.contains(c), "{c:?} unescaped in {label}");
            }
            // Mermaid reads a backslash before `n` as a line break, even
            // written as an entity.
            assert!(
                !bare.replace("#92;", "\\").contains("\\n"),
                "a `\\n` Mermaid would break the line at: {label}"
            );
            // `#` and `;` appear only in entity codes.
            let mut rest = bare.as_str();
            while let Some(at) = rest.find(['#', ';']) {
                let tail = &rest[at..];
                assert!(tail.starts_with('#'), "a bare `;` in {label}");
                let end = tail.find(';').expect("an entity ends with ;");
                assert!(
                    tail[1..end].chars().all(|c| c.is_ascii_alphanumeric()) && end > 1,
                    "a bare `#` in {label}"
                );
                rest = &tail[end + 1..];
            }
        }
    }
}

#[test]
fn pav_keeps_boxes_apart_and_close_to_where_they_want_to_be() {
    let wanted = [(0.0, 1.0), (0.0, 1.0), (100.0, 1.0)];
    let x = layout::closest_apart(&wanted, &[50.0, 50.0]);
    assert_eq!(x, vec![-25.0, 25.0, 100.0]);
    let x = layout::closest_apart(&[(10.0, 1.0)], &[]);
    assert_eq!(x, vec![10.0]);
}

/// A random plan: goals in random lanes supporting random goals (loops and
/// same-lane arrows included), paths, battles and tactics linked at random,
/// labels short and long, Latin, Chinese and emoji.
fn random_plan(seed: u64) -> String {
    let mut state = seed | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let labels = [
        "短",
        "年收入增长至2000万元人民币的宏伟目标",
        "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
        "😀😀😀 emoji 🇨🇳",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        "\\\" <b> & #; {x} |y|",
        "mixed 中文 and English words in one label",
        "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
    ];
    let perspectives = ["financial", "customer", "process", "learning", ""];
    let mut plan = String::from(
        "plan \"Random\" {\n  period 2026-01-01 .. 2026-12-31\n}\nmetric m \"指标 metric\" count\n",
    );
    let (goals, paths, battles, tactics) = (next(9), next(6), next(7), next(9));
    for g in 0..goals {
        plan += &format!(
            "goal g{g} \"{}\" {{\n  target m 100 by 2026-12-31\n",
            labels[next(labels.len())]
        );
        let p = perspectives[next(perspectives.len())];
        if !p.is_empty() {
            plan += &format!("  perspective {p}\n");
        }
        let supports: Vec<String> = (0..next(3)).map(|_| format!("g{}", next(goals))).collect();
        if !supports.is_empty() {
            plan += &format!("  supports {}\n", supports.join(", "));
        }
        plan += "}\n";
    }
    for p in 0..paths {
        plan += &format!("path p{p} \"{}\" {{\n", labels[next(labels.len())]);
        let serves: Vec<String> = (0..next(3)).map(|_| format!("g{}", next(goals))).collect();
        if goals > 0 && !serves.is_empty() {
            plan += &format!("  serves {}\n", serves.join(", "));
        }
        if next(2) == 0 {
            plan += "  main\n";
        }
        plan += "}\n";
    }
    for b in 0..battles {
        plan += &format!(
            "battle b{b} \"{}\" {{\n  objective m +10\n  window 2026-02-01 .. 2026-03-01\n",
            labels[next(labels.len())]
        );
        if paths > 0 && next(4) > 0 {
            plan += &format!("  on p{}\n", next(paths));
        }
        plan += "}\n";
    }
    for t in 0..tactics {
        plan += &format!(
            "tactic t{t} \"{}\" {{\n  win m >= 1\n",
            labels[next(labels.len())]
        );
        if battles > 0 && next(4) > 0 {
            plan += &format!("  for b{}\n", next(battles));
        }
        if next(2) == 0 {
            plan += &format!("  owner \"{}\"\n", labels[next(labels.len())]);
        }
        plan += "}\n";
    }
    plan
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever the plan, the built-in layout keeps boxes apart, labels
    /// inside and arrows between the right boxes, and the SVG is XML.
    #[test]
    fn any_plan_lays_out_cleanly(seed in proptest::prelude::any::<u64>()) {
        let text = random_plan(seed);
        let analysis = planc::analyze(&text, &[]);
        for (view, word) in VIEWS {
            let scene = scene::build(&analysis, view);
            check_layout(&format!("seed {seed} --view {word}\n{text}"), &layout::layout(&scene), &scene);
            let svg = diagram::svg(&analysis, options(view));
            proptest::prop_assert!(xml(&svg).is_ok());
        }
    }
}

/// Mermaid's own parser (the one GitHub renders with) accepts every Mermaid
/// output. Runs where `node` is on PATH and tests/mermaid is installed
/// (`cd tests/mermaid && npm ci`; .ci/run does it), else skips, saying so.
#[test]
fn mermaid_parses_every_output() {
    let checker = root().join("tests/mermaid");
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !node || !checker.join("node_modules/mermaid").is_dir() {
        println!(
            "SKIPPED mermaid_parses_every_output: needs `node` and `npm ci` in tests/mermaid (CI does both)"
        );
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mermaid");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let mut files = Vec::new();
    for (name, text) in plans() {
        let analysis = planc::analyze(&text, &[]);
        for (view, word) in VIEWS {
            let file = dir.join(format!("{name}-{word}.mmd"));
            std::fs::write(&file, diagram::mermaid(&analysis, options(view))).expect("written");
            files.push(file);
            // And coloured by the states on a day (issue 15).
            let scene = diagram::Request {
                view,
                format: diagram::Format::Mermaid,
                engine: None,
                focus: None,
                today: planc::date::Date::parse(ACME_DAY),
            }
            .scene(&analysis)
            .expect("drawn");
            let file = dir.join(format!("{name}-{word}-status.mmd"));
            std::fs::write(&file, diagram::render(&scene, diagram::Format::Mermaid))
                .expect("written");
            files.push(file);
        }
    }
    let output = Command::new("node")
        .arg(checker.join("check.mjs"))
        .args(&files)
        .current_dir(&checker)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains(&format!("parsed {0} of {0} files", files.len())),
        "{report}"
    );
}

// ------------------------------------------------------------ issue 15: diagrams that fit

/// `dot -Tplain`: each node's name and the y of its centre (Graphviz's y
/// grows upwards).
fn graphviz_heights(source: &str) -> std::collections::HashMap<String, f64> {
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    let mut stdin = child.stdin.take().expect("piped");
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("dot finishes");
    writer.join().expect("writer").expect("written");
    assert!(output.status.success(), "dot -Tplain failed");
    let plain = String::from_utf8(output.stdout).expect("UTF-8");
    let mut heights = std::collections::HashMap::new();
    for line in plain.lines() {
        let Some(rest) = line.strip_prefix("node ") else {
            continue;
        };
        // The name is quoted when it has anything but letters and digits.
        let (name, rest) = match rest.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"').expect("a closing quote");
                (quoted[..end].to_string(), &quoted[end + 1..])
            }
            None => {
                let end = rest.find(' ').expect("fields after the name");
                (rest[..end].to_string(), &rest[end..])
            }
        };
        let y: f64 = rest
            .split_whitespace()
            .nth(1)
            .and_then(|y| y.parse().ok())
            .expect("x and y after the name");
        heights.insert(name, y);
    }
    heights
}

/// Under Graphviz, the lanes stay financial, customer, process, learning
/// from top to bottom, whatever the `supports` arrows say: the reported
/// case (a customer goal supporting a process goal), every goal supporting
/// every other, and random plans.
#[test]
fn lanes_stay_in_order_under_graphviz() {
    if !dot_on_path() {
        println!(
            "SKIPPED lanes_stay_in_order_under_graphviz: Graphviz `dot` is not on PATH \
(apt-get install graphviz; CI installs it)"
        );
        return;
    }
    let lanes = ["financial", "customer", "process", "learning"];
    let goal = |name: &str, lane: &str, supports: &[&str]| {
        let mut text =
            format!("goal {name} {{\n  perspective {lane}\n  target m 100 by 2026-12-31\n");
        if !supports.is_empty() {
            text += &format!("  supports {}\n", supports.join(", "));
        }
        text + "}\n"
    };
    let head = "plan \"Lanes\" {\n  period 2026-01-01 .. 2026-12-31\n}\nmetric m count\n";
    let reported = format!(
        "{head}{}{}",
        goal("c", "customer", &["p"]),
        goal("p", "process", &[])
    );
    let everything = format!(
        "{head}{}",
        lanes
            .iter()
            .map(|lane| {
                let others: Vec<&str> = lanes.iter().copied().filter(|l| l != lane).collect();
                goal(lane, lane, &others)
            })
            .collect::<String>()
    );
    let upside_down = format!(
        "{head}{}{}{}{}",
        goal("f", "financial", &["c"]),
        goal("c", "customer", &["p"]),
        goal("p", "process", &["l"]),
        goal("l", "learning", &[])
    );
    let mut plans = vec![
        ("the reported case".to_string(), reported),
        ("every goal supports every other".to_string(), everything),
        ("arrows all downwards".to_string(), upside_down),
    ];
    for seed in 1..=15 {
        plans.push((format!("random plan {seed}"), random_plan(seed)));
    }
    for (name, text) in plans {
        let analysis = planc::analyze(&text, &[]);
        let heights = graphviz_heights(&diagram::dot(&analysis, options(View::Map)));
        let scene = scene::build(&analysis, View::Map);
        // The lane headings, and every goal, top to bottom.
        let mut previous = f64::INFINITY;
        for band in &scene.bands {
            let y = heights[&format!("band:{}", band.key)];
            assert!(
                y < previous,
                "{name}: lane {} is out of order\n{text}",
                band.key
            );
            for &n in &band.nodes {
                let node = heights[&scene.nodes[n].key.readable()];
                assert!(
                    (node - y).abs() < 1e-6,
                    "{name}: {} is not in its lane's row\n{text}",
                    scene.nodes[n].key.name
                );
            }
            previous = y;
        }
    }
}

fn acme() -> planc::Analysis {
    let text = std::fs::read_to_string(root().join("examples/acme.plan")).expect("readable");
    planc::analyze(&text, &[])
}

fn names(scene: &scene::Scene) -> Vec<&str> {
    scene.nodes.iter().map(|n| n.key.name.as_str()).collect()
}

#[test]
fn focus_keeps_what_traces_to_and_from_the_item() {
    let analysis = acme();
    let focused = |view, name| {
        let request = diagram::Request {
            view,
            format: diagram::Format::Dot,
            engine: None,
            focus: Some(name),
            today: None,
        };
        request.scene(&analysis)
    };
    // A battle: its tactics, its path, the goals the path serves; not the
    // other battle of the path, nor the other path.
    let scene = focused(View::Trace, "fission").expect("fission is drawn");
    assert_eq!(
        names(&scene),
        [
            "revenue_2026",
            "customers_2026",
            "hit_product",
            "fission",
            "referral",
            "groups"
        ]
    );
    assert!(scene.caption.ends_with("focus: fission"));
    for edge in &scene.edges {
        assert!(edge.from < scene.nodes.len() && edge.to < scene.nodes.len());
    }
    let dot = diagram::render(&scene, diagram::Format::Dot);
    assert!(!dot.contains("battle:hit\"") && !dot.contains("path:channels"));
    // A path: the goals it serves and everything under it.
    let scene = focused(View::Trace, "channels").expect("channels is drawn");
    assert_eq!(names(&scene), ["customers_2026", "channels"]);
    // A goal: every path serving it and everything under those.
    let scene = focused(View::Trace, "customers_2026").expect("drawn");
    assert_eq!(
        names(&scene),
        [
            "customers_2026",
            "hit_product",
            "channels",
            "fission",
            "hit",
            "referral",
            "groups",
            "bundle"
        ]
    );
    // On the map, the goals it supports and those supporting it.
    let scene = focused(View::Map, "customers_2026").expect("drawn");
    assert_eq!(names(&scene), ["revenue_2026", "customers_2026"]);
    // A name that is not drawn is refused, with the closest one.
    let Err(error) = focused(View::Trace, "fision") else {
        panic!("no such item");
    };
    assert!(error.contains("did you mean `fission`?"), "{error}");
    let Err(error) = focused(View::Map, "hit_product") else {
        panic!("paths are not on the map");
    };
    assert!(error.contains("--view trace"), "{error}");
    // Every format draws the focused scene, and the layout stays clean.
    let scene = focused(View::Trace, "hit").expect("drawn");
    check_layout("focus hit", &layout::layout(&scene), &scene);
    assert!(xml(&diagram::render(&scene, diagram::Format::Svg)).is_ok());
}

#[test]
fn an_engine_with_a_format_it_does_not_lay_out_is_refused() {
    let request = |format, engine| diagram::Request {
        view: View::Map,
        format,
        engine,
        focus: None,
        today: None,
    };
    use diagram::{Engine, Format};
    for format in [Format::Dot, Format::Mermaid] {
        for engine in [Engine::Builtin, Engine::Dot] {
            let error = request(format, Some(engine))
                .validate()
                .expect_err("an engine does nothing here");
            assert!(
                error.contains("--engine") && error.contains("--format svg"),
                "{error}"
            );
        }
        assert_eq!(request(format, None).validate(), Ok(()));
    }
    for engine in [None, Some(Engine::Builtin), Some(Engine::Dot)] {
        assert_eq!(request(Format::Svg, engine).validate(), Ok(()));
    }
}

/// Tactics stack under their battle and the battles wrap onto shelves, so
/// the trace of a 40-battle plan (120 tactics) fits a slide: at most about
/// 3 000 px wide. It was 12 565 px for a 40-battle plan with tactics in
/// one row. The SVG is left in the target directory to look at.
#[test]
fn a_forty_battle_trace_fits_a_slide() {
    let text = planc::testing::plan(40);
    let analysis = planc::analyze(&text, &[]);
    let scene = scene::build(&analysis, View::Trace);
    let layout = layout::layout(&scene);
    check_layout("40 battles --view trace", &layout, &scene);
    println!(
        "40 battles, 120 tactics: the built-in trace is {} × {} px",
        layout.width, layout.height
    );
    assert!(layout.width <= 3000.0, "{} px wide", layout.width);
    assert!(layout.height <= 3000.0, "{} px high", layout.height);
    // Not one tall column either: wider than high, like a slide.
    assert!(
        layout.width > layout.height,
        "{} × {}",
        layout.width,
        layout.height
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(dir.join("trace-40.svg"), svg_of(&layout)).expect("written");
    // Each tactic sits under its battle.
    for (i, node) in scene.nodes.iter().enumerate() {
        if let Some(parent) = node.under {
            let (child, parent) = (&layout.nodes[i].rect, &layout.nodes[parent].rect);
            assert!(
                child.y > parent.bottom()
                    && child.x > parent.x
                    && child.right() <= parent.right() + 0.01
            );
        }
    }
}

fn svg_of(layout: &Layout) -> String {
    planc::diagram::svg::render(layout)
}

/// The wrapped trace stays fast on a large plan (no search per arrow):
/// about 0.4 s in a debug build.
#[test]
fn a_large_trace_lays_out_quickly() {
    let text = planc::testing::plan(2000);
    let analysis = planc::analyze(&text, &[]);
    let scene = scene::build(&analysis, View::Trace);
    let started = std::time::Instant::now();
    let layout = layout::layout(&scene);
    let took = started.elapsed();
    println!(
        "2000 battles, 6000 tactics: laid out in {took:?}, {} × {} px",
        layout.width, layout.height
    );
    // Its 20 paths stay in one row, so it may be wider than a slide; the
    // battles' grid is not.
    assert!(took.as_secs() < 20, "{took:?}");
}

// ------------------------------------------------------------ issue 15: status colours

/// A day inside acme's check-ins: the first (2026-04-14) counts, the second
/// (2026-04-28) is after it.
const ACME_DAY: &str = "2026-04-20";

fn status_scene(analysis: &planc::Analysis, view: View, format: diagram::Format) -> scene::Scene {
    let request = diagram::Request {
        view,
        format,
        engine: None,
        focus: None,
        today: planc::date::Date::parse(ACME_DAY),
    };
    request.scene(analysis).expect("drawn")
}

/// The map and the trace of acme on a day inside its check-ins, as DOT and
/// Mermaid: states in the boxes' words and fills, the legend line, the day
/// in the caption.
#[test]
fn status_colours_on_the_map_and_the_trace() {
    let analysis = acme();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/graph");
    settings.bind(|| {
        for (format, name) in [
            (diagram::Format::Dot, "status-dot"),
            (diagram::Format::Mermaid, "status-mermaid"),
        ] {
            let text = VIEWS
                .iter()
                .map(|(view, word)| {
                    let scene = status_scene(&analysis, *view, format);
                    format!(
                        "=== --view {word} --today {ACME_DAY}\n{}",
                        diagram::render(&scene, format)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            insta::assert_snapshot!(name, text);
        }
    });
    for (view, _) in VIEWS {
        let scene = status_scene(&analysis, view, diagram::Format::Svg);
        assert!(
            scene.caption.ends_with("status on 2026-04-20"),
            "{}",
            scene.caption
        );
        // Every goal, battle and tactic has a state; the writers only draw it.
        for node in &scene.nodes {
            let stated = matches!(
                node.key.kind,
                planc::syntax::ast::ItemKind::Goal
                    | planc::syntax::ast::ItemKind::Battle
                    | planc::syntax::ast::ItemKind::Tactic
            );
            assert_eq!(node.standing.is_some(), stated, "{}", node.key.name);
        }
        check_layout("status", &layout::layout(&scene), &scene);
        let svg = diagram::render(&scene, diagram::Format::Svg);
        assert!(xml(&svg).is_ok());
        let words = texts(&svg).join("\n");
        // The word, not the colour alone; and the legend's meanings.
        assert!(words.contains("state: at_risk"), "{words}");
        assert!(words.contains("amber: at risk"), "{words}");
        assert!(svg.contains(diagram::style::tone_fill(diagram::standing::Tone::Watch)));
    }
    // The fission battle was reported at risk on 2026-04-14 and on track on
    // 2026-04-28: on 2026-05-01 the later check-in counts.
    let later = diagram::Request {
        view: View::Trace,
        format: diagram::Format::Dot,
        engine: None,
        focus: Some("fission"),
        today: planc::date::Date::parse("2026-05-01"),
    }
    .scene(&analysis)
    .expect("drawn");
    let fission = later
        .nodes
        .iter()
        .find(|n| n.key.name == "fission")
        .expect("fission");
    assert_eq!(fission.standing.map(|s| s.word), Some("on_track"));
    // Without --today nothing is coloured.
    let plain = diagram::Request {
        view: View::Map,
        format: diagram::Format::Dot,
        engine: None,
        focus: None,
        today: None,
    }
    .scene(&analysis)
    .expect("drawn");
    assert!(plain.nodes.iter().all(|n| n.standing.is_none()));
    assert!(!diagram::render(&plain, diagram::Format::Dot).contains("Colours:"));
}

/// The four state fills stay apart for normal sight and under simulated
/// deuteranopia and protanopia (Viénot, Brettel & Mollon 1999, on linear
/// RGB): each pair at least 40 apart in sRGB (0–255).
#[test]
fn state_colours_stay_apart_for_colour_blind_sight() {
    use diagram::standing::Tone;
    fn lin(c: f64) -> f64 {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    fn srgb(c: f64) -> f64 {
        let c = c.clamp(0.0, 1.0);
        255.0
            * if c <= 0.003_130_8 {
                12.92 * c
            } else {
                1.055 * c.powf(1.0 / 2.4) - 0.055
            }
    }
    let rgb = |hex: &str| -> [f64; 3] {
        let c = |i: usize| {
            lin(f64::from(
                u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"),
            ))
        };
        [c(1), c(3), c(5)]
    };
    let sights: [(&str, [[f64; 3]; 3]); 3] = [
        (
            "normal",
            [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        ),
        (
            "deuteranopia",
            [
                [0.29275, 0.70725, 0.0],
                [0.29275, 0.70725, 0.0],
                [-0.02234, 0.02234, 1.0],
            ],
        ),
        (
            "protanopia",
            [
                [0.11238, 0.88762, 0.0],
                [0.11238, 0.88762, 0.0],
                [0.00401, -0.00401, 1.0],
            ],
        ),
    ];
    for (sight, m) in sights {
        let seen = |hex: &str| {
            let c = rgb(hex);
            [0, 1, 2].map(|k| srgb(m[k][0] * c[0] + m[k][1] * c[1] + m[k][2] * c[2]))
        };
        for (i, a) in Tone::ALL.iter().enumerate() {
            for b in &Tone::ALL[i + 1..] {
                let (x, y) = (
                    seen(diagram::style::tone_fill(*a)),
                    seen(diagram::style::tone_fill(*b)),
                );
                let d =
                    ((x[0] - y[0]).powi(2) + (x[1] - y[1]).powi(2) + (x[2] - y[2]).powi(2)).sqrt();
                assert!(d >= 40.0, "{a:?} and {b:?} are {d:.1} apart under {sight}");
            }
        }
    }
}
