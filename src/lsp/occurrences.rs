//! Every place a name is written: each item's definition and each reference
//! to it, with the kind of item it defines or is expected to name. One index
//! serves go to definition, find references, rename, hover and the
//! "did you mean" quick fix.

use crate::model::{ItemId, Model};
use crate::span::Span;
use crate::syntax::ast::ItemKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub name: String,
    pub span: Span,
    /// The kind of item defined here, or expected here by the reference.
    pub kind: ItemKind,
    pub definition: bool,
    /// For a reference: whether it resolved to an item of the right kind.
    pub resolved: bool,
}

/// All occurrences, in source order.
#[derive(Clone, Debug, Default)]
pub struct Occurrences {
    all: Vec<Occurrence>,
}

impl Occurrences {
    pub fn build(model: &Model) -> Occurrences {
        let mut all = Vec::new();
        let mut define = |name: &str, span: Span, kind: ItemKind| {
            all.push(Occurrence {
                name: name.to_string(),
                span,
                kind,
                definition: true,
                resolved: true,
            });
        };
        for r in &model.resources {
            define(r.common.name(), r.common.id.span, ItemKind::Resource);
        }
        for m in &model.metrics {
            define(m.common.name(), m.common.id.span, ItemKind::Metric);
        }
        for g in &model.goals {
            define(g.common.name(), g.common.id.span, ItemKind::Goal);
        }
        for p in &model.paths {
            define(p.common.name(), p.common.id.span, ItemKind::Path);
        }
        for b in &model.battles {
            define(b.common.name(), b.common.id.span, ItemKind::Battle);
        }
        for t in &model.tactics {
            define(t.common.name(), t.common.id.span, ItemKind::Tactic);
        }
        // A reference is of the kind it resolved to, else of the first
        // kind its attribute expects.
        all.extend(model.refs().map(|r| {
            Occurrence {
                name: r.to.name.to_string(),
                span: r.to.span,
                kind: r
                    .target()
                    .map_or_else(|| r.attr.expects[0], |item| item.kind),
                definition: false,
                resolved: r.to.target().is_some(),
            }
        }));
        all.sort_by_key(|o| (o.span.start(), o.span.end()));
        Occurrences { all }
    }

    pub fn all(&self) -> &[Occurrence] {
        &self.all
    }

    /// The occurrence under an offset; a cursor just after a name is on it.
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        let after = self.all.partition_point(|o| o.span.start() <= offset);
        self.all[..after]
            .iter()
            .rev()
            .find(|o| o.span.contains(offset))
    }

    /// Every occurrence of a name, definitions included, in source order.
    pub fn of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Occurrence> + 'a {
        self.all.iter().filter(move |o| o.name == name)
    }
}

/// The item a name defines: the first definition wins, as in the checks.
pub fn item(model: &Model, name: &str) -> Option<ItemId> {
    model.lookup(name)
}

/// The span of the name that defines an item.
pub fn definition_span(model: &Model, name: &str) -> Option<Span> {
    let id = item(model, name)?;
    model.common(id).map(|c| c.id.span)
}
