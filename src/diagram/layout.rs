//! planc's own layered layout, for SVG without Graphviz. The layers are
//! known — the strategy map's lanes, the trace's goal/path/battle/tactic —
//! so this is the Sugiyama method with the hard part given:
//!
//! 1. every band is a layer; an arrow spanning several layers gets a thin
//!    invisible "dummy" in each layer it crosses, so it never runs through
//!    a box;
//! 2. the order inside each layer is improved by barycenter sweeps, keeping
//!    the order with the fewest crossings;
//! 3. x positions pull each box towards its neighbours while keeping boxes
//!    apart (isotonic regression, solved exactly by pool-adjacent-violators);
//! 4. arrows leave and enter boxes at spread ports, run straight through
//!    layers and as S-curves through the free space between them; arrows
//!    inside one lane arc through the lane's top margin.
//!
//! Every size comes from [`measure`], so the boxes fit their labels,
//! Chinese and emoji included. The result is plain data, tested for
//! overlaps and for labels inside their boxes, then written by `svg`.

use super::scene::{Key, Scene, Stroke};
use super::style::{self, BoxStyle};
use super::text::measure;
use std::collections::BTreeMap;

/// An arrow's end on one side of a box: the x it heads for, the edge, and
/// whether this end is the edge's `from`.
type PortUse = (f64, usize, bool);

const MARGIN: f64 = 24.0;
const PAD_X: f64 = 12.0;
const PAD_Y: f64 = 9.0;
const MIN_NODE_W: f64 = 110.0;
const GAP_X: f64 = 32.0;
const DUMMY_W: f64 = 8.0;
const DUMMY_GAP: f64 = 14.0;
const BAND_PAD: f64 = 24.0;
const ARC_STEP: f64 = 8.0;
const BAND_GAP: f64 = 6.0;
const LINE: f64 = 1.4;
/// How far a stacked box is indented under its parent: room for the line
/// its arrow runs down.
const STACK_INDENT: f64 = 20.0;
/// Between a box and the next one stacked under it.
const STACK_GAP: f64 = 10.0;
/// Between two shelves of a wrapped layer: room for the arrows crossing to
/// the lower one.
const SHELF_GAP: f64 = 34.0;
/// The widest a row of stacks may be before it wraps onto shelves: with
/// the band headings and margins, about 2 800 px, which fits a slide at
/// half size.
const WRAP_WIDTH: f64 = 2600.0;

const TITLE_SIZE: f64 = 13.0;
const NAME_SIZE: f64 = 10.0;
const DETAIL_SIZE: f64 = 12.0;
const HEADING_SIZE: f64 = 13.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether the two rectangles share any area (touching edges do not).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `p` is strictly inside, `margin` away from every side.
    pub fn holds(&self, p: Point, margin: f64) -> bool {
        p.x > self.x + margin
            && p.x < self.right() - margin
            && p.y > self.y + margin
            && p.y < self.bottom() - margin
    }

    /// Whether `p` lies on the outline.
    pub fn touches(&self, p: Point) -> bool {
        let near = |a: f64, b: f64| (a - b).abs() < 0.01;
        let within = |v: f64, lo: f64, hi: f64| v >= lo - 0.01 && v <= hi + 0.01;
        ((near(p.y, self.y) || near(p.y, self.bottom())) && within(p.x, self.x, self.right()))
            || ((near(p.x, self.x) || near(p.x, self.right()))
                && within(p.y, self.y, self.bottom()))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
}

/// One line of text, placed.
#[derive(Clone, Debug)]
pub struct TextLine {
    pub text: String,
    /// The anchor point: the left end or the middle, at the baseline.
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    pub color: &'static str,
    pub anchor: Anchor,
    /// As measured.
    pub width: f64,
}

impl TextLine {
    fn new(text: &str, size: f64, bold: bool) -> TextLine {
        TextLine {
            text: text.to_string(),
            x: 0.0,
            y: 0.0,
            size,
            bold,
            italic: false,
            color: style::INK,
            anchor: Anchor::Start,
            width: measure(text, size, bold),
        }
    }

    /// The area the glyphs take: ascenders above the baseline, descenders below.
    pub fn bounds(&self) -> Rect {
        let left = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - self.width / 2.0,
        };
        Rect {
            x: left,
            y: self.y - self.size * 0.9,
            w: self.width,
            h: self.size * 1.15,
        }
    }
}

pub struct BandBox {
    pub key: &'static str,
    pub rect: Rect,
    pub fill: &'static str,
    pub heading: TextLine,
    /// "no goals in this lane yet", for an empty band.
    pub empty: Option<TextLine>,
}

pub struct NodeBox {
    /// The node's ASCII id.
    pub id: String,
    pub rect: Rect,
    pub lines: Vec<TextLine>,
    pub style: BoxStyle,
    pub tooltip: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    Line(Point, Point),
    /// From, two control points, to.
    Cubic(Point, Point, Point, Point),
}

impl Segment {
    pub fn start(&self) -> Point {
        match *self {
            Segment::Line(a, _) | Segment::Cubic(a, _, _, _) => a,
        }
    }

    pub fn end(&self) -> Point {
        match *self {
            Segment::Line(_, b) | Segment::Cubic(_, _, _, b) => b,
        }
    }

    pub fn at(&self, t: f64) -> Point {
        match *self {
            Segment::Line(a, b) => Point {
                x: a.x + (b.x - a.x) * t,
                y: a.y + (b.y - a.y) * t,
            },
            Segment::Cubic(a, b, c, d) => {
                let u = 1.0 - t;
                let f = |p: f64, q: f64, r: f64, s: f64| {
                    u * u * u * p + 3.0 * u * u * t * q + 3.0 * u * t * t * r + t * t * t * s
                };
                Point {
                    x: f(a.x, b.x, c.x, d.x),
                    y: f(a.y, b.y, c.y, d.y),
                }
            }
        }
    }

    fn reversed(self) -> Segment {
        match self {
            Segment::Line(a, b) => Segment::Line(b, a),
            Segment::Cubic(a, b, c, d) => Segment::Cubic(d, c, b, a),
        }
    }
}

pub struct EdgePath {
    /// Indices into `Layout::nodes`: the arrow runs from `from` to `to`.
    pub from: usize,
    pub to: usize,
    /// Joined end to end, from the `from` box to the `to` box.
    pub segments: Vec<Segment>,
    pub stroke: Stroke,
    pub tooltip: String,
    /// Words along the arrow (`part of`), written at its middle.
    pub label: Option<&'static str>,
}

/// A sample in the legend: a small box drawn like a node, and its meaning.
pub struct LegendItem {
    pub sample: Rect,
    pub style: BoxStyle,
    pub text: TextLine,
}

pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Read by screen readers and shown as the file's title.
    pub title: String,
    pub heading: Vec<TextLine>,
    pub bands: Vec<BandBox>,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgePath>,
    pub legend: Vec<LegendItem>,
}

/// A box or a dummy in a layer.
#[derive(Clone, Copy, Debug)]
enum Vertex {
    Node(usize),
    /// A point a long arrow passes through.
    Dummy,
}

struct Graph {
    /// Per layer, the vertices in order.
    layers: Vec<Vec<usize>>,
    vertices: Vec<Vertex>,
    widths: Vec<f64>,
    /// Links between consecutive layers: (upper vertex, lower vertex).
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
    x: Vec<f64>,
}

pub fn layout(scene: &Scene) -> Layout {
    let mut nodes: Vec<NodeBox> = scene
        .nodes
        .iter()
        .map(|n| node_box(n, scene.lang))
        .collect();
    let layer_of: Vec<usize> = scene.nodes.iter().map(|n| n.band).collect();

    // 0. Stacks: a node drawn under another (a tactic under its battle)
    // when the arrow between them is its only one. The column they make is
    // as wide as its widest box; the stacked boxes are indented under the
    // parent, and take the colour of their own band.
    let mut arrows = vec![0usize; scene.nodes.len()];
    for edge in &scene.edges {
        arrows[edge.from] += 1;
        arrows[edge.to] += 1;
    }
    let parent_of: Vec<Option<usize>> = scene
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| n.under.filter(|_| arrows[i] == 1))
        .collect();
    let mut stacks: Vec<Vec<usize>> = vec![Vec::new(); scene.nodes.len()];
    for (i, parent) in parent_of.iter().enumerate() {
        if let Some(p) = *parent {
            stacks[p].push(i);
        }
    }
    for p in 0..scene.nodes.len() {
        if stacks[p].is_empty() {
            continue;
        }
        let widest = stacks[p]
            .iter()
            .map(|&c| nodes[c].rect.w)
            .fold(0.0, f64::max);
        let column = nodes[p].rect.w.max(widest + STACK_INDENT);
        nodes[p].rect.w = column;
        for &c in &stacks[p] {
            nodes[c].rect.w = column - STACK_INDENT;
            if nodes[c].style.fill == style::NODE_FILL {
                nodes[c].style.fill = style::band(scene.bands[layer_of[c]].key).fill;
            }
        }
    }
    let stacked_edge: Vec<bool> = scene
        .edges
        .iter()
        .map(|e| parent_of[e.to] == Some(e.from) || parent_of[e.from] == Some(e.to))
        .collect();

    // 1. Vertices: the boxes, then a dummy per layer crossed by a long arrow.
    let mut g = Graph {
        layers: vec![Vec::new(); scene.bands.len()],
        vertices: Vec::new(),
        widths: Vec::new(),
        up: Vec::new(),
        down: Vec::new(),
        x: Vec::new(),
    };
    // Each node's vertex, by node index (a look-up table, not a search).
    let mut vertex_of = vec![usize::MAX; scene.nodes.len()];
    for band in &scene.bands {
        for &n in band.nodes.iter().filter(|&&n| parent_of[n].is_none()) {
            vertex_of[n] = add_vertex(
                &mut g,
                Vertex::Node(n),
                nodes[n].rect.w,
                scene.nodes[n].band,
            );
        }
    }
    // For each edge, the vertex chain from its upper end to its lower end
    // (none for an arrow into a stack).
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for (e, edge) in scene.edges.iter().enumerate() {
        if stacked_edge[e] {
            chains.push(Vec::new());
            continue;
        }
        let (a, b) = (edge.from, edge.to);
        let (upper, lower) = if layer_of[a] <= layer_of[b] {
            (a, b)
        } else {
            (b, a)
        };
        let mut chain = vec![vertex_of[upper]];
        for layer in layer_of[upper] + 1..layer_of[lower] {
            chain.push(add_vertex(&mut g, Vertex::Dummy, DUMMY_W, layer));
        }
        chain.push(vertex_of[lower]);
        if layer_of[upper] != layer_of[lower] {
            for pair in chain.windows(2) {
                g.down[pair[0]].push(pair[1]);
                g.up[pair[1]].push(pair[0]);
            }
        }
        chains.push(chain);
    }

    // 2. Order, 3. x positions.
    order(&mut g);
    place(&mut g, None);
    // A row of stacks wider than a slide wraps onto shelves.
    let shelves = wrap(&mut g, &stacks, &mut nodes);
    // Each vertex's shelf (0 outside a wrapped layer): a look-up, not a search.
    let mut shelf_of = vec![0usize; g.vertices.len()];
    if let Some((_, list)) = &shelves {
        for (s, shelf) in list.iter().enumerate() {
            for &v in shelf {
                shelf_of[v] = s;
            }
        }
    }

    // A band whose every box is stacked in another band is not drawn, and
    // the band holding them names it: "Battles & tactics".
    let hidden: Vec<bool> = scene
        .bands
        .iter()
        .enumerate()
        .map(|(l, b)| !b.nodes.is_empty() && g.layers[l].is_empty())
        .collect();
    let titles: Vec<String> = (0..scene.bands.len())
        .map(|l| {
            let mut title = scene.bands[l].heading.to_string();
            for k in (0..scene.bands.len()).filter(|&k| k != l) {
                let holds = scene.bands[k]
                    .nodes
                    .iter()
                    .any(|&n| parent_of[n].is_some_and(|p| layer_of[p] == l));
                if holds {
                    title = match scene.lang {
                        crate::lang::Lang::En => {
                            format!("{title} & {}", scene.bands[k].heading.to_lowercase())
                        }
                        crate::lang::Lang::Zh => format!("{title}与{}", scene.bands[k].heading),
                    };
                }
            }
            title
        })
        .collect();

    // Sizes of the fixed parts.
    let heading_w = (0..scene.bands.len())
        .filter(|&l| !hidden[l])
        .map(|l| measure(&titles[l], HEADING_SIZE, true))
        .fold(0.0, f64::max)
        + 36.0;
    let content_left = MARGIN + heading_w.max(110.0) + 12.0;
    let min_x = (0..g.vertices.len())
        .map(|v| g.x[v] - g.widths[v] / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = if min_x.is_finite() {
        content_left - min_x
    } else {
        0.0
    };
    for x in &mut g.x {
        *x += shift;
    }

    // The heading block.
    let mut heading = Vec::new();
    let mut y = MARGIN;
    let mut push = |text: &str, size: f64, bold: bool, color: &'static str, y: &mut f64| {
        let mut line = TextLine::new(text, size, bold);
        *y += size * LINE;
        line.x = MARGIN;
        line.y = *y - size * 0.35;
        line.color = color;
        heading.push(line);
    };
    push(&scene.heading, 20.0, true, style::INK, &mut y);
    push(&scene.caption, 13.0, false, style::MUTED, &mut y);
    for line in &scene.positioning {
        push(line, 13.0, false, style::INK, &mut y);
    }
    if let Some(note) = &scene.note {
        push(note, 13.0, false, style::ERROR, &mut y);
    }
    y += 14.0;

    // Arrows within one band, and the arc level each one takes.
    let flat: Vec<usize> = (0..scene.edges.len())
        .filter(|&e| {
            !stacked_edge[e] && layer_of[scene.edges[e].from] == layer_of[scene.edges[e].to]
        })
        .collect();
    let mut arcs_in_band = vec![0usize; scene.bands.len()];
    let mut arc_level = vec![0usize; scene.edges.len()];
    for &e in &flat {
        let band = layer_of[scene.edges[e].from];
        arc_level[e] = arcs_in_band[band];
        arcs_in_band[band] += 1;
    }

    // Bands, top to bottom; boxes centred in their row, stacks under their
    // parent, shelves under each other. A band whose every box is stacked
    // elsewhere is not drawn, and the band holding them names it.
    let mut rows: Vec<(f64, f64)> = Vec::new();
    // Per wrapped layer, the top of each shelf.
    let mut shelf_tops: Vec<Vec<f64>> = vec![Vec::new(); scene.bands.len()];
    let mut bands = Vec::new();
    let content_right = (0..g.vertices.len())
        .map(|v| g.x[v] + g.widths[v] / 2.0)
        .fold(content_left + 160.0, f64::max);
    for (l, band) in scene.bands.iter().enumerate() {
        if hidden[l] {
            rows.push((y, y));
            continue;
        }
        let top = y;
        let row_top = top + BAND_PAD + ARC_STEP * arcs_in_band[l] as f64;
        let layer_shelves: Vec<Vec<usize>> = match shelves.as_ref() {
            Some((wrapped, s)) if *wrapped == l => s.clone(),
            _ => vec![g.layers[l].clone()],
        };
        let mut shelf_top = row_top;
        let mut first_row_h = 24.0;
        let mut row_bottom = row_top;
        for (s, shelf) in layer_shelves.iter().enumerate() {
            let row_h = shelf
                .iter()
                .filter_map(|&v| match g.vertices[v] {
                    Vertex::Node(n) => Some(nodes[n].rect.h),
                    Vertex::Dummy => None,
                })
                .fold(24.0, f64::max);
            if s == 0 {
                first_row_h = row_h;
            }
            shelf_tops[l].push(shelf_top);
            let mut bottom = shelf_top + row_h;
            for &v in shelf {
                if let Vertex::Node(n) = g.vertices[v] {
                    let r = &mut nodes[n].rect;
                    r.x = g.x[v] - r.w / 2.0;
                    r.y = shelf_top + (row_h - r.h) / 2.0;
                    let (left, mut below) = (r.x, r.bottom());
                    place_lines(&mut nodes[n]);
                    for &c in &stacks[n] {
                        let r = &mut nodes[c].rect;
                        r.x = left + STACK_INDENT;
                        r.y = below + STACK_GAP;
                        below = r.bottom();
                        place_lines(&mut nodes[c]);
                    }
                    bottom = bottom.max(below);
                }
            }
            row_bottom = bottom;
            shelf_top = bottom + SHELF_GAP;
        }
        let colors = style::band(band.key);
        let mut heading = TextLine::new(&titles[l], HEADING_SIZE, true);
        heading.x = MARGIN + 14.0;
        heading.y = row_top + first_row_h / 2.0 + HEADING_SIZE * 0.35;
        heading.color = colors.heading;
        let empty = band.nodes.is_empty().then(|| {
            let mut line = TextLine::new(band.empty, DETAIL_SIZE, false);
            line.x = content_left;
            line.y = row_top + first_row_h / 2.0 + DETAIL_SIZE * 0.35;
            line.italic = true;
            line.color = style::MUTED;
            line
        });
        rows.push((row_top, row_bottom));
        bands.push(BandBox {
            key: band.key,
            rect: Rect {
                x: MARGIN,
                y: top,
                w: 0.0,
                h: row_bottom + BAND_PAD - top,
            },
            fill: colors.fill,
            heading,
            empty,
        });
        y = row_bottom + BAND_PAD + BAND_GAP;
    }

    // 4. Arrows: ports spread along the sides they leave and enter by.
    let ports = ports(scene, &g, &chains, &nodes, &layer_of);
    let mut edges = Vec::new();
    for (e, edge) in scene.edges.iter().enumerate() {
        let (from, to) = (edge.from, edge.to);
        let segments = if stacked_edge[e] {
            let (parent, child) = if parent_of[to] == Some(from) {
                (from, to)
            } else {
                (to, from)
            };
            let path = into_stack(&nodes[parent].rect, &nodes[child].rect);
            if parent == from {
                path
            } else {
                path.into_iter().rev().map(Segment::reversed).collect()
            }
        } else if layer_of[from] == layer_of[to] {
            let (row_top, _) = rows[layer_of[from]];
            let level = row_top - 10.0 - ARC_STEP * arc_level[e] as f64;
            arc(ports[e].0, ports[e].1, level)
        } else {
            let upper_is_from = layer_of[from] < layer_of[to];
            let (start, end) = if upper_is_from {
                (ports[e].0, ports[e].1)
            } else {
                (ports[e].1, ports[e].0)
            };
            let upper_layer = layer_of[from].min(layer_of[to]);
            let lower = chains[e][chains[e].len() - 1];
            let shelf = match &shelves {
                Some((wrapped, _)) if *wrapped == upper_layer + 1 => shelf_of[lower],
                _ => 0,
            };
            let path = if shelf > 0 {
                let lower_layer = upper_layer + 1;
                let gutter = g.x[lower] - g.widths[lower] / 2.0 - GAP_X / 2.0;
                to_shelf(
                    start,
                    end,
                    rows[upper_layer].1,
                    rows[lower_layer].0 - 12.0,
                    gutter,
                    shelf_tops[lower_layer][shelf] - 12.0,
                )
            } else {
                descend(&g, &chains[e], start, end, &rows, upper_layer)
            };
            if upper_is_from {
                path
            } else {
                path.into_iter().rev().map(Segment::reversed).collect()
            }
        };
        edges.push(EdgePath {
            from,
            to,
            segments,
            stroke: edge.stroke,
            label: edge.label,
            tooltip: edge.tooltip(&scene.nodes, scene.lang),
        });
    }

    // The legend, under the bands.
    let legend_top = y + 8.0;
    let legend = legend(&scene.legend, legend_top);
    let legend_right = legend.last().map_or(0.0, |l| l.text.x + l.text.width);
    let heading_right = heading.iter().map(|l| l.x + l.width).fold(0.0, f64::max);
    let width = (content_right + BAND_PAD + MARGIN)
        .max(heading_right + MARGIN)
        .max(legend_right + MARGIN)
        .ceil();
    for band in &mut bands {
        band.rect.w = width - 2.0 * MARGIN;
    }
    let height = (legend_top + 24.0 + MARGIN).ceil();
    Layout {
        width,
        height,
        title: format!("{} — {}", scene.heading, scene.caption),
        heading,
        bands,
        nodes,
        edges,
        legend,
    }
}

/// If the widest layer holding stacks makes the picture wider than
/// [`WRAP_WIDTH`], lay that layer out as a grid: its columns (a box and
/// its stack) all as wide as the widest, in their order, on as few shelves
/// as fit, the same number on each. The other layers are then pulled over
/// the grid again. Returns the wrapped layer and its shelves of vertices.
fn wrap(
    g: &mut Graph,
    stacks: &[Vec<usize>],
    nodes: &mut [NodeBox],
) -> Option<(usize, Vec<Vec<usize>>)> {
    let span = |g: &Graph| {
        let lo = (0..g.vertices.len())
            .map(|v| g.x[v] - g.widths[v] / 2.0)
            .fold(f64::INFINITY, f64::min);
        let hi = (0..g.vertices.len())
            .map(|v| g.x[v] + g.widths[v] / 2.0)
            .fold(f64::NEG_INFINITY, f64::max);
        hi - lo
    };
    if span(g) <= WRAP_WIDTH {
        return None;
    }
    let layer = (0..g.layers.len()).find(|&l| {
        g.layers[l].iter().any(|&v| match g.vertices[v] {
            Vertex::Node(n) => !stacks[n].is_empty(),
            Vertex::Dummy => false,
        })
    })?;
    let vertices = g.layers[layer].clone();
    // Only a layer of boxes whose arrows come from the layer above.
    if vertices
        .iter()
        .any(|&v| matches!(g.vertices[v], Vertex::Dummy) || !g.down[v].is_empty())
    {
        return None;
    }
    let column = vertices.iter().map(|&v| g.widths[v]).fold(0.0, f64::max);
    let fit = (((WRAP_WIDTH + GAP_X) / (column + GAP_X)).floor() as usize).max(1);
    let count = vertices.len().div_ceil(fit);
    let per_shelf = vertices.len().div_ceil(count.max(1)).max(1);
    let mut shelves: Vec<Vec<usize>> = Vec::new();
    for (k, &v) in vertices.iter().enumerate() {
        if k % per_shelf == 0 {
            shelves.push(Vec::new());
        }
        if let Some(shelf) = shelves.last_mut() {
            shelf.push(v);
        }
        g.widths[v] = column;
        g.x[v] = GAP_X / 2.0 + (k % per_shelf) as f64 * (column + GAP_X) + column / 2.0;
        if let Vertex::Node(n) = g.vertices[v] {
            nodes[n].rect.w = column;
            for &c in &stacks[n] {
                nodes[c].rect.w = column - STACK_INDENT;
            }
        }
    }
    place(g, Some(layer));
    Some((layer, shelves))
}

fn add_vertex(g: &mut Graph, vertex: Vertex, width: f64, layer: usize) -> usize {
    let v = g.vertices.len();
    g.vertices.push(vertex);
    g.widths.push(width);
    g.up.push(Vec::new());
    g.down.push(Vec::new());
    g.x.push(0.0);
    g.layers[layer].push(v);
    v
}

/// The box for a node: its lines measured, its colours by emphasis and problems.
fn node_box(node: &super::scene::Node, lang: crate::lang::Lang) -> NodeBox {
    let mut lines: Vec<TextLine> = node
        .title
        .iter()
        .map(|t| TextLine::new(t, TITLE_SIZE, true))
        .collect();
    if let Some(name) = &node.name {
        let mut line = TextLine::new(name, NAME_SIZE, false);
        line.color = style::MUTED;
        lines.push(line);
    }
    lines.extend(
        node.details
            .iter()
            .map(|d| TextLine::new(d, DETAIL_SIZE, false)),
    );
    let w = lines
        .iter()
        .map(|l| l.width)
        .fold(0.0, f64::max)
        .max(MIN_NODE_W - 2.0 * PAD_X)
        + 2.0 * PAD_X;
    let h = lines.iter().map(|l| l.size * LINE).sum::<f64>() + 2.0 * PAD_Y;
    NodeBox {
        id: node.key.ascii(),
        rect: Rect {
            x: 0.0,
            y: 0.0,
            w,
            h,
        },
        lines,
        style: style::box_style(node.look()),
        tooltip: node.tooltip(lang),
    }
}

/// Place each node's lines inside its box, centred.
fn place_lines(node: &mut NodeBox) {
    let centre = node.rect.x + node.rect.w / 2.0;
    let mut y = node.rect.y + PAD_Y;
    for line in &mut node.lines {
        let h = line.size * LINE;
        line.anchor = Anchor::Middle;
        line.x = centre;
        line.y = y + h / 2.0 + line.size * 0.35;
        y += h;
    }
}

/// Barycenter sweeps, down and up, keeping the order with fewest crossings.
fn order(g: &mut Graph) {
    let mut best = g.layers.clone();
    let mut best_crossings = crossings(g);
    for round in 0..8 {
        let downward = round % 2 == 0;
        let count = g.layers.len();
        for step in 1..count {
            let l = if downward { step } else { count - 1 - step };
            let position = positions(g);
            let mut keyed: Vec<(f64, usize, usize)> = g.layers[l]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let neighbours = if downward { &g.up[v] } else { &g.down[v] };
                    let key = if neighbours.is_empty() {
                        i as f64
                    } else {
                        neighbours.iter().map(|&u| position[u] as f64).sum::<f64>()
                            / neighbours.len() as f64
                    };
                    (key, i, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            g.layers[l] = keyed.into_iter().map(|(_, _, v)| v).collect();
        }
        let c = crossings(g);
        if c < best_crossings {
            best_crossings = c;
            best = g.layers.clone();
        }
    }
    g.layers = best;
}

/// Each vertex's index in its layer.
fn positions(g: &Graph) -> Vec<usize> {
    let mut position = vec![0; g.vertices.len()];
    for layer in &g.layers {
        for (i, &v) in layer.iter().enumerate() {
            position[v] = i;
        }
    }
    position
}

/// Crossings between consecutive layers, counted as inversions with a
/// Fenwick tree: O(E log V), so large plans stay fast.
fn crossings(g: &Graph) -> usize {
    let position = positions(g);
    let mut total = 0;
    for l in 0..g.layers.len().saturating_sub(1) {
        let mut pairs: Vec<(usize, usize)> = g.layers[l]
            .iter()
            .flat_map(|&u| g.down[u].iter().map(move |&v| (u, v)))
            .map(|(u, v)| (position[u], position[v]))
            .collect();
        pairs.sort_unstable();
        let size = g.layers[l + 1].len() + 1;
        let mut tree = vec![0usize; size + 1];
        for (seen, &(_, v)) in pairs.iter().enumerate() {
            // Earlier pairs whose lower end is to the right of v cross this one.
            let mut i = v + 1;
            let mut at_most = 0;
            while i > 0 {
                at_most += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += seen - at_most;
            let mut i = v + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// x positions: packed, then pulled towards neighbours, layer by layer.
/// With `fixed`, that layer is already placed: the others keep their
/// order and are pulled towards it.
fn place(g: &mut Graph, fixed: Option<usize>) {
    for l in (0..g.layers.len()).filter(|_| fixed.is_none()) {
        let mut x = 0.0;
        for (i, &v) in g.layers[l].iter().enumerate() {
            if i > 0 {
                x += separation(g, g.layers[l][i - 1], v);
            }
            g.x[v] = x;
        }
    }
    let count = g.layers.len();
    for round in 0..6 {
        for step in 0..count {
            let l = if round % 2 == 0 {
                step
            } else {
                count - 1 - step
            };
            if Some(l) == fixed {
                continue;
            }
            let layer = g.layers[l].clone();
            let wanted: Vec<(f64, f64)> = layer
                .iter()
                .map(|&v| {
                    let neighbours: Vec<usize> = match round % 3 {
                        0 => g.up[v].clone(),
                        1 => g.down[v].clone(),
                        _ => g.up[v].iter().chain(&g.down[v]).copied().collect(),
                    };
                    if neighbours.is_empty() {
                        (g.x[v], 0.05)
                    } else {
                        let mean = neighbours.iter().map(|&u| g.x[u]).sum::<f64>()
                            / neighbours.len() as f64;
                        let weight = if matches!(g.vertices[v], Vertex::Dummy) {
                            2.0
                        } else {
                            1.0
                        };
                        (mean, weight)
                    }
                })
                .collect();
            let gaps: Vec<f64> = layer
                .windows(2)
                .map(|p| separation(g, p[0], p[1]))
                .collect();
            for (v, x) in layer.iter().zip(closest_apart(&wanted, &gaps)) {
                g.x[*v] = x;
            }
        }
    }
}

/// Centre-to-centre distance two neighbours in a layer keep.
fn separation(g: &Graph, a: usize, b: usize) -> f64 {
    let gap = match (g.vertices[a], g.vertices[b]) {
        (Vertex::Node(_), Vertex::Node(_)) => GAP_X,
        _ => DUMMY_GAP,
    };
    (g.widths[a] + g.widths[b]) / 2.0 + gap
}

/// The positions closest (weighted least squares) to `wanted` that keep
/// consecutive ones at least `gaps` apart: isotonic regression on
/// `wanted − offset`, by pool-adjacent-violators.
pub fn closest_apart(wanted: &[(f64, f64)], gaps: &[f64]) -> Vec<f64> {
    let mut offset = vec![0.0; wanted.len()];
    for i in 1..wanted.len() {
        offset[i] = offset[i - 1] + gaps[i - 1];
    }
    // Blocks of (weighted sum, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for (i, &(x, w)) in wanted.iter().enumerate() {
        blocks.push(((x - offset[i]) * w, w, 1));
        while blocks.len() > 1 {
            let (s2, w2, n2) = blocks[blocks.len() - 1];
            let (s1, w1, n1) = blocks[blocks.len() - 2];
            if s1 / w1 <= s2 / w2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, w1 + w2, n1 + n2);
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    for (s, w, n) in blocks {
        for _ in 0..n {
            let i = out.len();
            out.push(s / w + offset[i]);
        }
    }
    out
}

/// For each edge, where it leaves its `from` box and enters its `to` box.
/// Each side of a box spreads its arrows in the order of where they go.
fn ports(
    scene: &Scene,
    g: &Graph,
    chains: &[Vec<usize>],
    nodes: &[NodeBox],
    layer_of: &[usize],
) -> Vec<(Point, Point)> {
    // (node, side is bottom) → [(x of the other end's next step, edge, end is from)]
    let mut sides: BTreeMap<(usize, bool), Vec<PortUse>> = BTreeMap::new();
    for (e, edge) in scene.edges.iter().enumerate() {
        let chain = &chains[e];
        if chain.is_empty() {
            // An arrow into a stack: it has its own way (`into_stack`).
            continue;
        }
        for (node, is_from) in [(edge.from, true), (edge.to, false)] {
            let other = if is_from { edge.to } else { edge.from };
            let (bottom, toward) = if layer_of[node] == layer_of[other] {
                (false, nodes[other].rect.x + nodes[other].rect.w / 2.0)
            } else if layer_of[node] < layer_of[other] {
                (true, g.x[chain[1]])
            } else {
                (false, g.x[chain[chain.len() - 2]])
            };
            sides
                .entry((node, bottom))
                .or_default()
                .push((toward, e, is_from));
        }
    }
    let mut ports = vec![(Point { x: 0.0, y: 0.0 }, Point { x: 0.0, y: 0.0 }); scene.edges.len()];
    for ((node, bottom), mut list) in sides {
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let r = nodes[node].rect;
        let n = list.len() as f64;
        for (i, &(_, e, is_from)) in list.iter().enumerate() {
            let spread = r.w * 0.7;
            let x = r.x + r.w / 2.0 - spread / 2.0 + spread * (i as f64 + 1.0) / (n + 1.0);
            let p = Point {
                x,
                y: if bottom { r.bottom() } else { r.y },
            };
            if is_from {
                ports[e].0 = p;
            } else {
                ports[e].1 = p;
            }
        }
    }
    ports
}

/// From a port on an upper box down to a port on a lower box: straight
/// down to the bottom of the row, an S-curve through the gap to each
/// layer crossed, straight through it at the dummy, and into the box.
fn descend(
    g: &Graph,
    chain: &[usize],
    start: Point,
    end: Point,
    rows: &[(f64, f64)],
    upper_layer: usize,
) -> Vec<Segment> {
    let mut segments = Vec::new();
    let line = |a: Point, b: Point, segments: &mut Vec<Segment>| {
        if (a.x - b.x).abs() > 1e-9 || (a.y - b.y).abs() > 1e-9 {
            segments.push(Segment::Line(a, b));
        }
    };
    let mut at = start;
    let bottom = Point {
        x: at.x,
        y: rows[upper_layer].1,
    };
    line(at, bottom, &mut segments);
    at = bottom;
    for (k, &v) in chain.iter().enumerate().skip(1) {
        let layer = upper_layer + k;
        let x = if k == chain.len() - 1 { end.x } else { g.x[v] };
        let top = Point {
            x,
            y: rows[layer].0,
        };
        let mid = (at.y + top.y) / 2.0;
        segments.push(Segment::Cubic(
            at,
            Point { x: at.x, y: mid },
            Point { x, y: mid },
            top,
        ));
        at = top;
        let through = if k == chain.len() - 1 {
            end
        } else {
            Point {
                x,
                y: rows[layer].1,
            }
        };
        line(at, through, &mut segments);
        at = through;
    }
    segments
}

/// An arrow between two boxes of one band: up from the first, across the
/// band's top margin at `level`, and down into the second.
fn arc(start: Point, end: Point, level: f64) -> Vec<Segment> {
    let r = ((end.x - start.x).abs() / 2.0).min(8.0);
    let s = if end.x >= start.x { 1.0 } else { -1.0 };
    let p1 = Point {
        x: start.x,
        y: level + r,
    };
    let p2 = Point {
        x: start.x + s * r,
        y: level,
    };
    let p3 = Point {
        x: end.x - s * r,
        y: level,
    };
    let p4 = Point {
        x: end.x,
        y: level + r,
    };
    let corner = |a: Point, b: Point| {
        let c = Point {
            x: if (a.y - level).abs() < 1e-9 { b.x } else { a.x },
            y: level,
        };
        Segment::Cubic(a, c, c, b)
    };
    vec![
        Segment::Line(start, p1),
        corner(p1, p2),
        Segment::Line(p2, p3),
        corner(p3, p4),
        Segment::Line(p4, end),
    ]
}

fn legend(keys: &[Key], top: f64) -> Vec<LegendItem> {
    let mut x = MARGIN;
    keys.iter()
        .map(|key| {
            let sample = Rect {
                x,
                y: top + 4.0,
                w: 22.0,
                h: 14.0,
            };
            let mut line = TextLine::new(key.text, 11.0, false);
            line.x = x + 30.0;
            line.y = top + 15.0;
            line.color = style::MUTED;
            x = line.x + line.width + 22.0;
            LegendItem {
                sample,
                style: style::box_style(key.look),
                text: line,
            }
        })
        .collect()
}

/// From a parent's bottom down the line left of its stack, and right into
/// the stacked box's side.
fn into_stack(parent: &Rect, child: &Rect) -> Vec<Segment> {
    let x = parent.x + STACK_INDENT / 2.0;
    let start = Point {
        x,
        y: parent.bottom(),
    };
    let corner = Point {
        x,
        y: child.y + child.h / 2.0,
    };
    let end = Point {
        x: child.x,
        y: corner.y,
    };
    vec![Segment::Line(start, corner), Segment::Line(corner, end)]
}

/// From a port on an upper box to a box on a lower shelf of a wrapped
/// layer: an S-curve to the gutter left of the box's column at `channel`
/// (the top margin of the wrapped band), down the gutter between the
/// columns to `lane` (the gap above the box's shelf), across, and down
/// into the box.
fn to_shelf(
    start: Point,
    end: Point,
    upper_bottom: f64,
    channel: f64,
    gutter: f64,
    lane: f64,
) -> Vec<Segment> {
    let mut segments = Vec::new();
    let leave = Point {
        x: start.x,
        y: upper_bottom,
    };
    if (leave.y - start.y).abs() > 1e-9 {
        segments.push(Segment::Line(start, leave));
    }
    let mid = (leave.y + channel) / 2.0;
    let top = Point {
        x: gutter,
        y: channel,
    };
    segments.push(Segment::Cubic(
        leave,
        Point { x: leave.x, y: mid },
        Point { x: gutter, y: mid },
        top,
    ));
    let down = Point { x: gutter, y: lane };
    let across = Point { x: end.x, y: lane };
    segments.push(Segment::Line(top, down));
    segments.push(Segment::Line(down, across));
    segments.push(Segment::Line(across, end));
    segments
}
