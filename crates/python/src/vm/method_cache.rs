//! The method cache: what a name resolves to along a class's MRO, remembered until a class
//! namespace changes (CPython's type attribute cache and `tp_version_tag`).
//!
//! Class namespaces are watched dicts (see [`weaklink_heap::watched_writes`]): any change
//! to one, by `setattr` on the class, through the dict itself or by the collector clearing
//! a class, moves the heap's counter, and the cache forgets everything it found. A class's
//! MRO never changes once it is made.

use weaklink_heap::{Name, ObjId};

use super::{FastMap, Vm};

/// Which classes of the MRO a lookup searches.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    /// Every class: namespaces of Python classes and methods of built-in types.
    All,
    /// Only classes defined in Python (for special methods a Python class may override).
    UserOnly,
}

/// Lookups already made, valid while no watched dict changes.
#[derive(Debug, Default)]
pub(crate) struct MethodCache {
    /// [`weaklink_heap::watched_writes`] when the entries were found.
    epoch: u64,
    entries: FastMap<(ObjId, Name, Scope), Option<ObjId>>,
}

impl MethodCache {
    /// The remembered result of a lookup, if the cache still holds one.
    #[inline]
    fn get(&mut self, key: (ObjId, Name, Scope)) -> Option<Option<ObjId>> {
        let epoch = weaklink_heap::watched_writes();
        if epoch != self.epoch {
            self.entries.clear();
            self.epoch = epoch;
            return None;
        }
        self.entries.get(&key).copied()
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
        let key = (class, name, scope);
        if let Some(found) = self.method_cache.get(key) {
            return found;
        }
        let found = self.lookup_uncached(class, name, scope == Scope::UserOnly);
        self.method_cache.entries.insert(key, found);
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
    pub setattr: Name,
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
            setattr: names.intern("__setattr__"),
        }
    }
}
