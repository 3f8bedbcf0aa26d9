//! The model's names: every named item by its name, the first definition
//! winning.
//!
//! A table of item ids alone (eight bytes each), not of names and ids: each
//! name is already in its item, so the table reads it from there. On a plan
//! of 100 000 battles this is 5 MB instead of 21 MB (docs/performance.md).

use super::{Common, ItemId};
use crate::syntax::ast::ItemKind;
use std::hash::BuildHasher;

/// One named item: its kind and its index in that kind's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    kind: ItemKind,
    index: u32,
}

impl Entry {
    fn id(self) -> ItemId {
        ItemId {
            kind: self.kind,
            index: self.index as usize,
        }
    }
}

/// Names to items. Every method takes the way to an item's [`Common`] (the
/// model's lists), where the names are.
#[derive(Clone, Debug, Default)]
pub struct Names {
    table: hashbrown::HashTable<Entry>,
    hasher: foldhash::fast::FixedState,
}

impl Names {
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Room for `more` names without growing.
    pub fn reserve<'m>(&mut self, more: usize, common: impl Fn(ItemId) -> Option<&'m Common>) {
        let hasher = &self.hasher;
        self.table
            .reserve(more, |e| hasher.hash_one(name_of(&common, *e)));
    }

    /// The item named `name`.
    pub fn get<'m>(
        &self,
        name: &str,
        common: impl Fn(ItemId) -> Option<&'m Common>,
    ) -> Option<ItemId> {
        self.table
            .find(self.hasher.hash_one(name), |e| name_of(&common, *e) == name)
            .map(|e| e.id())
    }

    /// Name `id` by its item's name, unless an item already has that name:
    /// then the first, which keeps it.
    pub fn insert<'m>(
        &mut self,
        name: &str,
        id: ItemId,
        common: impl Fn(ItemId) -> Option<&'m Common>,
    ) -> Result<(), ItemId> {
        let hasher = &self.hasher;
        let hash = hasher.hash_one(name);
        match self.table.entry(
            hash,
            |e| name_of(&common, *e) == name,
            |e| hasher.hash_one(name_of(&common, *e)),
        ) {
            hashbrown::hash_table::Entry::Occupied(first) => Err(first.get().id()),
            hashbrown::hash_table::Entry::Vacant(room) => {
                // An index past `u32::MAX` cannot occur: a plan holds at
                // most `sources::disk::MAX_PLAN_BYTES` bytes.
                let index = u32::try_from(id.index).unwrap_or(u32::MAX);
                room.insert(Entry {
                    kind: id.kind,
                    index,
                });
                Ok(())
            }
        }
    }

    /// Every named item, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = ItemId> + '_ {
        self.table.iter().map(|e| e.id())
    }
}

fn name_of<'m>(common: &impl Fn(ItemId) -> Option<&'m Common>, e: Entry) -> &'m str {
    common(e.id()).map_or("", Common::name)
}
