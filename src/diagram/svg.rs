//! A laid-out scene as a standalone SVG file: bands, arrows, boxes, text,
//! a tooltip (`<title>`) on every box naming its problems, and a legend.

use super::escape::xml;
use super::layout::{Anchor, Layout, Point, Rect, Segment, TextLine};
use super::scene::Stroke;
use super::style::{self, FONTS};
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
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for node in &layout.nodes {
        let _ = writeln!(out, "<g class=\"node\" id=\"{}\">", xml(&node.id));
        let _ = writeln!(out, "<title>{}</title>", xml(&node.tooltip));
        let _ = writeln!(
            out,
            "{}",
            rect(
                &node.rect,
                node.fill,
                node.stroke,
                node.stroke_width,
                node.dashed,
                8.0
            )
        );
        for line in &node.lines {
            text(&mut out, line);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"legend\">\n");
    for item in &layout.legend {
        let _ = writeln!(
            out,
            "{}",
            rect(
                &item.sample,
                item.fill,
                item.stroke,
                item.stroke_width,
                item.dashed,
                4.0
            )
        );
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
