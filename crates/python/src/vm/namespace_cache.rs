//! The namespace cache: where a name was found in a dict (or that it was missing there),
//! trusted while the dict's keys stay where they are. CPython 3.11 caches `LOAD_GLOBAL` the
//! same way, by the keys version of the globals and builtins dicts: storing a new value
//! under an existing name keeps the cache valid, adding or removing a name does not.

use std::cell::Cell;
use std::hash::{Hash, Hasher};

use weaklink_heap::{FastHasher, Name, ObjId};

use super::Vm;

/// Entries of the cache (a power of two); each lookup has one place.
const ENTRIES: usize = 1024;

/// One remembered lookup.
#[derive(Copy, Clone, Debug)]
struct Entry {
    dict: ObjId,
    name: Name,
    /// The dict's keys version when the lookup was made.
    keys_version: u64,
    /// The entry's position, or `None` if the name was missing.
    pos: Option<u32>,
}

/// Lookups of names in namespace dicts.
#[derive(Debug)]
pub(crate) struct NamespaceCache {
    entries: Box<[Cell<Option<Entry>>]>,
}

impl Default for NamespaceCache {
    fn default() -> Self {
        NamespaceCache {
            entries: vec![Cell::new(None); ENTRIES].into_boxed_slice(),
        }
    }
}

impl NamespaceCache {
    fn place(&self, dict: ObjId, name: Name) -> &Cell<Option<Entry>> {
        let mut hasher = FastHasher::default();
        dict.hash(&mut hasher);
        name.hash(&mut hasher);
        &self.entries[(hasher.finish() >> (u64::BITS - ENTRIES.trailing_zeros())) as usize]
    }
}

impl Vm {
    /// The value stored under a name in a namespace dict (borrowed).
    #[inline]
    pub(crate) fn dict_get_name(&self, dict: ObjId, name: Name) -> Option<ObjId> {
        self.dict_find_name(dict, name).map(|(_, value)| value)
    }

    /// Where a name is stored in a namespace dict, and its value (borrowed).
    pub(crate) fn dict_find_name(&self, dict: ObjId, name: Name) -> Option<(usize, ObjId)> {
        let d = self.heap.dict(dict)?;
        let keys_version = d.keys_version();
        let place = self.namespace_cache.place(dict, name);
        if let Some(e) = place.get() {
            if e.dict == dict && e.name == name && e.keys_version == keys_version {
                let pos = e.pos? as usize;
                return d.entry(pos).map(|entry| (pos, entry.value));
            }
        }
        let hash = self.name_hash(name);
        let text = self.heap.names.text(name);
        let interned = self.name_str_made(name);
        let found = d
            .with_hash(hash)
            .find(|(_, e)| Some(e.key) == interned || self.as_str(e.key) == Some(text))
            .map(|(pos, e)| (pos, e.value));
        place.set(Some(Entry {
            dict,
            name,
            keys_version,
            pos: found.map(|(pos, _)| pos as u32),
        }));
        found
    }
}
