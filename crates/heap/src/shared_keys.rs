//! CPython 3.11's shared keys: the table of attribute names a class's instances share, and
//! the `__dict__` an instance gets when its inline attributes are asked for as a dict.
//!
//! Each class with instance dictionaries has one key table of at most 30 names
//! (`SHARED_KEYS_MAX_SIZE`). Its free room (`dk_usable`) starts at 30 and shrinks by one for
//! every instance made (down to 1) as well as for every name added; each instance gets a
//! values array as long as the names plus the free room at its birth. A name the table
//! cannot take moves that instance's attributes into a dict of its own.
//!
//! Reading `obj.__dict__` makes a dict that shares the class's keys (a *split* dict): its
//! size is the values array, and new `str` keys go into the shared table while it has room;
//! past that, the dict becomes an ordinary (combined) one.

use crate::body::Body;
use crate::heap::Heap;
use crate::id::ObjId;
use crate::names::Name;
use crate::trace::Cause;

/// CPython's `SHARED_KEYS_MAX_SIZE`.
pub(crate) const SHARED_KEYS_MAX: usize = 30;

/// A class's shared table of inline attribute names.
#[derive(Clone, Debug)]
pub(crate) struct SharedKeys {
    /// The names, in the order they were first set on any instance.
    pub(crate) names: Vec<Name>,
    /// Free room (`dk_usable`).
    pub(crate) usable: usize,
}

impl Default for SharedKeys {
    fn default() -> Self {
        SharedKeys {
            names: Vec::new(),
            usable: SHARED_KEYS_MAX,
        }
    }
}

impl SharedKeys {
    /// Whether `name` is in the table or would fit in it.
    pub(crate) fn fits(&self, name: Name) -> bool {
        self.names.contains(&name) || self.usable > 0
    }

    /// Adds `name` if it is missing and there is room; false if it is not in the table.
    pub(crate) fn admit(&mut self, name: Name) -> bool {
        if self.names.contains(&name) {
            return true;
        }
        if self.usable == 0 {
            return false;
        }
        self.names.push(name);
        self.usable -= 1;
        true
    }

    /// The length of the values array of an instance born now (`shared_keys_usable_size`).
    fn values_len(&self) -> usize {
        self.names.len() + self.usable
    }
}

impl Heap {
    /// Gives a new instance the values array CPython 3.11 allocates for inline attributes
    /// (`init_inline_values`): the class's key table shrinks by one (while above 1) and the
    /// instance records the array's length, which later sizes its `__dict__`. Only instances
    /// whose class keeps attributes inline (no `__slots__` without `__dict__`, not extending
    /// `int`, `str`, `tuple` or an exception) should get one.
    pub fn reserve_inline_values(&mut self, obj: ObjId) {
        let Body::Instance(inst) = self.body(obj) else {
            return;
        };
        let keys = self.class_keys.entry(inst.class).or_default();
        if keys.usable > 1 {
            keys.usable -= 1;
        }
        let len = keys.values_len();
        if let Body::Instance(inst) = &mut self.slot_mut(obj).body {
            inst.values_len = len;
        }
    }

    /// Whether `obj.name = ...` can keep the instance's attributes inline: the instance has
    /// a values array, no `__dict__` yet, and its class's key table holds `name` or has room.
    pub fn inline_attr_fits(&self, obj: ObjId, name: Name) -> bool {
        let Body::Instance(inst) = self.body(obj) else {
            return false;
        };
        if inst.dict.is_some() || inst.values_len == 0 {
            return false;
        }
        self.class_keys
            .get(&inst.class)
            .is_none_or(|keys| keys.fits(name))
    }

    /// Moves an instance's inline attributes into `dict` (borrowed), which becomes its
    /// `__dict__`: the caller has already stored the same attributes in `dict` (an empty or
    /// fresh dict made for this). The instance keeps a reference to the dict and lets go of
    /// its inline values. If the instance had a values array, the dict shares the class's
    /// keys and is sized as CPython sizes such a dict.
    pub fn attach_dict(&mut self, obj: ObjId, dict: ObjId) {
        self.incref(dict, Cause::StoredIn(obj));
        let Body::Instance(inst) = &mut self.slot_mut(obj).body else {
            panic!("{obj:?} is not an instance");
        };
        let class = inst.class;
        let values_len = inst.values_len;
        let old_dict = inst.dict.replace(dict);
        let values: Vec<ObjId> = inst.attrs.iter().map(|a| a.value).collect();
        inst.attrs.clear();
        if values_len > 0 {
            if let Body::Dict(d) = &mut self.slot_mut(dict).body {
                d.share_keys(class, values_len);
            }
            self.resized(dict);
        }
        self.resized(obj);
        for v in values.into_iter().rev() {
            self.decref(v, Cause::RemovedFrom(obj));
        }
        if let Some(old) = old_dict {
            self.decref(old, Cause::RemovedFrom(obj));
        }
    }

    /// Before a new key goes into a dict sharing a class's keys: a `str` key the table holds
    /// or has room for keeps the dict split; any other makes it an ordinary dict.
    pub(crate) fn admit_split_key(&mut self, dict: ObjId, key: ObjId) {
        let Some(class) = self.dict(dict).and_then(|d| d.shared_keys_class()) else {
            return;
        };
        let admitted = match self.body(key) {
            Body::Str(text) => {
                let text = text.to_string();
                let name = self.names.intern(&text);
                self.class_keys
                    .get_mut(&class)
                    .is_some_and(|keys| keys.admit(name))
            }
            _ => false,
        };
        if !admitted {
            if let Body::Dict(d) = &mut self.slot_mut(dict).body {
                d.unshare_keys();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::{Class, Instance};
    use crate::dict::Dict;
    use crate::size::size_of;

    /// A heap with a class `C`.
    fn heap_with_class() -> (Heap, ObjId) {
        let mut heap = Heap::default();
        let name = heap.names.intern("C");
        let class = heap.alloc(Body::Class(Box::new(Class::new(name))));
        (heap, class)
    }

    fn new_instance(heap: &mut Heap, class: ObjId) -> ObjId {
        let obj = heap.alloc(Body::Instance(Instance::of(class)));
        heap.reserve_inline_values(obj);
        obj
    }

    /// python3.11: `sys.getsizeof(t.__dict__)` is 64 + 8 * (30 - instances made) while the
    /// keys fit; 40 attributes on a single instance give a combined table of 128 slots.
    #[test]
    fn split_dict_sizes_follow_instances_made() {
        let (mut heap, class) = heap_with_class();
        let first = new_instance(&mut heap, class);
        let second = new_instance(&mut heap, class);
        let value = heap.alloc(Body::Int(1));
        for attr in ["a", "b"] {
            let n = heap.names.intern(attr);
            assert!(heap.inline_attr_fits(second, n));
            heap.set_attr(second, n, value);
        }
        let dict = heap.alloc(Body::Dict(Box::new(Dict::new())));
        for attr in ["a", "b"] {
            let key = heap.alloc(Body::Str(attr.into()));
            heap.dict_insert(dict, attr.len() as i64, key, value);
            heap.decref(key, Cause::Other);
        }
        heap.attach_dict(second, dict);
        assert!(heap.attr(second, heap.names.lookup("a").unwrap()).is_none());
        assert_eq!(size_of(heap.body(dict), None), 64 + 8 * 28);
        // A new str key goes into the shared table: the size stays.
        let key = heap.alloc(Body::Str("c".into()));
        heap.dict_insert(dict, 3, key, value);
        assert_eq!(size_of(heap.body(dict), None), 64 + 8 * 28);
        // A key that is not a str makes it an ordinary dict of 16 slots (3 used * 3).
        heap.dict_insert(dict, 7, value, value);
        assert_eq!(size_of(heap.body(dict), None), 352);
        heap.decref(key, Cause::Other);
        heap.decref(dict, Cause::Other);
        heap.decref(value, Cause::Other);
        heap.decref(first, Cause::Other);
        heap.decref(second, Cause::Other);
        heap.decref(class, Cause::Other);
        heap.run();
        assert_eq!(heap.check(&[]), Ok(()));
    }

    /// The key table takes 29 names when one instance has been made; the 30th does not fit.
    #[test]
    fn the_table_fills() {
        let (mut heap, class) = heap_with_class();
        let obj = new_instance(&mut heap, class);
        let value = heap.alloc(Body::None);
        for i in 0..29 {
            let n = heap.names.intern(&format!("attr{i}"));
            assert!(heap.inline_attr_fits(obj, n), "attr{i}");
            heap.set_attr(obj, n, value);
        }
        let n = heap.names.intern("attr29");
        assert!(!heap.inline_attr_fits(obj, n));
    }
}
