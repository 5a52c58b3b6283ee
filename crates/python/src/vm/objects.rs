//! Making and reading built-in objects: ints, floats, strs, tuples, lists, dicts.

use weaklink_heap::{Body, Cause, Dict, Kind, List, ObjId, Set};

use super::Vm;

impl Vm {
    /// A new reference to `obj`.
    #[inline]
    pub(crate) fn newref(&mut self, obj: ObjId) -> ObjId {
        self.heap.incref(obj, Cause::Other);
        obj
    }

    /// A new reference to `obj` that goes on the value stack (the cause the trace shows).
    pub(crate) fn pushed(&mut self, obj: ObjId) -> ObjId {
        self.heap.incref(obj, Cause::StackPush);
        obj
    }

    /// `None` (a new reference).
    pub(crate) fn new_none(&mut self) -> ObjId {
        self.newref(self.none)
    }

    /// `True` or `False` (a new reference).
    pub(crate) fn new_bool(&mut self, value: bool) -> ObjId {
        let obj = if value { self.true_obj } else { self.false_obj };
        self.newref(obj)
    }

    /// An `int` (small ones come from the cache, as in CPython).
    pub(crate) fn new_int(&mut self, value: i64) -> ObjId {
        if (-5..=256).contains(&value) {
            let obj = self.small_ints[(value + 5) as usize];
            return self.newref(obj);
        }
        self.heap.alloc_owning(Body::Int(value))
    }

    /// A `float`.
    pub(crate) fn new_float(&mut self, value: f64) -> ObjId {
        self.heap.alloc_owning(Body::Float(value))
    }

    /// A `str`. The empty string and one-character Latin-1 strings are CPython's static
    /// singletons.
    pub(crate) fn new_str(&mut self, text: &str) -> ObjId {
        let mut chars = text.chars();
        let index = match (chars.next(), chars.next()) {
            (None, _) => Some(256),
            (Some(c), None) if (c as u32) < 256 => Some(c as usize),
            _ => None,
        };
        match index {
            Some(i) => self.newref(self.static_strs[i]),
            None => self.heap.alloc_owning(Body::Str(text.into())),
        }
    }

    /// A tuple taking over the given references (the empty tuple is shared).
    pub(crate) fn new_tuple(&mut self, items: Vec<ObjId>) -> ObjId {
        if items.is_empty() {
            return self.newref(self.empty_tuple);
        }
        let obj = self.heap.alloc_owning(Body::Tuple(items));
        self.settle();
        obj
    }

    /// A list taking over the given references.
    pub(crate) fn new_list(&mut self, items: Vec<ObjId>) -> ObjId {
        let obj = self.heap.alloc_owning(Body::List(List::exact(items)));
        self.settle();
        obj
    }

    /// An empty dict.
    pub(crate) fn new_dict(&mut self) -> ObjId {
        let obj = self.heap.alloc_owning(Body::Dict(Box::default()));
        self.settle();
        obj
    }

    /// An empty set (or frozenset).
    pub(crate) fn new_set(&mut self, frozen: bool) -> ObjId {
        let obj = self.heap.alloc_owning(Body::Set(Set {
            frozen,
            table_size: 8,
            ..Set::default()
        }));
        self.settle();
        obj
    }

    /// The value of an `int` or `bool`.
    pub(crate) fn as_int(&self, obj: ObjId) -> Option<i64> {
        match self.heap.body(obj) {
            Body::Int(v) => Some(*v),
            Body::Bool(b) => Some(i64::from(*b)),
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::Int(v)) => Some(*v),
                _ => None,
            },
            _ => None,
        }
    }

    /// The value of a `float`.
    pub(crate) fn as_float(&self, obj: ObjId) -> Option<f64> {
        match self.heap.body(obj) {
            Body::Float(v) => Some(*v),
            _ => None,
        }
    }

    /// The text of a `str` (or `str` subclass instance).
    pub(crate) fn as_str(&self, obj: ObjId) -> Option<&str> {
        match self.heap.body(obj) {
            Body::Str(s) => Some(s),
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::Str(s)) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// The items of a tuple (or tuple subclass instance), copied out.
    pub(crate) fn tuple_items(&self, obj: ObjId) -> Vec<ObjId> {
        match self.heap.body(obj) {
            Body::Tuple(items) => items.clone(),
            Body::Instance(inst) => match inst.base.as_deref() {
                Some(Body::Tuple(items)) => items.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The length of a tuple (or tuple subclass instance); 0 for others.
    pub(crate) fn tuple_len(&self, obj: ObjId) -> usize {
        match self.sequence_slice(obj) {
            Some(items) if self.base_kind(obj) == Kind::Tuple => items.len(),
            _ => 0,
        }
    }

    /// Item `index` of a tuple (borrowed).
    pub(crate) fn tuple_item(&self, obj: ObjId, index: usize) -> ObjId {
        self.sequence_slice(obj).expect("a tuple")[index]
    }

    /// The items of a list or tuple (or subclass instance), copied out; `None` for others.
    pub(crate) fn sequence_items(&self, obj: ObjId) -> Option<Vec<ObjId>> {
        self.sequence_slice(obj).map(<[ObjId]>::to_vec)
    }

    /// The items of a list or tuple (or of an instance extending one), borrowed.
    pub(crate) fn sequence_slice(&self, obj: ObjId) -> Option<&[ObjId]> {
        let body = match self.heap.body(obj) {
            Body::Instance(inst) => inst.base.as_deref()?,
            body => body,
        };
        match body {
            Body::Tuple(items) => Some(items),
            Body::List(list) => Some(&list.items),
            _ => None,
        }
    }

    /// The built-in layout of an object's body (an instance of a subclass of `list` answers
    /// `List`).
    pub(crate) fn base_kind(&self, obj: ObjId) -> Kind {
        match self.heap.body(obj) {
            Body::Instance(inst) => inst.base.as_deref().map_or(Kind::Instance, Body::kind),
            body => body.kind(),
        }
    }

    /// Whether `obj` is `None`.
    pub(crate) fn is_none(&self, obj: ObjId) -> bool {
        obj == self.none
    }

    /// Whether `obj` is a dict (or dict subclass instance).
    pub(crate) fn is_dict(&self, obj: ObjId) -> bool {
        self.base_kind(obj) == Kind::Dict
    }

    /// The entries of a dict, copied out as (hash, key, value).
    pub(crate) fn dict_entries(&self, dict: ObjId) -> Vec<(i64, ObjId, ObjId)> {
        self.heap
            .dict(dict)
            .map(|d: &Dict| d.iter().map(|e| (e.hash, e.key, e.value)).collect())
            .unwrap_or_default()
    }
}
