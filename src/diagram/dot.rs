//! The scene as Graphviz DOT, written by hand: bands as filled clusters
//! kept in order by an invisible chain of their headings, nodes with
//! HTML-like labels, ids derived from item names.

use super::escape::{dot_html, dot_id, dot_string};
use super::scene::{Flow, Node, Scene, Stroke};
use super::style::{self, FONTS};
use std::fmt::Write;

pub fn render(scene: &Scene) -> String {
    let mut out = String::new();
    let (name, rankdir, command) = (scene.id, scene.flow.code(), scene.command);
    let _ = match scene.lang {
        crate::lang::Lang::En => writeln!(
            out,
            "// {}, drawn by `planc graph --view {command} --format dot`.\n\
             // Render it with Graphviz: dot -Tsvg plan.dot -o plan.svg",
            scene.caption
        ),
        crate::lang::Lang::Zh => writeln!(
            out,
            "// {}，由 `planc graph --view {command} --format dot` 画出。\n\
             // 用 Graphviz 出图：dot -Tsvg plan.dot -o plan.svg",
            scene.caption
        ),
    };
    let _ = writeln!(out, "digraph \"{name}\" {{");
    let _ = writeln!(
        out,
        "  graph [rankdir={rankdir}, newrank=true, nodesep=0.3, ranksep=0.45, pad=0.3, bgcolor=\"white\", \
fontname=\"{FONTS}\", fontsize=12, fontcolor=\"{ink}\", labelloc=t, labeljust=l, label=<{title}>];",
        ink = style::INK,
        title = title(scene),
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"{fill}\", color=\"{ink}\", penwidth=1.2, \
fontname=\"{FONTS}\", fontsize=11, fontcolor=\"{ink}\", margin=\"0.16,0.08\"];",
        fill = style::NODE_FILL,
        ink = style::INK,
    );
    let _ = writeln!(
        out,
        "  edge [color=\"{ink}\", penwidth=1.2, arrowsize=0.8, fontname=\"{FONTS}\"];",
        ink = style::INK,
    );
    for band in &scene.bands {
        let colors = style::band(band.key);
        let header = dot_id(&format!("band:{}", band.key));
        out.push('\n');
        let _ = writeln!(
            out,
            "  subgraph {} {{",
            dot_id(&format!("cluster_{}", band.key))
        );
        let _ = writeln!(
            out,
            "    graph [label=\"\", style=\"filled\", fillcolor=\"{fill}\", color=\"{fill}\", margin=10];",
            fill = colors.fill
        );
        let _ = writeln!(
            out,
            "    {header} [shape=plaintext, style=\"\", width=1.6, fontsize=12, fontcolor=\"{}\", label=<<b>{}</b>>];",
            colors.heading,
            dot_html(band.heading)
        );
        let mut row = vec![header.clone()];
        if band.nodes.is_empty() {
            let empty = dot_id(&format!("band:{}:empty", band.key));
            let _ = writeln!(
                out,
                "    {empty} [shape=plaintext, style=\"\", fontcolor=\"{}\", label=<<i>{}</i>>];",
                style::MUTED,
                dot_html(band.empty)
            );
            row.push(empty);
        }
        for (file, nodes) in scene.band_groups(band) {
            // Grouped by file: a box per file inside the band, named by its path.
            let indent = match file {
                Some(f) => {
                    let _ = writeln!(
                        out,
                        "    subgraph {} {{",
                        dot_id(&format!("cluster_{}_file{f}", band.key))
                    );
                    let _ = writeln!(
                        out,
                        "      graph [label=\"{}\", style=\"rounded,dashed\", color=\"{muted}\", \
fontcolor=\"{muted}\", fontsize=10, labeljust=l, labelloc={loc}, margin=8];",
                        dot_string(&scene.files[f]),
                        muted = style::MUTED,
                        // Bottom to top turns clusters over: `b` is drawn on top.
                        loc = if scene.flow == Flow::Up { "b" } else { "t" },
                    );
                    "      "
                }
                None => "    ",
            };
            for n in nodes {
                let node = &scene.nodes[n];
                let _ = writeln!(out, "{indent}{}", node_statement(node, scene.lang));
                row.push(dot_id(&node.key.readable()));
            }
            if file.is_some() {
                out.push_str("    }\n");
            }
        }
        let _ = writeln!(out, "    {{ rank=same; {}; }}", row.join("; "));
        for other in &row[1..] {
            let _ = writeln!(out, "    {header} -> {other} [style=invis];");
        }
        out.push_str("  }\n");
    }
    let mut chain: Vec<String> = scene
        .bands
        .iter()
        .map(|b| dot_id(&format!("band:{}", b.key)))
        .collect();
    if scene.flow == Flow::Up {
        // Bottom to top: causes below, effects above.
        chain.reverse();
    }
    out.push('\n');
    if chain.len() > 1 {
        let _ = writeln!(out, "  {} [style=invis, weight=100];", chain.join(" -> "));
    }
    for edge in &scene.edges {
        let (from, to) = (&scene.nodes[edge.from], &scene.nodes[edge.to]);
        let mut stroke = match edge.stroke {
            Stroke::Normal => String::new(),
            Stroke::Bold => ", penwidth=2.4".to_string(),
            Stroke::Dashed => ", style=dashed".to_string(),
        };
        // An arrow against the flow (a customer goal supporting a process
        // goal) would make Graphviz move the lanes to point it the usual
        // way; the lanes' order is fixed, so such an arrow ranks nothing.
        let (from_band, to_band) = (from.band, to.band);
        let against = match scene.flow {
            Flow::Up => to_band > from_band,
            Flow::Down => to_band < from_band,
        };
        if against {
            stroke.push_str(", constraint=false");
        }
        if let Some(label) = edge.label {
            let _ = write!(stroke, ", label=\"{}\", fontsize=10", dot_string(label));
        }
        let _ = writeln!(
            out,
            "  {} -> {} [tooltip=\"{}\"{stroke}];",
            dot_id(&from.key.readable()),
            dot_id(&to.key.readable()),
            dot_string(&edge.tooltip(&scene.nodes, scene.lang)),
        );
    }
    out.push_str("}\n");
    out
}

/// Lines as an HTML-like table, one row each: Graphviz spaces table rows
/// by their own font sizes, where `<br/>` lines of mixed sizes overlap.
fn rows(lines: &[String], align: &str) -> String {
    let mut table =
        String::from("<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\">");
    for line in lines {
        let _ = write!(table, "<tr><td align=\"{align}\">{line}</td></tr>");
    }
    table.push_str("</table>");
    table
}

/// The heading, caption, positioning and note, left-aligned.
fn title(scene: &Scene) -> String {
    let mut lines = vec![
        format!(
            "<font point-size=\"18\"><b>{}</b></font>",
            dot_html(&scene.heading)
        ),
        format!(
            "<font color=\"{}\">{}</font>",
            style::MUTED,
            dot_html(&scene.caption)
        ),
    ];
    lines.extend(scene.positioning.iter().map(|l| dot_html(l)));
    if scene.taken.is_some() {
        lines.push(dot_html(&super::standing::key_line(scene.lang)));
    }
    if let Some(note) = &scene.note {
        lines.push(format!(
            "<font color=\"{}\">{}</font>",
            style::ERROR,
            dot_html(note)
        ));
    }
    rows(&lines, "left")
}

fn node_statement(node: &Node, lang: crate::lang::Lang) -> String {
    let mut lines: Vec<String> = node
        .title
        .iter()
        .map(|l| format!("<b>{}</b>", dot_html(l)))
        .collect();
    if let Some(name) = &node.name {
        lines.push(format!(
            "<font point-size=\"9\" color=\"{}\">{}</font>",
            style::MUTED,
            dot_html(name)
        ));
    }
    lines.extend(node.details.iter().map(|d| dot_html(d)));
    let look = style::box_style(node.look());
    if let Some(flag) = &node.flag {
        // The problems' names, marked by their kind: not by colour alone.
        lines.push(format!(
            "<font color=\"{}\">{}</font>",
            style::problem_color(flag.severity),
            dot_html(&style::problem_line(flag))
        ));
    }
    let mut attrs = vec![
        format!("id=\"{}\"", node.key.ascii()),
        format!("label=<{}>", rows(&lines, "center")),
        format!("tooltip=\"{}\"", dot_string(&node.tooltip(lang))),
    ];
    if look.fill != style::NODE_FILL {
        attrs.push(format!("fillcolor=\"{}\"", look.fill));
    }
    if look.dashed {
        attrs.push("style=\"rounded,filled,dashed\"".to_string());
    }
    if look.stroke != style::INK {
        attrs.push(format!("color=\"{}\"", look.stroke));
    }
    if look.stroke_width != 1.2 {
        attrs.push(format!("penwidth={}", look.stroke_width));
    }
    if look.double {
        attrs.push("peripheries=2".to_string());
    }
    format!("{} [{}];", dot_id(&node.key.readable()), attrs.join(", "))
}
