//! What the VM keeps per interned name: the name's `str` object, made the first time a
//! namespace needs it as a key, and its hash, computed once.

use weaklink_heap::{Body, Name, ObjId};

use super::hashing::str_hash;
use super::{FastMap, Vm};

/// One name's entry.
#[derive(Copy, Clone, Debug, Default)]
struct NameEntry {
    /// The hash of the name's text.
    hash: Option<i64>,
    /// The name's `str` object (a reference the VM holds).
    obj: Option<ObjId>,
}

/// The entries, indexed by [`Name::index`].
#[derive(Debug, Default)]
pub(crate) struct NameTable {
    entries: Vec<NameEntry>,
    /// Names of texts compiled into the VM, by the text's address and length.
    statics: FastMap<(usize, usize), Name>,
}

impl NameTable {
    fn entry_mut(&mut self, name: Name) -> &mut NameEntry {
        let index = name.index();
        if index >= self.entries.len() {
            self.entries.resize(index + 1, NameEntry::default());
        }
        &mut self.entries[index]
    }

    /// The `str` objects made so far (references the VM holds).
    pub fn objects(&self) -> impl Iterator<Item = ObjId> + '_ {
        self.entries.iter().filter_map(|e| e.obj)
    }
}

impl Vm {
    /// The interned `str` object for a name (a borrowed reference the VM keeps alive).
    pub(crate) fn name_str(&mut self, name: Name) -> ObjId {
        if let Some(obj) = self
            .name_table
            .entries
            .get(name.index())
            .and_then(|e| e.obj)
        {
            return obj;
        }
        let text = self.heap.names.text(name).into();
        let obj = self.heap.alloc(Body::Str(text));
        self.name_table.entry_mut(name).obj = Some(obj);
        obj
    }

    /// The name's `str` object, if one was made.
    pub(crate) fn name_str_made(&self, name: Name) -> Option<ObjId> {
        self.name_table
            .entries
            .get(name.index())
            .and_then(|e| e.obj)
    }

    /// The hash of a name's text.
    #[inline]
    pub(crate) fn name_hash(&self, name: Name) -> i64 {
        match self
            .name_table
            .entries
            .get(name.index())
            .and_then(|e| e.hash)
        {
            Some(hash) => hash,
            None => str_hash(self.heap.names.text(name)),
        }
    }

    /// Interns `text` as a name, its hash computed once for all.
    pub(crate) fn intern(&mut self, text: &str) -> Name {
        let name = self.heap.names.intern(text);
        self.note_name(name);
        name
    }

    /// Interns a text compiled into the VM (a special method's name), found again by its
    /// address without hashing it.
    pub(crate) fn intern_static(&mut self, text: &'static str) -> Name {
        let key = (text.as_ptr() as usize, text.len());
        if let Some(&name) = self.name_table.statics.get(&key) {
            return name;
        }
        let name = self.intern(text);
        self.name_table.statics.insert(key, name);
        name
    }

    /// Computes a name's hash for later lookups.
    pub(crate) fn note_name(&mut self, name: Name) {
        let entry = self.name_table.entry_mut(name);
        if entry.hash.is_none() {
            entry.hash = Some(str_hash(self.heap.names.text(name)));
        }
    }
}
