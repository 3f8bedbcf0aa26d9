//! The outline: the plan, the positioning, resources and metrics, then the
//! goals with the paths that serve them, each path's battles and each
//! battle's tactics nested beneath, as they trace. A path serving several
//! goals sits under the first; anything that traces to nothing stays at the
//! top level, so every item appears exactly once.

use super::position::Encoding;
use super::Document;
use crate::model::{Common, Model};
use crate::span::Span;
use crate::syntax::ast::ItemKind;
use lsp_types::{DocumentSymbol, SymbolKind};

pub fn symbols(doc: &Document, encoding: Encoding) -> Vec<DocumentSymbol> {
    let model = &doc.analysis.model;
    let mut top = Vec::new();
    if let Some(plan) = model.plan.as_ref().filter(|p| doc.here(p.span)) {
        top.push(leaf(
            doc,
            encoding,
            plan.title.clone(),
            ItemKind::Plan,
            plan.span,
            plan.keyword,
        ));
    }
    if let Some(p) = model.positioning.as_ref().filter(|p| doc.here(p.span)) {
        top.push(leaf(
            doc,
            encoding,
            "positioning".to_string(),
            ItemKind::Positioning,
            p.span,
            p.keyword,
        ));
    }
    let mut s = Symbols {
        model,
        doc,
        encoding,
        paths_of: vec![Vec::new(); model.goals.len()],
        battles_of: vec![Vec::new(); model.paths.len()],
        tactics_of: vec![Vec::new(); model.battles.len()],
    };
    for (p, path) in model.paths.iter().enumerate() {
        if let Some(g) = path.serves.iter().find_map(|r| r.target()) {
            s.paths_of[g].push(p);
        }
    }
    for (b, battle) in model.battles.iter().enumerate() {
        if let Some(p) = battle.on.as_ref().and_then(|r| r.target()) {
            s.battles_of[p].push(b);
        }
    }
    for (t, tactic) in model.tactics.iter().enumerate() {
        if let Some(b) = tactic.battle.as_ref().and_then(|r| r.target()) {
            s.tactics_of[b].push(t);
        }
    }
    top.extend(
        model
            .resources
            .iter()
            .flat_map(|r| s.item(&r.common, ItemKind::Resource, Vec::new())),
    );
    top.extend(
        model
            .metrics
            .iter()
            .flat_map(|m| s.item(&m.common, ItemKind::Metric, Vec::new())),
    );
    top.extend((0..model.goals.len()).flat_map(|g| s.goal(g)));
    let placed_path = |p: usize| model.paths[p].serves.iter().any(|r| r.target().is_some());
    top.extend(
        (0..model.paths.len())
            .filter(|&p| !placed_path(p))
            .flat_map(|p| s.path(p)),
    );
    let placed_battle = |b: usize| {
        model.battles[b]
            .on
            .as_ref()
            .is_some_and(|r| r.target().is_some())
    };
    top.extend(
        (0..model.battles.len())
            .filter(|&b| !placed_battle(b))
            .flat_map(|b| s.battle(b)),
    );
    let placed_tactic = |t: usize| {
        model.tactics[t]
            .battle
            .as_ref()
            .is_some_and(|r| r.target().is_some())
    };
    top.extend(
        (0..model.tactics.len())
            .filter(|&t| !placed_tactic(t))
            .flat_map(|t| s.item(&model.tactics[t].common, ItemKind::Tactic, Vec::new())),
    );
    top.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    top
}

struct Symbols<'a> {
    model: &'a Model,
    doc: &'a Document,
    encoding: Encoding,
    /// For each goal, the paths placed under it; likewise below.
    paths_of: Vec<Vec<usize>>,
    battles_of: Vec<Vec<usize>>,
    tactics_of: Vec<Vec<usize>>,
}

impl Symbols<'_> {
    fn goal(&self, g: usize) -> Vec<DocumentSymbol> {
        let paths = self.paths_of[g]
            .iter()
            .flat_map(|&p| self.path(p))
            .collect();
        self.item(&self.model.goals[g].common, ItemKind::Goal, paths)
    }

    fn path(&self, p: usize) -> Vec<DocumentSymbol> {
        let battles = self.battles_of[p]
            .iter()
            .flat_map(|&b| self.battle(b))
            .collect();
        self.item(&self.model.paths[p].common, ItemKind::Path, battles)
    }

    fn battle(&self, b: usize) -> Vec<DocumentSymbol> {
        let tactics = self.tactics_of[b]
            .iter()
            .flat_map(|&t| self.item(&self.model.tactics[t].common, ItemKind::Tactic, Vec::new()))
            .collect();
        self.item(&self.model.battles[b].common, ItemKind::Battle, tactics)
    }

    /// The item's symbol with its children; for an item of another file
    /// of the plan, its children in this file, in its place.
    fn item(
        &self,
        common: &Common,
        kind: ItemKind,
        children: Vec<DocumentSymbol>,
    ) -> Vec<DocumentSymbol> {
        if !self.doc.here(common.span) {
            return children;
        }
        let mut symbol = leaf(
            self.doc,
            self.encoding,
            common.name().to_string(),
            kind,
            common.span,
            common.id.span,
        );
        symbol.detail = Some(match &common.label {
            Some(label) => format!("{} «{label}»", kind.keyword()),
            None => kind.keyword().to_string(),
        });
        symbol.children = (!children.is_empty()).then_some(children);
        vec![symbol]
    }
}

fn leaf(
    doc: &Document,
    encoding: Encoding,
    name: String,
    kind: ItemKind,
    span: Span,
    selection: Span,
) -> DocumentSymbol {
    #[allow(deprecated)] // `deprecated` is a required field of the type
    DocumentSymbol {
        // An empty name is refused by some clients; a plan titled "" still
        // needs a line in the outline.
        name: if name.is_empty() {
            kind.keyword().to_string()
        } else {
            name
        },
        detail: Some(kind.keyword().to_string()),
        kind: symbol_kind(kind),
        tags: None,
        deprecated: None,
        range: doc.range(span, encoding),
        selection_range: doc.range(selection, encoding),
        children: None,
    }
}

pub fn symbol_kind(kind: ItemKind) -> SymbolKind {
    match kind {
        ItemKind::Plan => SymbolKind::FILE,
        ItemKind::Positioning => SymbolKind::NAMESPACE,
        ItemKind::Resource => SymbolKind::VARIABLE,
        ItemKind::Metric => SymbolKind::CONSTANT,
        ItemKind::Goal => SymbolKind::CLASS,
        ItemKind::Path => SymbolKind::MODULE,
        ItemKind::Battle => SymbolKind::EVENT,
        ItemKind::Tactic => SymbolKind::FUNCTION,
        ItemKind::Checkin => SymbolKind::EVENT,
    }
}
