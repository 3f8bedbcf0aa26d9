//! What a diagram shows, before any format: bands (the strategy map's
//! lanes, or the trace's layers), the nodes in them with their text, the
//! arrows, and the problems found on each item. DOT, Mermaid and SVG are
//! three ways of writing the same scene.

use super::ids::NodeKey;
use super::text::{self, wrap};
use crate::analysis::Analysis;
use crate::diagnostic::{Code, Severity};
use crate::graph::EdgeKind;
use crate::lang::Lang;
use crate::model::{Comparison, ItemId, Model, Perspective, Ref, Use};
use crate::syntax::ast::ItemKind;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Which picture of the plan to draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The balanced-scorecard strategy map: goals in lanes, `supports` arrows.
    #[default]
    Map,
    /// goal → path → battle → tactic, top to bottom.
    Trace,
}

/// Columns a node's title wraps at (12 Chinese characters).
const TITLE_COLUMNS: usize = 24;
/// Columns a node's detail lines wrap at.
const DETAIL_COLUMNS: usize = 34;
/// Columns the heading's positioning lines wrap at.
const HEADING_COLUMNS: usize = 90;

/// Which way the arrows run. Bands are always listed top to bottom; the
/// layered formats (DOT, Mermaid) need to know whether causes sit below
/// effects (`Up`, the strategy map) or a plan is read downwards (`Down`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Arrows point up: Graphviz's and Mermaid's `BT`.
    Up,
    /// Arrows point down: `TB`.
    Down,
}

impl Flow {
    /// The direction as Graphviz's `rankdir` and Mermaid's flowchart write it.
    pub fn code(self) -> &'static str {
        match self {
            Flow::Up => "BT",
            Flow::Down => "TB",
        }
    }
}

/// What a box looks like, apart from its text: how it is emphasised and
/// the worst problem on it. `style::box_style` turns it into colours and
/// marks, for nodes and legend samples alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    pub emphasis: Emphasis,
    pub problem: Option<Severity>,
    /// The state's colour, when the picture is taken for a day.
    pub tone: Option<super::standing::Tone>,
}

/// One entry of the legend: a sample box and what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub text: &'static str,
    pub look: Look,
}

pub struct Scene {
    pub view: View,
    /// The language of the picture's own words.
    pub lang: Lang,
    /// ASCII, the graph's name in DOT: `strategy_map`, `trace`.
    pub id: &'static str,
    /// The `--view` word that draws it: `map`, `trace`.
    pub command: &'static str,
    pub flow: Flow,
    /// What the outlines and marks mean, in the order shown.
    pub legend: Vec<Key>,
    /// The plan's title, one line.
    pub heading: String,
    /// What the picture is: "Strategy map" or "Trace: …".
    pub caption: String,
    /// The positioning, on the strategy map.
    pub positioning: Vec<String>,
    /// How many problems the plan has, when it has any.
    pub note: Option<String>,
    /// The day the states are taken for (`--today`), when coloured.
    pub taken: Option<crate::date::Date>,
    /// Top to bottom.
    pub bands: Vec<Band>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// When grouped by file (`planc graph --group-by file`): the plan's
    /// files, as shown, and each node's index into them. Empty otherwise.
    pub files: Vec<String>,
    pub file_of: Vec<usize>,
}

/// A lane of the strategy map or a layer of the trace.
pub struct Band {
    /// ASCII, stable: `financial`, `none`, `goals`, `tactics`.
    pub key: &'static str,
    pub heading: &'static str,
    /// Shown in the band when it has no node.
    pub empty: &'static str,
    /// Indices into `Scene::nodes`, left to right as written in the plan.
    pub nodes: Vec<usize>,
}

pub struct Node {
    pub key: NodeKey,
    pub item: ItemId,
    pub band: usize,
    /// The label (or the name when there is none), wrapped.
    pub title: Vec<String>,
    /// The name, shown small under a label.
    pub name: Option<String>,
    /// Target and date, window and objective, owner and win criterion.
    pub details: Vec<String>,
    pub emphasis: Emphasis,
    pub flag: Option<Flag>,
    /// The node this one is drawn stacked under by the built-in layout (a
    /// tactic under its battle), instead of in a row of its own band.
    /// DOT and Mermaid keep it in its band.
    pub under: Option<usize>,
    /// The state on the day the picture is taken for (`Scene::take_status`).
    pub standing: Option<super::standing::Standing>,
}

impl Node {
    pub fn look(&self) -> Look {
        Look {
            emphasis: self.emphasis,
            problem: self.flag.as_ref().map(|f| f.severity),
            tone: self.standing.map(|s| s.tone),
        }
    }

    /// What hovering over the node says: the item, then each problem.
    pub fn tooltip(&self, lang: Lang) -> String {
        let kind = match lang {
            Lang::En => self.key.kind.keyword(),
            Lang::Zh => crate::lang::zh::kind(self.key.kind),
        };
        let mut tip = format!("{kind} {}", self.key.name);
        if let Some(s) = &self.standing {
            let _ = write!(tip, "\n{}", super::standing::state_line(s.word, lang));
        }
        if let Some(flag) = &self.flag {
            for p in &flag.problems {
                let _ = match lang {
                    Lang::En => write!(
                        tip,
                        "\n{} {}: {}",
                        p.severity.as_str(),
                        p.code.name(),
                        p.message
                    ),
                    Lang::Zh => write!(
                        tip,
                        "\n{} {}：{}",
                        match p.severity {
                            Severity::Error => "错误",
                            Severity::Warning => "警告",
                        },
                        p.code.name(),
                        p.message
                    ),
                };
            }
        }
        text::truncate(&text::clean(&tip), 2000)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    Plain,
    /// The goal everyone rallies behind.
    Breakthrough,
    /// A chosen main path: drawn bold.
    Main,
    /// A candidate path kept for the record: drawn dashed.
    Candidate,
    /// A guardrail goal (`keep`): a bound to hold, not a target to reach;
    /// drawn dashed, with a shield in its text.
    Guardrail,
}

/// The problems `planc check` reports at this item.
pub struct Flag {
    /// Error if any problem is an error, else warning.
    pub severity: Severity,
    /// In the order of the file.
    pub problems: Vec<Problem>,
}

pub struct Problem {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    Normal,
    Bold,
    Dashed,
}

pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    pub stroke: Stroke,
    /// Words written along the arrow (`part of`), where its kind is not
    /// the usual one of the view.
    pub label: Option<&'static str>,
}

impl Edge {
    /// What the arrow means, as the plan says it: `fission on hit_product`,
    /// `fission 推进路径 hit_product`. The names are the plan's own.
    pub fn tooltip(&self, nodes: &[Node], lang: Lang) -> String {
        let (from, to) = (&nodes[self.from].key.name, &nodes[self.to].key.name);
        // Drawn in the view's flow: `serves`, `on` and `for` arrows go
        // from the item named to the item that names it.
        let (subject, object) = match self.kind {
            EdgeKind::Supports | EdgeKind::PartOf | EdgeKind::After => (from, to),
            EdgeKind::Serves | EdgeKind::On | EdgeKind::For => (to, from),
        };
        match lang {
            Lang::En => format!("{subject} {} {object}", self.kind.word()),
            Lang::Zh => {
                let verb = match self.kind {
                    EdgeKind::After => return format!("{subject} 排在 {object} 之后"),
                    EdgeKind::Supports => "支撑目标",
                    EdgeKind::PartOf => "分解自",
                    EdgeKind::Serves => "服务于目标",
                    EdgeKind::On => "推进路径",
                    EdgeKind::For => "属于战役",
                };
                format!("{subject} {verb} {object}")
            }
        }
    }
}

pub fn build(analysis: &Analysis, view: View) -> Scene {
    let model = &analysis.model;
    let lang = analysis.lang;
    let mut builder = Builder {
        lang,
        model,
        nodes: Vec::new(),
        index: BTreeMap::new(),
        seen: BTreeMap::new(),
        edges: Vec::new(),
        drawn: std::collections::HashSet::new(),
    };
    let mut bands = match view {
        View::Map => builder.map(),
        View::Trace => builder.trace(),
    };
    for (i, node) in builder.nodes.iter().enumerate() {
        bands[node.band].nodes.push(i);
    }
    let mut nodes = builder.nodes;
    flag(analysis, &mut nodes);
    let heading = model
        .plan
        .as_ref()
        .map(|p| p.title.trim())
        .filter(|t| !t.is_empty())
        .unwrap_or(lang.pick("Strategy map", "战略地图"));
    let (id, command, flow, caption) = match view {
        View::Map => (
            "strategy_map",
            "map",
            Flow::Up,
            lang.pick("Strategy map", "战略地图"),
        ),
        View::Trace => (
            "trace",
            "trace",
            Flow::Down,
            lang.pick(
                "Trace: goal → path → battle → tactic",
                "承接关系：目标 → 路径 → 战役 → 战术",
            ),
        ),
    };
    let look = |emphasis| Look {
        emphasis,
        problem: None,
        tone: None,
    };
    let mut legend = match view {
        View::Map => {
            let mut keys = vec![Key {
                text: lang.pick("breakthrough goal", "关键突破目标"),
                look: look(Emphasis::Breakthrough),
            }];
            if model.goals.iter().any(|g| g.keep.is_some()) {
                keys.push(Key {
                    text: lang.pick("guardrail (keep)", "底线（keep）"),
                    look: look(Emphasis::Guardrail),
                });
            }
            keys
        }
        View::Trace => vec![
            Key {
                text: lang.pick("breakthrough goal", "关键突破目标"),
                look: look(Emphasis::Breakthrough),
            },
            Key {
                text: lang.pick("main path", "主路径"),
                look: look(Emphasis::Main),
            },
            Key {
                text: lang.pick("candidate path", "备选路径"),
                look: look(Emphasis::Candidate),
            },
        ],
    };
    for (text, severity) in [
        (lang.pick("has an error", "有错误"), Severity::Error),
        (lang.pick("has a warning", "有警告"), Severity::Warning),
    ] {
        legend.push(Key {
            text,
            look: Look {
                emphasis: Emphasis::Plain,
                problem: Some(severity),
                tone: None,
            },
        });
    }
    Scene {
        view,
        lang,
        id,
        command,
        flow,
        legend,
        heading: text::truncate(&text::clean(heading).replace('\n', " "), text::MAX_CHARS),
        caption: caption.to_string(),
        positioning: match view {
            View::Map => positioning(model, lang),
            View::Trace => Vec::new(),
        },
        note: note(analysis),
        taken: None,
        bands,
        nodes,
        edges: builder.edges,
        files: Vec::new(),
        file_of: Vec::new(),
    }
}

impl Scene {
    /// Group the nodes by the file each item is written in, departments
    /// being files: DOT and Mermaid draw a box per file, named by its path,
    /// inside each band. Call after [`Scene::focus`].
    pub fn group_by_file(&mut self, model: &crate::model::Model, map: &crate::sources::SourceMap) {
        self.files = map.files().iter().map(|f| f.name.clone()).collect();
        self.file_of = self
            .nodes
            .iter()
            .map(|n| {
                model
                    .common(n.item)
                    .map_or(0, |c| map.file_at(c.id.span.start()))
            })
            .collect();
    }

    /// A band's nodes by file, in the files' order (each node in its
    /// band's order within its file); one group of all when not grouped.
    pub fn band_groups(&self, band: &Band) -> Vec<(Option<usize>, Vec<usize>)> {
        if self.files.is_empty() {
            return vec![(None, band.nodes.clone())];
        }
        let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
        for file in 0..self.files.len() {
            let nodes: Vec<usize> = band
                .nodes
                .iter()
                .copied()
                .filter(|&n| self.file_of.get(n) == Some(&file))
                .collect();
            if !nodes.is_empty() {
                groups.push((Some(file), nodes));
            }
        }
        groups
    }

    /// Keep only what traces to and from the items named `name` (a goal,
    /// path, battle or tactic): what it leads to, following the arrows, and
    /// what leads to it, against them; nothing beside. On the trace, a
    /// battle keeps its tactics, its path and the goals that path serves;
    /// on the map, a goal keeps the goals it supports and those supporting
    /// it. The caption says what the picture is focused on.
    pub fn focus(&mut self, name: &str) -> Result<(), String> {
        let starts: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.nodes[i].key.name == name)
            .collect();
        if starts.is_empty() {
            let zh = self.lang == Lang::Zh;
            let mut message = if zh {
                format!(
                    "--focus {name}：--view {} 里没有画出名叫 `{name}` 的项",
                    self.command
                )
            } else {
                format!(
                    "--focus {name}: nothing named `{name}` is drawn in --view {}",
                    self.command
                )
            };
            let names = self.nodes.iter().map(|n| n.key.name.as_str());
            if let Some(close) = crate::suggest::closest(name, names) {
                let _ = match zh {
                    true => write!(message, "；你是不是想写 `{close}`？"),
                    false => write!(message, "; did you mean `{close}`?"),
                };
            } else if self.view == View::Map {
                message.push_str(self.lang.pick(
                    " (the map draws goals only; --view trace draws paths, battles and tactics)",
                    "（战略地图只画目标；--view trace 才画路径、战役和战术）",
                ));
            }
            return Err(message);
        }
        let mut forward = vec![Vec::new(); self.nodes.len()];
        let mut backward = vec![Vec::new(); self.nodes.len()];
        for edge in &self.edges {
            forward[edge.from].push(edge.to);
            backward[edge.to].push(edge.from);
        }
        let mut keep = vec![false; self.nodes.len()];
        for links in [&forward, &backward] {
            let mut seen = vec![false; self.nodes.len()];
            let mut queue: std::collections::VecDeque<usize> = starts.iter().copied().collect();
            for &s in &starts {
                seen[s] = true;
            }
            while let Some(n) = queue.pop_front() {
                keep[n] = true;
                for &next in &links[n] {
                    if !seen[next] {
                        seen[next] = true;
                        queue.push_back(next);
                    }
                }
            }
        }
        let mut new_index = vec![usize::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, node) in std::mem::take(&mut self.nodes).into_iter().enumerate() {
            if keep[i] {
                new_index[i] = nodes.len();
                nodes.push(node);
            }
        }
        for node in &mut nodes {
            node.under = node
                .under
                .map(|u| new_index[u])
                .filter(|&u| u != usize::MAX);
        }
        self.nodes = nodes;
        self.edges.retain(|e| keep[e.from] && keep[e.to]);
        for edge in &mut self.edges {
            edge.from = new_index[edge.from];
            edge.to = new_index[edge.to];
        }
        for band in &mut self.bands {
            band.nodes.retain(|&n| keep[n]);
            for n in &mut band.nodes {
                *n = new_index[*n];
            }
        }
        let _ = write!(
            self.caption,
            "{}{name}",
            self.lang.pick(" · focus: ", " · 聚焦：")
        );
        Ok(())
    }
}

struct Builder<'m> {
    lang: Lang,
    model: &'m Model,
    nodes: Vec<Node>,
    index: BTreeMap<ItemId, usize>,
    /// How many items of each kind and name were drawn so far.
    seen: BTreeMap<(ItemKind, String), usize>,
    edges: Vec<Edge>,
    /// The (from, to) pairs already drawn: a set, so that checking for a
    /// duplicate arrow does not scan every arrow of a large plan.
    drawn: std::collections::HashSet<(usize, usize)>,
}

impl Builder<'_> {
    fn map(&mut self) -> Vec<Band> {
        let model = self.model;
        let lang = self.lang;
        let mut bands: Vec<Band> = Perspective::ALL
            .iter()
            .map(|p| {
                let (key, heading) = match p {
                    Perspective::Financial => ("financial", lang.pick("Financial", "财务")),
                    Perspective::Customer => ("customer", lang.pick("Customer", "客户")),
                    Perspective::Process => ("process", lang.pick("Internal process", "内部流程")),
                    Perspective::Learning => {
                        ("learning", lang.pick("Learning & growth", "学习与成长"))
                    }
                };
                band(
                    key,
                    heading,
                    lang.pick("no goals in this lane yet", "这一层还没有目标"),
                )
            })
            .collect();
        let lane =
            |p: Option<Perspective>| p.and_then(|p| Perspective::ALL.iter().position(|q| *q == p));
        if model
            .goals
            .iter()
            .any(|g| lane(g.perspective.as_ref().map(|p| p.value)).is_none())
        {
            bands.push(band("none", lang.pick("No perspective", "未分层面"), ""));
        }
        // Parts right after their parent, so that a lane reads as the
        // parent and its shares side by side.
        for i in part_order(model) {
            let goal = &model.goals[i];
            let b = lane(goal.perspective.as_ref().map(|p| p.value)).unwrap_or(4);
            self.node(
                ItemKind::Goal,
                i,
                b,
                self.goal_details(i),
                goal_emphasis(goal),
            );
        }
        for (i, goal) in model.goals.iter().enumerate() {
            for target in targets(&goal.supports) {
                self.edge(
                    (ItemKind::Goal, i),
                    (ItemKind::Goal, target),
                    EdgeKind::Supports,
                    Stroke::Normal,
                );
            }
            for parent in targets(goal.part_of.as_slice()) {
                self.edge(
                    (ItemKind::Goal, i),
                    (ItemKind::Goal, parent),
                    EdgeKind::PartOf,
                    Stroke::Dashed,
                );
            }
        }
        bands
    }

    fn trace(&mut self) -> Vec<Band> {
        let model = self.model;
        let lang = self.lang;
        let bands = vec![
            band(
                "goals",
                lang.pick("Goals", "目标"),
                lang.pick("no goals yet", "还没有目标"),
            ),
            band(
                "paths",
                lang.pick("Paths", "增长路径"),
                lang.pick("no paths yet", "还没有路径"),
            ),
            band(
                "battles",
                lang.pick("Battles", "关键战役"),
                lang.pick("no battles yet", "还没有战役"),
            ),
            band(
                "tactics",
                lang.pick("Tactics", "战术"),
                lang.pick("no tactics yet", "还没有战术"),
            ),
        ];
        for (i, goal) in model.goals.iter().enumerate() {
            self.node(
                ItemKind::Goal,
                i,
                0,
                self.goal_details(i),
                goal_emphasis(goal),
            );
        }
        for (i, path) in model.paths.iter().enumerate() {
            let (emphasis, what) = if path.main.is_some() {
                (Emphasis::Main, lang.pick("main path", "主路径"))
            } else {
                (Emphasis::Candidate, lang.pick("candidate path", "备选路径"))
            };
            let mut details = vec![what.to_string()];
            if !path.expects.is_empty() {
                details.extend(wrap(
                    &format!(
                        "{} {}",
                        lang.pick("expects", "预期回报"),
                        self.uses(&path.expects)
                    ),
                    DETAIL_COLUMNS,
                ));
            }
            self.node(ItemKind::Path, i, 1, details, emphasis);
        }
        for (i, battle) in model.battles.iter().enumerate() {
            let mut details = vec![match battle.window {
                Some(w) if w.range.start == w.range.end => w.range.start.to_string(),
                Some(w) => format!("{} – {}", w.range.start, w.range.end),
                None => lang.pick("no window yet", "还没有时间周期").to_string(),
            }];
            details.extend(if battle.objective.is_empty() {
                vec![lang.pick("no objective yet", "还没有战役目标").to_string()]
            } else {
                wrap(&self.uses(&battle.objective), DETAIL_COLUMNS)
            });
            self.node(ItemKind::Battle, i, 2, details, Emphasis::Plain);
        }
        for (i, tactic) in model.tactics.iter().enumerate() {
            let mut details = match &tactic.owner {
                Some(owner) => wrap(
                    &format!("{}{}", lang.pick("owner: ", "负责人："), owner.value),
                    DETAIL_COLUMNS,
                ),
                None => vec![lang.pick("no owner yet", "还没有负责人").to_string()],
            };
            details.extend(match &tactic.win {
                Some(win) => wrap(
                    &format!(
                        "{}{} {} {}",
                        lang.pick("win: ", "赢的标准："),
                        self.metric(&win.metric),
                        symbol(win.op),
                        win.qty.text
                    ),
                    DETAIL_COLUMNS,
                ),
                None => vec![lang
                    .pick("no win criterion yet", "还没有赢的标准")
                    .to_string()],
            });
            self.node(ItemKind::Tactic, i, 3, details, Emphasis::Plain);
        }
        for (i, path) in model.paths.iter().enumerate() {
            let stroke = if path.main.is_some() {
                Stroke::Bold
            } else {
                Stroke::Dashed
            };
            for goal in targets(&path.serves) {
                self.edge(
                    (ItemKind::Goal, goal),
                    (ItemKind::Path, i),
                    EdgeKind::Serves,
                    stroke,
                );
            }
        }
        for (i, battle) in model.battles.iter().enumerate() {
            for path in targets(battle.on.as_slice()) {
                let stroke = if model.paths[path].main.is_some() {
                    Stroke::Bold
                } else {
                    Stroke::Dashed
                };
                self.edge(
                    (ItemKind::Path, path),
                    (ItemKind::Battle, i),
                    EdgeKind::On,
                    stroke,
                );
            }
        }
        for (i, tactic) in model.tactics.iter().enumerate() {
            for battle in targets(tactic.battle.as_slice()) {
                self.edge(
                    (ItemKind::Battle, battle),
                    (ItemKind::Tactic, i),
                    EdgeKind::For,
                    Stroke::Normal,
                );
                let id = |kind, index| ItemId { kind, index };
                if let (Some(&parent), Some(&child)) = (
                    self.index.get(&id(ItemKind::Battle, battle)),
                    self.index.get(&id(ItemKind::Tactic, i)),
                ) {
                    self.nodes[child].under = Some(parent);
                }
            }
        }
        bands
    }

    fn goal_details(&self, i: usize) -> Vec<String> {
        let goal = &self.model.goals[i];
        let mut details = Vec::new();
        if goal.breakthrough.is_some() {
            details.push(
                self.lang
                    .pick("★ breakthrough goal", "★ 关键突破目标")
                    .to_string(),
            );
        }
        if let Some(keep) = &goal.keep {
            details.extend(wrap(
                &format!(
                    "{}{} {} {}",
                    self.lang.pick("guardrail: keep ", "底线：守住 "),
                    self.metric(&keep.metric),
                    symbol(keep.op),
                    keep.qty.text
                ),
                DETAIL_COLUMNS,
            ));
            return details;
        }
        match &goal.target {
            Some(t) => details.extend(wrap(
                &match self.lang {
                    Lang::En => format!(
                        "{} {} by {}",
                        self.metric(&t.metric),
                        t.qty.text,
                        t.by.value
                    ),
                    Lang::Zh => {
                        format!("{} 前{} {}", t.by.value, self.metric(&t.metric), t.qty.text)
                    }
                },
                DETAIL_COLUMNS,
            )),
            None => details.push(self.lang.pick("no target yet", "还没有目标值").to_string()),
        }
        details
    }

    /// A metric's label, else its name as written.
    fn metric(&self, r: &Ref) -> String {
        r.target()
            .and_then(|m| self.model.metrics.get(m))
            .and_then(|m| m.common.label.as_ref())
            .unwrap_or(&r.name)
            .to_string()
    }

    /// `营收 +¥800万, 新增有效客户 +5000`.
    fn uses(&self, uses: &[Use]) -> String {
        uses.iter()
            .map(|u| format!("{} {}", self.metric(&u.what), u.qty.text))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn node(
        &mut self,
        kind: ItemKind,
        index: usize,
        band: usize,
        details: Vec<String>,
        emphasis: Emphasis,
    ) {
        let item = ItemId { kind, index };
        let Some(common) = self.model.common(item) else {
            return;
        };
        let name = common.name().to_string();
        let occurrence = self.seen.entry((kind, name.clone())).or_insert(0);
        *occurrence += 1;
        let label = common
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let node = Node {
            key: NodeKey {
                kind,
                name: name.clone(),
                occurrence: *occurrence,
            },
            item,
            band,
            title: wrap(label.unwrap_or(&name), TITLE_COLUMNS),
            name: label.map(|_| name),
            details,
            emphasis,
            flag: None,
            under: None,
            standing: None,
        };
        self.index.insert(item, self.nodes.len());
        self.nodes.push(node);
    }

    /// One arrow between two drawn items; the same arrow twice, and an item
    /// pointing at itself (a `cycle` error, outlined on the item), are not drawn.
    fn edge(
        &mut self,
        from: (ItemKind, usize),
        to: (ItemKind, usize),
        kind: EdgeKind,
        stroke: Stroke,
    ) {
        let id = |(kind, index)| ItemId { kind, index };
        let (Some(&from), Some(&to)) = (self.index.get(&id(from)), self.index.get(&id(to))) else {
            return;
        };
        if from == to || !self.drawn.insert((from, to)) {
            return;
        }
        self.edges.push(Edge {
            from,
            to,
            kind,
            stroke,
            label: (kind == EdgeKind::PartOf).then_some(self.lang.pick("part of", "分解自")),
        });
    }
}

/// How a goal's box is drawn: the breakthrough goal stands out most, then
/// a guardrail.
fn goal_emphasis(goal: &crate::model::Goal) -> Emphasis {
    if goal.breakthrough.is_some() {
        Emphasis::Breakthrough
    } else if goal.keep.is_some() {
        Emphasis::Guardrail
    } else {
        Emphasis::Plain
    }
}

/// The goals in source order, except that each goal's parts (`part_of`)
/// come right after it, depth first. Iterative, and a loop of `part_of`
/// (reported as a `cycle`) is drawn in source order.
fn part_order(model: &Model) -> Vec<usize> {
    let n = model.goals.len();
    let mut parts = vec![Vec::new(); n];
    let mut has_parent = vec![false; n];
    for (i, goal) in model.goals.iter().enumerate() {
        if let Some(p) = goal.part_of.as_ref().and_then(|r| r.target()) {
            if p != i {
                parts[p].push(i);
                has_parent[i] = true;
            }
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    for root in 0..n {
        if has_parent[root] || placed[root] {
            continue;
        }
        let mut stack = vec![root];
        while let Some(g) = stack.pop() {
            if std::mem::replace(&mut placed[g], true) {
                continue;
            }
            order.push(g);
            stack.extend(parts[g].iter().rev().copied());
        }
    }
    // What is left is on a loop: in source order.
    order.extend((0..n).filter(|&g| !placed[g]));
    order
}

fn band(key: &'static str, heading: &'static str, empty: &'static str) -> Band {
    Band {
        key,
        heading,
        empty,
        nodes: Vec::new(),
    }
}

/// The resolved targets of a list of references, in order.
fn targets(refs: &[Ref]) -> impl Iterator<Item = usize> + '_ {
    refs.iter().filter_map(|r| r.target())
}

fn symbol(op: Comparison) -> &'static str {
    match op {
        Comparison::AtLeast => "≥",
        Comparison::Above => ">",
        Comparison::AtMost => "≤",
        Comparison::Below => "<",
        Comparison::Exactly => "=",
    }
}

/// "We are: … · Serving: …" and "Pain: … · Why us: …".
fn positioning(model: &Model, lang: Lang) -> Vec<String> {
    let Some(p) = &model.positioning else {
        return Vec::new();
    };
    let part = |name: &str, value: &Option<crate::span::Spanned<crate::Text>>| {
        value
            .as_ref()
            .map(|v| v.value.trim())
            .filter(|v| !v.is_empty())
            .map(|v| format!("{name}{}{v}", lang.pick(": ", "：")))
    };
    let mut lines = Vec::new();
    for pair in [
        [
            part(lang.pick("We are", "我是谁"), &p.we_are),
            part(lang.pick("Serving", "为谁服务"), &p.serve),
        ],
        [
            part(lang.pick("Pain", "客户痛点"), &p.pain),
            part(lang.pick("Why us", "为什么选我"), &p.why_us),
        ],
    ] {
        let said: Vec<String> = pair.into_iter().flatten().collect();
        if !said.is_empty() {
            lines.extend(
                wrap(&said.join("  ·  "), HEADING_COLUMNS)
                    .into_iter()
                    .take(2),
            );
        }
    }
    lines
}

/// Put each diagnostic on the drawn item it is reported at.
fn flag(analysis: &Analysis, nodes: &mut [Node]) {
    // Items never overlap: sort their spans once and find each diagnostic's
    // item by binary search, so many diagnostics on a big plan stay cheap.
    let mut spans: Vec<(usize, usize, usize)> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            analysis
                .model
                .common(n.item)
                .map(|c| (c.span.start(), c.span.end(), i))
        })
        .collect();
    spans.sort_unstable();
    for d in &analysis.diagnostics {
        let at = spans
            .partition_point(|&(start, _, _)| start <= d.span.start())
            .checked_sub(1)
            .map(|k| spans[k])
            .filter(|&(_, end, _)| d.span.start() < end)
            .map(|(_, _, i)| &mut nodes[i]);
        if let Some(node) = at {
            let problem = Problem {
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
            };
            let flag = node.flag.get_or_insert(Flag {
                severity: d.severity,
                problems: Vec::new(),
            });
            flag.severity = flag.severity.max(d.severity);
            flag.problems.push(problem);
        }
    }
}

/// "planc check: 2 errors, 1 warning (outlined red and amber) · 1 item could not be read and is not drawn".
fn note(analysis: &Analysis) -> Option<String> {
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = analysis.diagnostics.len() - errors;
    let broken = analysis.model.broken.len();
    let mut parts = Vec::new();
    if analysis.lang == Lang::Zh {
        match (errors, warnings) {
            (0, 0) => {}
            (e, 0) => parts.push(format!("planc check：{e} 个错误（红框标出）")),
            (0, w) => parts.push(format!("planc check：{w} 个警告（黄框标出）")),
            (e, w) => parts.push(format!(
                "planc check：{e} 个错误、{w} 个警告（红框、黄框标出）"
            )),
        }
        if broken > 0 {
            parts.push(format!("{broken} 项读不出来，没有画出"));
        }
        return (!parts.is_empty()).then(|| parts.join("  ·  "));
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (errors, warnings) {
        (0, 0) => {}
        (e, 0) => parts.push(format!(
            "planc check: {} (outlined red)",
            plural(e, "error", "errors")
        )),
        (0, w) => parts.push(format!(
            "planc check: {} (outlined amber)",
            plural(w, "warning", "warnings")
        )),
        (e, w) => parts.push(format!(
            "planc check: {}, {} (outlined red and amber)",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        )),
    }
    if broken > 0 {
        parts.push(format!(
            "{} not drawn",
            plural(
                broken,
                "item could not be read and is",
                "items could not be read and are"
            )
        ));
    }
    (!parts.is_empty()).then(|| parts.join("  ·  "))
}
