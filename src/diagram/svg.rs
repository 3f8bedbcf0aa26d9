//! A laid-out scene as a standalone SVG file: bands, arrows, boxes, text,
//! a tooltip (`<title>`) on every box naming its problems, and a legend.

use super::escape::xml;
use super::layout::{Anchor, Layout, Point, Rect, Segment, TextLine};
use super::scene::Stroke;
use super::style::{self, BoxStyle, FONTS};
use crate::diagnostic::Severity;
use std::fmt::Write;

pub fn render(layout: &Layout) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
font-family=\"{fonts}\" role=\"img\">",
        w = n(layout.width),
        h = n(layout.height),
        fonts = xml(FONTS),
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&layout.title));
    let _ = writeln!(
        out,
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" \
markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>\
<marker id=\"arrow-bold\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" \
markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker></defs>",
        style::INK,
        style::INK
    );
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(layout.width),
        n(layout.height)
    );
    out.push_str("<g class=\"heading\">\n");
    for line in &layout.heading {
        text(&mut out, line);
    }
    out.push_str("</g>\n<g class=\"bands\">\n");
    for band in &layout.bands {
        let _ = writeln!(out, "<g class=\"band\" id=\"band-{}\">", band.key);
        let _ = writeln!(
            out,
            "{}",
            rect(&band.rect, band.fill, "none", 0.0, false, 6.0)
        );
        text(&mut out, &band.heading);
        if let Some(empty) = &band.empty {
            text(&mut out, empty);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"edges\" fill=\"none\">\n");
    for edge in &layout.edges {
        let (width, dash, marker) = match edge.stroke {
            Stroke::Normal => ("1.3", "", "arrow"),
            Stroke::Bold => ("2.6", "", "arrow-bold"),
            Stroke::Dashed => ("1.3", " stroke-dasharray=\"6 4\"", "arrow"),
        };
        let _ = writeln!(
            out,
            "<path class=\"edge\" d=\"{}\" stroke=\"{}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#{marker})\"><title>{}</title></path>",
            path(&edge.segments),
            style::INK,
            xml(&edge.tooltip)
        );
        if let (Some(label), Some(middle)) =
            (edge.label, edge.segments.get(edge.segments.len() / 2))
        {
            // At the middle of the arrow, on a white ground so that the
            // line does not cross the words.
            let at = middle.at(0.5);
            let _ = writeln!(
                out,
                "<text class=\"edge-label\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{}\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                n(at.x),
                n(at.y + 4.0),
                style::INK,
                xml(label)
            );
        }
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for node in &layout.nodes {
        let _ = writeln!(out, "<g class=\"node\" id=\"{}\">", xml(&node.id));
        let _ = writeln!(out, "<title>{}</title>", xml(&node.tooltip));
        styled_box(&mut out, &node.rect, &node.style, 8.0);
        for line in &node.lines {
            text(&mut out, line);
        }
        badges(&mut out, &node.rect, &node.style, 8.0);
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"legend\">\n");
    for item in &layout.legend {
        styled_box(&mut out, &item.sample, &item.style, 4.0);
        badges(&mut out, &item.sample, &item.style, 5.0);
        text(&mut out, &item.text);
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// A number with at most two decimals and no trailing zeros: stable output.
fn n(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn p(point: Point) -> String {
    format!("{},{}", n(point.x), n(point.y))
}

fn path(segments: &[Segment]) -> String {
    let mut d = String::new();
    if let Some(first) = segments.first() {
        let _ = write!(d, "M{}", p(first.start()));
    }
    for segment in segments {
        match *segment {
            Segment::Line(_, b) => {
                let _ = write!(d, " L{}", p(b));
            }
            Segment::Cubic(_, c1, c2, b) => {
                let _ = write!(d, " C{} {} {}", p(c1), p(c2), p(b));
            }
        }
    }
    d
}

fn rect(r: &Rect, fill: &str, stroke: &str, width: f64, dashed: bool, radius: f64) -> String {
    let dash = if dashed {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"{dash}/>",
        n(r.x),
        n(r.y),
        n(r.w),
        n(r.h),
        n(radius),
        n(width)
    )
}

/// A box as its style says: fill and outline, and a second outline inside
/// for the breakthrough goal.
fn styled_box(out: &mut String, r: &Rect, style: &BoxStyle, radius: f64) {
    let _ = writeln!(
        out,
        "{}",
        rect(
            r,
            style.fill,
            style.stroke,
            style.stroke_width,
            style.dashed,
            radius
        )
    );
    if style.double {
        let inset = 2.0 + style.stroke_width;
        let inner = Rect {
            x: r.x + inset,
            y: r.y + inset,
            w: (r.w - 2.0 * inset).max(0.0),
            h: (r.h - 2.0 * inset).max(0.0),
        };
        let _ = writeln!(
            out,
            "{}",
            rect(
                &inner,
                "none",
                style.stroke,
                1.0,
                false,
                (radius - inset).max(1.0)
            )
        );
    }
}

/// The corner marks, of `size` radius, centred on the box's top edge: a
/// star on the left for the breakthrough goal; on the right a red disc
/// with a cross (error) or an amber triangle with `!` (warning). Shapes
/// differ, so nothing is told by colour alone.
fn badges(out: &mut String, r: &Rect, style: &BoxStyle, size: f64) {
    if style.badges.star {
        let (cx, cy) = (r.x + 2.0 * size, r.y);
        let points: Vec<String> = (0..10)
            .map(|k| {
                let radius = if k % 2 == 0 { size * 1.25 } else { size * 0.55 };
                let angle = std::f64::consts::PI * (k as f64 / 5.0 - 0.5);
                format!(
                    "{},{}",
                    n(cx + radius * angle.cos()),
                    n(cy + radius * angle.sin())
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<polygon class=\"badge star\" points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>",
            points.join(" "),
            style::STAR,
            style::INK
        );
    }
    let Some(severity) = style.badges.problem else {
        return;
    };
    let (cx, cy) = (r.right() - 2.0 * size, r.y);
    let color = style::problem_color(severity);
    match severity {
        Severity::Error => {
            let d = size * 0.45;
            let _ = writeln!(
                out,
                "<g class=\"badge error\"><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{color}\"/>\
<path d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"#ffffff\" stroke-width=\"{}\" stroke-linecap=\"round\"/></g>",
                n(cx),
                n(cy),
                n(size),
                n(cx - d),
                n(cy - d),
                n(cx + d),
                n(cy + d),
                n(cx - d),
                n(cy + d),
                n(cx + d),
                n(cy - d),
                n(size * 0.28)
            );
        }
        Severity::Warning => {
            let h = size * 1.9;
            let _ = writeln!(
                out,
                "<g class=\"badge warning\"><path d=\"M{},{} L{},{} L{},{} z\" fill=\"{color}\" stroke=\"{}\" stroke-width=\"0.8\" stroke-linejoin=\"round\"/>\
<path d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"round\"/></g>",
                n(cx),
                n(cy - h * 0.6),
                n(cx + h * 0.6),
                n(cy + h * 0.45),
                n(cx - h * 0.6),
                n(cy + h * 0.45),
                style::INK,
                n(cx),
                n(cy - h * 0.25),
                n(cx),
                n(cy + h * 0.12),
                n(cx),
                n(cy + h * 0.3),
                n(cx),
                n(cy + h * 0.31),
                style::INK,
                n(size * 0.25)
            );
        }
    }
}

fn text(out: &mut String, line: &TextLine) {
    let anchor = match line.anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
    };
    let weight = if line.bold {
        " font-weight=\"bold\""
    } else {
        ""
    };
    let italic = if line.italic {
        " font-style=\"italic\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" text-anchor=\"{anchor}\"{weight}{italic}>{}</text>",
        n(line.x),
        n(line.y),
        n(line.size),
        line.color,
        xml(&line.text)
    );
}
