//! Changing what containers hold, with the reference counts, tracking and sizes CPython's
//! own operations would give.
//!
//! Stored values are borrowed: the container takes a new reference. Displaced values are
//! released after the new one is in place, as CPython does; if that kills them, call
//! [`Heap::run`].

use crate::attrs::Attr;
use crate::body::{Body, SetEntry};
use crate::dict::DictEntry;
use crate::heap::Heap;
use crate::id::ObjId;
use crate::lists::{HAS_FINALIZER, HEADS};
use crate::machine::Op;
use crate::names::Name;
use crate::trace::Cause;

impl Heap {
    fn list_mut(&mut self, list: ObjId) -> &mut crate::body::List {
        match &mut self.slot_mut(list).body {
            Body::List(l) => l,
            Body::Instance(inst) => match inst.base.as_deref_mut() {
                Some(Body::List(l)) => l,
                _ => panic!("{list:?} is not a list"),
            },
            _ => panic!("{list:?} is not a list"),
        }
    }

    /// `list.append(item)`.
    pub fn list_append(&mut self, list: ObjId, item: ObjId) {
        self.incref(item, Cause::StoredIn(list));
        let l = self.list_mut(list);
        let new_len = l.items.len() + 1;
        l.allocated = l.resized_capacity(new_len);
        l.items.push(item);
        self.resized(list);
    }

    /// `list.insert(index, item)` (index already clamped to the length).
    pub fn list_insert(&mut self, list: ObjId, index: usize, item: ObjId) {
        self.incref(item, Cause::StoredIn(list));
        let l = self.list_mut(list);
        let new_len = l.items.len() + 1;
        l.allocated = l.resized_capacity(new_len);
        l.items.insert(index, item);
        self.resized(list);
    }

    /// `list[index] = item`.
    pub fn list_set(&mut self, list: ObjId, index: usize, item: ObjId) {
        self.incref(item, Cause::StoredIn(list));
        let old = std::mem::replace(&mut self.list_mut(list).items[index], item);
        self.decref(old, Cause::RemovedFrom(list));
    }

    /// Replaces item `index` of a tuple nothing else refers to: how `enumerate` and `zip`
    /// recycle their result tuple when the caller has dropped it (CPython's
    /// `PyTuple_SET_ITEM` on a tuple whose count is 1). The old item is released after the
    /// new one is stored. The tuple's tracking is left alone: the caller tracks it again if
    /// the collector untracked it.
    pub fn tuple_set(&mut self, tuple: ObjId, index: usize, item: ObjId) {
        self.incref(item, Cause::StoredIn(tuple));
        let Body::Tuple(items) = &mut self.slot_mut(tuple).body else {
            panic!("{tuple:?} is not a tuple");
        };
        let old = std::mem::replace(&mut items[index], item);
        self.decref(old, Cause::RemovedFrom(tuple));
    }

    /// `list.pop(index)`: the list's reference passes to the caller.
    pub fn list_pop(&mut self, list: ObjId, index: usize) -> ObjId {
        let l = self.list_mut(list);
        let item = l.items.remove(index);
        let new_len = l.items.len();
        l.allocated = l.resized_capacity(new_len);
        self.resized(list);
        item
    }

    /// `list.clear()` (also `del l[:]`): items are released from the last to the first,
    /// each death complete before the next release.
    pub fn list_clear(&mut self, list: ObjId) {
        let l = self.list_mut(list);
        let items = std::mem::take(&mut l.items);
        l.allocated = 0;
        self.resized(list);
        let start = self.ops.len();
        for item in items.into_iter().rev() {
            self.ops.push(Op::Decref(item, Cause::RemovedFrom(list)));
        }
        self.queue_ops(start);
    }

    /// The items of a list (or list subclass instance).
    pub fn list_items(&self, list: ObjId) -> &[ObjId] {
        match self.body(list) {
            Body::List(l) => &l.items,
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::List(l)) => &l.items,
                _ => &[],
            },
            _ => &[],
        }
    }

    /// An instance attribute kept inline.
    pub fn attr(&self, obj: ObjId, name: Name) -> Option<ObjId> {
        match self.body(obj) {
            Body::Instance(inst) => inst.attr(name),
            _ => None,
        }
    }

    /// `obj.name = value` on an instance keeping its attributes inline.
    ///
    /// CPython 3.11 stores inline values at the position of their name in a key table shared
    /// by all instances of the class (up to 30 names, fixed by the first instance to set each
    /// one); deallocation, clearing and traversal follow that order, not the order in which
    /// this instance set them.
    pub fn set_attr(&mut self, obj: ObjId, name: Name, value: ObjId) {
        self.incref(value, Cause::StoredIn(obj));
        let Body::Instance(inst) = &mut self.slots[obj.index() as usize].body else {
            panic!("{obj:?} is not an instance");
        };
        let keys = self.class_keys.entry(inst.class).or_default();
        keys.admit(name);
        let keys = &keys.names;
        let position = |n: Name| keys.iter().position(|&k| k == n).unwrap_or(usize::MAX);
        let old = match inst.attrs.iter_mut().find(|a| a.name == name) {
            Some(a) => Some(std::mem::replace(&mut a.value, value)),
            None => {
                let at = position(name);
                let index = inst
                    .attrs
                    .iter()
                    .position(|a| position(a.name) > at)
                    .unwrap_or(inst.attrs.len());
                inst.attrs.insert(index, Attr { name, value });
                None
            }
        };
        if let Some(old) = old {
            self.decref(old, Cause::RemovedFrom(obj));
        }
    }

    /// `del obj.name`; false if there was no such attribute.
    pub fn del_attr(&mut self, obj: ObjId, name: Name) -> bool {
        let Body::Instance(inst) = &mut self.slot_mut(obj).body else {
            return false;
        };
        let Some(pos) = inst.attrs.iter().position(|a| a.name == name) else {
            return false;
        };
        let old = inst.attrs.remove(pos).value;
        self.decref(old, Cause::RemovedFrom(obj));
        true
    }

    /// Sets (or, with `None`, empties) a `__slots__` entry.
    pub fn set_slot(&mut self, obj: ObjId, index: usize, value: Option<ObjId>) {
        if let Some(v) = value {
            self.incref(v, Cause::StoredIn(obj));
        }
        let Body::Instance(inst) = &mut self.slot_mut(obj).body else {
            panic!("{obj:?} is not an instance");
        };
        if inst.slots.len() <= index {
            inst.slots.resize(index + 1, None);
        }
        let old = std::mem::replace(&mut inst.slots[index], value);
        if let Some(old) = old {
            self.decref(old, Cause::RemovedFrom(obj));
        }
    }

    /// Replaces the language data word of a record (an iterator's position, for example).
    pub fn set_record_data(&mut self, obj: ObjId, data: u64) {
        match &mut self.slot_mut(obj).body {
            Body::Record(r) => r.data = data,
            Body::Instance(inst) => {
                if let Some(Body::Record(r)) = inst.base.as_deref_mut() {
                    r.data = data;
                }
            }
            _ => panic!("{obj:?} is not a record"),
        }
    }

    /// Sets (or empties) one reference field of a record or class, or of the record an
    /// instance extends (an exception's arguments and traceback, for example).
    pub fn set_field(&mut self, obj: ObjId, index: usize, value: Option<ObjId>) {
        if let Some(v) = value {
            self.incref(v, Cause::StoredIn(obj));
        }
        let refs = match &mut self.slot_mut(obj).body {
            Body::Record(r) => &mut r.refs,
            Body::Class(c) => &mut c.refs,
            Body::Instance(inst) => match inst.base.as_deref_mut() {
                Some(Body::Record(r)) => &mut r.refs,
                _ => panic!("{obj:?} has no fields"),
            },
            _ => panic!("{obj:?} has no fields"),
        };
        if refs.len() <= index {
            refs.resize(index + 1, None);
        }
        let old = std::mem::replace(&mut refs[index], value);
        if let Some(old) = old {
            self.decref(old, Cause::RemovedFrom(obj));
        }
    }

    /// Gives a class a `__del__` or takes it away (assigning or deleting `C.__del__`): its
    /// existing instances follow, as CPython's type slot update makes them.
    pub fn set_has_del(&mut self, class: ObjId, has_del: bool) {
        let Body::Class(c) = &mut self.slot_mut(class).body else {
            panic!("{class:?} is not a class");
        };
        c.has_del = has_del;
        for (index, slot) in self.slots.iter().enumerate() {
            if slot.is_alive() {
                if let Body::Instance(inst) = &slot.body {
                    if inst.class == class {
                        let node = &mut self.lists.nodes[index + HEADS as usize];
                        if has_del {
                            node.flags |= HAS_FINALIZER;
                        } else {
                            node.flags &= !HAS_FINALIZER;
                        }
                    }
                }
            }
        }
    }

    fn dict_mut(&mut self, dict: ObjId) -> &mut crate::dict::Dict {
        match &mut self.slot_mut(dict).body {
            Body::Dict(d) => d,
            Body::Instance(inst) => match inst.base.as_deref_mut() {
                Some(Body::Dict(d)) => d,
                _ => panic!("{dict:?} is not a dict"),
            },
            _ => panic!("{dict:?} is not a dict"),
        }
    }

    /// The entries of a dict (or dict subclass instance).
    #[inline]
    pub fn dict(&self, dict: ObjId) -> Option<&crate::dict::Dict> {
        match self.body(dict) {
            Body::Dict(d) => Some(d),
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::Dict(d)) => Some(d),
                _ => None,
            },
            _ => None,
        }
    }

    /// Adds a key the caller has checked is absent. A dict starts being tracked once it
    /// holds something that may be tracked.
    pub fn dict_insert(&mut self, dict: ObjId, hash: i64, key: ObjId, value: ObjId) {
        self.admit_split_key(dict, key);
        self.incref(key, Cause::StoredIn(dict));
        self.incref(value, Cause::StoredIn(dict));
        let key_is_str = matches!(self.body(key), Body::Str(_));
        let track = self.may_be_tracked(key) || self.may_be_tracked(value);
        self.dict_mut(dict)
            .push(DictEntry { hash, key, value }, key_is_str);
        if track {
            self.track(dict);
        }
        self.resized(dict);
    }

    /// Replaces the value of the entry at `pos`.
    pub fn dict_replace(&mut self, dict: ObjId, pos: usize, value: ObjId) {
        self.incref(value, Cause::StoredIn(dict));
        if self.may_be_tracked(value) {
            self.track(dict);
        }
        let old = self.dict_mut(dict).replace_value(pos, value);
        self.decref(old, Cause::RemovedFrom(dict));
    }

    /// Removes the entry at `pos`, releasing its key then its value.
    pub fn dict_remove(&mut self, dict: ObjId, pos: usize) {
        let e = self.dict_mut(dict).remove(pos);
        self.resized(dict);
        let start = self.ops.len();
        self.ops.push(Op::Decref(e.key, Cause::RemovedFrom(dict)));
        self.ops.push(Op::Decref(e.value, Cause::RemovedFrom(dict)));
        self.queue_ops(start);
    }

    /// `dict.clear()`: entries are released first to last, each key before its value.
    pub fn dict_clear(&mut self, dict: ObjId) {
        let entries = self.dict_mut(dict).take_all();
        self.resized(dict);
        let start = self.ops.len();
        for e in entries {
            self.ops.push(Op::Decref(e.key, Cause::RemovedFrom(dict)));
            self.ops.push(Op::Decref(e.value, Cause::RemovedFrom(dict)));
        }
        self.queue_ops(start);
    }

    fn set_mut(&mut self, set: ObjId) -> &mut crate::body::Set {
        match &mut self.slot_mut(set).body {
            Body::Set(s) => s,
            _ => panic!("{set:?} is not a set"),
        }
    }

    /// Adds an element the caller has checked is absent.
    pub fn set_add(&mut self, set: ObjId, hash: i64, key: ObjId) {
        self.incref(key, Cause::StoredIn(set));
        let s = self.set_mut(set);
        s.entries.push(SetEntry { hash, key });
        s.table_size = crate::body::Set::table_size_for(s.entries.len()).max(s.table_size);
        self.resized(set);
    }

    /// Removes the element at `pos` (in iteration order).
    pub fn set_remove(&mut self, set: ObjId, pos: usize) {
        let e = self.set_mut(set).entries.remove(pos);
        self.decref(e.key, Cause::RemovedFrom(set));
    }
}

#[cfg(test)]
mod tests {
    use crate::body::{Body, Instance};
    use crate::machine::Action;
    use crate::trace::Cause;
    use crate::Heap;

    /// Which objects' `__del__` runs when each is dropped, after `C.__del__` is assigned
    /// (`true`) or deleted (`false`) with an instance already alive.
    #[test]
    fn assigning_del_reaches_existing_instances() {
        for (has_del, finalizers) in [(true, 1), (false, 0)] {
            let mut heap = Heap::default();
            let class = heap.new_class("C", !has_del);
            let obj = heap.alloc(Body::Instance(Instance::of(class)));
            heap.set_has_del(class, has_del);
            heap.decref(obj, Cause::NameUnbound);
            let mut ran = 0;
            heap.drive(&mut |_, action| {
                assert_eq!(action, Action::Finalize { obj });
                ran += 1;
            });
            assert_eq!(ran, finalizers, "has_del {has_del}");
            heap.check(&[class]).unwrap();
        }
    }

    /// A recycled tuple holds the new item, and the old one dies when its last reference
    /// was the tuple's.
    #[test]
    fn tuple_set_replaces_and_releases() {
        let mut heap = Heap::default();
        let old = heap.alloc(Body::list());
        let new = heap.alloc(Body::Int(5));
        let tuple = heap.alloc(Body::Tuple(vec![old]));
        heap.decref(old, Cause::NameUnbound);
        heap.tuple_set(tuple, 0, new);
        assert_eq!(heap.run(), None);
        assert!(!heap.is_alive(old));
        assert_eq!(heap.body(tuple), &Body::Tuple(vec![new]));
        assert_eq!(heap.refcount(new), 2);
        heap.check(&[tuple, new]).unwrap();
    }
}
