//! The method cache: what a name resolves to along a class's MRO, remembered until a class
//! namespace changes (CPython's type attribute cache and `tp_version_tag`).
//!
//! Class namespaces are watched dicts (see [`weaklink_heap::watched_writes`]): any change
//! to one, by `setattr` on the class, through the dict itself or by the collector clearing
//! a class, moves the heap's counter, and what the cache found before no longer counts. A
//! class's MRO never changes once it is made.

use std::hash::{Hash, Hasher};

use weaklink_heap::{FastHasher, Name, ObjId};

use super::Vm;

/// Which classes of the MRO a lookup searches.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    /// Every class: namespaces of Python classes and methods of built-in types.
    All,
    /// Only classes defined in Python (for special methods a Python class may override).
    UserOnly,
}

/// Entries of the cache (a power of two): like CPython's type cache, each lookup has one
/// place, and a new lookup there replaces the old.
const ENTRIES: usize = 1024;

/// One remembered lookup.
#[derive(Copy, Clone, Debug)]
struct Entry {
    class: ObjId,
    name: Name,
    scope: Scope,
    found: Option<ObjId>,
    /// [`weaklink_heap::watched_writes`] when it was found: it is valid while that has not
    /// moved.
    epoch: u64,
}

/// Lookups already made, valid while no watched dict changes.
#[derive(Debug)]
pub(crate) struct MethodCache {
    entries: Box<[Option<Entry>]>,
}

impl Default for MethodCache {
    fn default() -> Self {
        MethodCache {
            entries: vec![None; ENTRIES].into_boxed_slice(),
        }
    }
}

impl MethodCache {
    /// Where a lookup is remembered.
    #[inline]
    fn place(class: ObjId, name: Name, scope: Scope) -> usize {
        let mut hasher = FastHasher::default();
        class.hash(&mut hasher);
        name.hash(&mut hasher);
        scope.hash(&mut hasher);
        (hasher.finish() >> (u64::BITS - ENTRIES.trailing_zeros())) as usize
    }

    /// The remembered result of a lookup, if the cache still holds one.
    #[inline]
    fn get(&self, class: ObjId, name: Name, scope: Scope) -> Option<Option<ObjId>> {
        let entry = self.entries[Self::place(class, name, scope)]?;
        let hit = entry.class == class
            && entry.name == name
            && entry.scope == scope
            && entry.epoch == weaklink_heap::watched_writes();
        hit.then_some(entry.found)
    }

    /// Remembers a lookup.
    fn put(&mut self, class: ObjId, name: Name, scope: Scope, found: Option<ObjId>) {
        self.entries[Self::place(class, name, scope)] = Some(Entry {
            class,
            name,
            scope,
            found,
            epoch: weaklink_heap::watched_writes(),
        });
    }
}

impl Vm {
    /// Looks a name up along a class's MRO (borrowed): namespaces of Python classes and
    /// the methods of built-in types.
    #[inline]
    pub(crate) fn lookup_in_class(&mut self, class: ObjId, name: Name) -> Option<ObjId> {
        self.cached_lookup(class, name, Scope::All)
    }

    /// Like [`Vm::lookup_in_class`], but only in classes defined in Python.
    #[inline]
    pub(crate) fn lookup_user(&mut self, class: ObjId, name: Name) -> Option<ObjId> {
        self.cached_lookup(class, name, Scope::UserOnly)
    }

    fn cached_lookup(&mut self, class: ObjId, name: Name, scope: Scope) -> Option<ObjId> {
        if let Some(found) = self.method_cache.get(class, name, scope) {
            return found;
        }
        let found = self.lookup_uncached(class, name, scope == Scope::UserOnly);
        self.method_cache.put(class, name, scope, found);
        found
    }
}

/// Names of special methods the VM looks up on every call, attribute store or death,
/// interned once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SpecialNames {
    pub init: Name,
    pub new: Name,
    pub call: Name,
    pub del: Name,
    pub getattr: Name,
    pub getattribute: Name,
    pub setattr: Name,
    pub getitem: Name,
    pub next: Name,
    pub hash: Name,
    pub eq: Name,
    pub enter: Name,
    pub exit: Name,
}

impl SpecialNames {
    /// Interns the names in `names`.
    pub fn new(names: &mut weaklink_heap::Names) -> Self {
        SpecialNames {
            init: names.intern("__init__"),
            new: names.intern("__new__"),
            call: names.intern("__call__"),
            del: names.intern("__del__"),
            getattr: names.intern("__getattr__"),
            getattribute: names.intern("__getattribute__"),
            setattr: names.intern("__setattr__"),
            getitem: names.intern("__getitem__"),
            next: names.intern("__next__"),
            hash: names.intern("__hash__"),
            eq: names.intern("__eq__"),
            enter: names.intern("__enter__"),
            exit: names.intern("__exit__"),
        }
    }
}
