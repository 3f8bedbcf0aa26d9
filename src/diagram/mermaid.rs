//! The scene as a Mermaid `flowchart`, the way GitHub renders it inside
//! Markdown: bands as subgraphs kept in order by invisible links, quoted
//! labels written with Mermaid's entity codes, ASCII ids.

use super::escape::mermaid as esc;
use super::scene::{Emphasis, Flow, Node, Scene, Stroke};
use super::standing::Tone;
use super::style;
use crate::diagnostic::Severity;
use std::collections::BTreeMap;
use std::fmt::Write;

pub fn render(scene: &Scene) -> String {
    let mut out = String::new();
    let (direction, command) = (scene.flow.code(), scene.command);
    let _ = match scene.lang {
        crate::lang::Lang::En => writeln!(
            out,
            "%% {}, drawn by `planc graph --view {command} --format mermaid`.",
            scene.caption
        ),
        crate::lang::Lang::Zh => writeln!(
            out,
            "%% {}，由 `planc graph --view {command} --format mermaid` 画出。",
            scene.caption
        ),
    };
    let _ = writeln!(out, "flowchart {direction}");
    let mut classes: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let _ = writeln!(out, "  plan_title[\"{}\"]", title(scene));
    classes
        .entry("title")
        .or_default()
        .push("plan_title".into());
    for band in &scene.bands {
        let id = format!("band_{}", band.key);
        let _ = writeln!(out, "  subgraph {id} [\"{}\"]", esc(band.heading));
        if band.nodes.is_empty() {
            let empty = format!("{id}_empty");
            let _ = writeln!(out, "    {empty}[\"{}\"]", esc(band.empty));
            classes.entry("placeholder").or_default().push(empty);
        }
        for (file, nodes) in scene.band_groups(band) {
            // Grouped by file: a subgraph per file inside the band, named by its path.
            if let Some(f) = file {
                let _ = writeln!(
                    out,
                    "    subgraph {id}_file{f} [\"{}\"]",
                    esc(&scene.files[f])
                );
            }
            let indent = if file.is_some() { "      " } else { "    " };
            node_lines(scene, &nodes, indent, &mut out, &mut classes);
            if file.is_some() {
                out.push_str("    end\n");
            }
        }
        out.push_str("  end\n");
    }
    rest(scene, out, classes)
}

/// Each node's line, and the classes it belongs to.
fn node_lines(
    scene: &Scene,
    nodes: &[usize],
    indent: &str,
    out: &mut String,
    classes: &mut BTreeMap<&'static str, Vec<String>>,
) {
    {
        for &n in nodes {
            let node = &scene.nodes[n];
            let _ = writeln!(out, "{indent}{}[\"{}\"]", node.key.ascii(), label(node));
            let emphasis = match node.emphasis {
                Emphasis::Plain => None,
                Emphasis::Breakthrough => Some("breakthrough"),
                Emphasis::Main => Some("main"),
                Emphasis::Candidate => Some("candidate"),
                Emphasis::Guardrail => Some("guardrail"),
            };
            if let Some(class) = emphasis {
                classes.entry(class).or_default().push(node.key.ascii());
            }
            if let Some(s) = &node.standing {
                classes
                    .entry(s.tone.key())
                    .or_default()
                    .push(node.key.ascii());
            }
            if let Some(flag) = &node.flag {
                let class = match flag.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                classes.entry(class).or_default().push(node.key.ascii());
            }
        }
    }
}

/// The links, the styles and the classes, after the bands.
fn rest(scene: &Scene, mut out: String, classes: BTreeMap<&'static str, Vec<String>>) -> String {
    // Invisible links keep the bands in order; the title goes on top.
    let mut chain: Vec<String> = std::iter::once("plan_title".to_string())
        .chain(scene.bands.iter().map(|b| format!("band_{}", b.key)))
        .collect();
    if scene.flow == Flow::Up {
        chain.reverse();
    }
    let _ = writeln!(out, "  {}", chain.join(" ~~~ "));
    for edge in &scene.edges {
        let arrow = match edge.stroke {
            Stroke::Normal => "-->",
            Stroke::Bold => "==>",
            Stroke::Dashed => "-.->",
        };
        let label = edge
            .label
            .map_or(String::new(), |l| format!("|\"{}\"|", esc(l)));
        let _ = writeln!(
            out,
            "  {} {arrow}{label} {}",
            scene.nodes[edge.from].key.ascii(),
            scene.nodes[edge.to].key.ascii()
        );
    }
    // Later definitions win: a problem's outline over an emphasis, a
    // state's fill over the breakthrough's.
    let tones = Tone::ALL.map(|t| (t.key(), format!("fill:{}", style::tone_fill(t))));
    let definitions = [
        (
            "default",
            format!(
                "fill:{},stroke:{},color:{}",
                style::NODE_FILL,
                style::INK,
                style::INK
            ),
        ),
        ("title", "fill:none,stroke:none,text-align:left".to_string()),
        (
            "placeholder",
            format!(
                "fill:none,stroke:none,color:{},font-style:italic",
                style::MUTED
            ),
        ),
        (
            "breakthrough",
            // Mermaid has no double outline: a thick ink one, and the
            // "★ breakthrough goal" line in the box.
            format!(
                "fill:{},stroke:{},stroke-width:3px",
                style::BREAKTHROUGH_FILL,
                style::BREAKTHROUGH_LINE
            ),
        ),
        tones[0].clone(),
        tones[1].clone(),
        tones[2].clone(),
        tones[3].clone(),
        ("main", "stroke-width:3px".to_string()),
        ("candidate", "stroke-dasharray:5 5".to_string()),
        ("guardrail", "stroke-dasharray:5 5".to_string()),
        (
            "warning",
            format!("stroke:{},stroke-width:3px", style::WARNING),
        ),
        ("error", format!("stroke:{},stroke-width:3px", style::ERROR)),
    ];
    for (class, css) in &definitions {
        // Only plans with a guardrail define its class (older outputs stay as they were).
        if (*class == "guardrail" || class.starts_with("state_")) && !classes.contains_key(class) {
            continue;
        }
        let _ = writeln!(out, "  classDef {class} {css}");
    }
    for (class, _) in &definitions {
        if let Some(ids) = classes.get(class) {
            let _ = writeln!(out, "  class {} {class}", ids.join(","));
        }
    }
    for band in &scene.bands {
        let colors = style::band(band.key);
        let _ = writeln!(
            out,
            "  style band_{} fill:{},stroke:{},color:{}",
            band.key, colors.fill, colors.fill, colors.heading
        );
        for (file, _) in scene.band_groups(band) {
            if let Some(f) = file {
                let _ = writeln!(
                    out,
                    "  style band_{}_file{f} fill:none,stroke:{muted},stroke-dasharray:5 5,color:{muted}",
                    band.key,
                    muted = style::MUTED
                );
            }
        }
    }
    out
}

fn title(scene: &Scene) -> String {
    let mut lines = vec![
        format!("<b>{}</b>", esc(&scene.heading)),
        format!("<i>{}</i>", esc(&scene.caption)),
    ];
    lines.extend(scene.positioning.iter().map(|l| esc(l)));
    if scene.taken.is_some() {
        lines.push(esc(&super::standing::key_line(scene.lang)));
    }
    if let Some(note) = &scene.note {
        lines.push(esc(note));
    }
    lines.join("<br/>")
}

fn label(node: &Node) -> String {
    let mut lines: Vec<String> = node
        .title
        .iter()
        .map(|l| format!("<b>{}</b>", esc(l)))
        .collect();
    if let Some(name) = &node.name {
        lines.push(format!("<small>{}</small>", esc(name)));
    }
    lines.extend(node.details.iter().map(|d| esc(d)));
    if let Some(flag) = &node.flag {
        // Mermaid on GitHub shows no tooltips: the problems' names are written.
        lines.push(esc(&style::problem_line(flag)));
    }
    lines.join("<br/>")
}
