//! Each operation of a program carried out on the heap, as the interpreter would: the
//! objects it works on picked among the references the program holds, temporaries on the
//! value stack, queued work driven to the end.

use weaklink_heap::{
    Body, Cause, Dict, Heap, Instance, Kind, ObjId, Record, WeakFlavor, DEBUG_SAVEALL,
};

use super::world::World;
use super::{CallbackSpec, Op, Pick, ATTRS};

/// Whether the object can be a dict key (its kind has a hash).
fn hashable(heap: &Heap, obj: ObjId) -> bool {
    matches!(
        heap.kind(obj),
        Kind::Int
            | Kind::Str
            | Kind::Bool
            | Kind::None
            | Kind::Instance
            | Kind::Tuple
            | Kind::Function
    )
}

impl World {
    /// Carries out one operation; returns whether it removed a reference of its own.
    pub fn apply(&mut self, op: &Op) -> bool {
        match *op {
            Op::NewList => {
                self.alloc(Body::list());
            }
            Op::NewTuple(ref picks) => {
                let items: Option<Vec<ObjId>> = picks.iter().map(|&p| self.root(p)).collect();
                self.alloc(Body::Tuple(items.unwrap_or_default()));
            }
            Op::NewDict => {
                self.alloc(Body::Dict(Box::new(Dict::new())));
            }
            Op::NewInstance { finalizer } => {
                let class = if finalizer {
                    self.finalizing
                } else {
                    self.plain
                };
                self.alloc(Body::Instance(Instance::of(class)));
            }
            Op::NewInt(n) => {
                self.alloc(Body::Int(n + 1000));
            }
            Op::NewStr => {
                self.alloc(Body::Str("spam".into()));
            }
            Op::Static(p) => {
                let obj = self.statics[p as usize % self.statics.len()];
                self.heap.incref(obj, Cause::NameBound);
                self.env.roots.push(obj);
            }
            Op::Nest { item, depth } => {
                if let Some(item) = self.root(item) {
                    self.load(item);
                    for _ in 0..depth {
                        let inner = *self.env.stack.last().expect("the inner value");
                        self.alloc_on_stack(Body::list_of(vec![inner]));
                        let inner = self.env.stack.remove(self.env.stack.len() - 2);
                        self.heap.decref(inner, Cause::StackPop);
                        self.settle();
                    }
                    self.pop(true);
                }
            }
            Op::Dup(p) => {
                if let Some(obj) = self.root(p) {
                    self.heap.incref(obj, Cause::NameBound);
                    self.env.roots.push(obj);
                }
            }
            Op::Fetch { holder, which } => {
                let held = self.root(holder).map(|h| self.heap.body(h).referents());
                if let Some(refs) = held.filter(|r| !r.is_empty()) {
                    let obj = refs[which as usize % refs.len()];
                    self.heap.incref(obj, Cause::NameBound);
                    self.env.roots.push(obj);
                }
            }
            Op::Link { from, to } => {
                let Some(to) = self.root(to) else {
                    return false;
                };
                let hashable = hashable(&self.heap, to);
                let from = self.pick(from, |h, o| match h.kind(o) {
                    Kind::List | Kind::Instance => true,
                    Kind::Dict => hashable,
                    _ => false,
                });
                if let Some(from) = from {
                    let replaced = match self.heap.kind(from) {
                        Kind::List => {
                            self.heap.list_append(from, to);
                            false
                        }
                        Kind::Instance => {
                            let name = self.names[0];
                            let replaced = self.heap.attr(from, name).is_some();
                            self.heap.set_attr(from, name, to);
                            replaced
                        }
                        _ => self.dict_set(from, to, to),
                    };
                    self.settle();
                    return replaced;
                }
            }
            Op::Append { list, item } => {
                if let (Some(list), Some(item)) = (self.of_kind(list, Kind::List), self.root(item))
                {
                    self.heap.list_append(list, item);
                    self.settle();
                }
            }
            Op::SetItem { list, pos, item } => {
                let list = self.pick(list, |h, o| {
                    h.kind(o) == Kind::List && !h.list_items(o).is_empty()
                });
                if let (Some(list), Some(item)) = (list, self.root(item)) {
                    let pos = pos as usize % self.heap.list_items(list).len();
                    self.heap.list_set(list, pos, item);
                    self.settle();
                    return true;
                }
            }
            Op::SetAttr { obj, attr, value } => {
                if let (Some(obj), Some(value)) =
                    (self.of_kind(obj, Kind::Instance), self.root(value))
                {
                    let name = self.names[attr as usize % ATTRS.len()];
                    let replaces = self.heap.attr(obj, name).is_some();
                    self.heap.set_attr(obj, name, value);
                    self.settle();
                    return replaces;
                }
            }
            Op::DictSet { dict, key, value } => {
                let dict = self.of_kind(dict, Kind::Dict);
                let key = self.pick(key, hashable);
                if let (Some(dict), Some(key), Some(value)) = (dict, key, self.root(value)) {
                    let replaced = self.dict_set(dict, key, value);
                    self.settle();
                    return replaced;
                }
            }
            Op::Pop { list, pos } => {
                let list = self.pick(list, |h, o| {
                    h.kind(o) == Kind::List && !h.list_items(o).is_empty()
                });
                if let Some(list) = list {
                    let pos = pos as usize % self.heap.list_items(list).len();
                    let item = self.heap.list_pop(list, pos);
                    self.heap.decref(item, Cause::StackPop);
                    self.settle();
                    return true;
                }
            }
            Op::DelAttr { obj, attr } => {
                if let Some(obj) = self.of_kind(obj, Kind::Instance) {
                    let name = self.names[attr as usize % ATTRS.len()];
                    let deleted = self.heap.del_attr(obj, name);
                    self.settle();
                    return deleted;
                }
            }
            Op::DictDel { dict, pos } => {
                let dict = self.pick(dict, |h, o| h.dict(o).is_some_and(|d| !d.is_empty()));
                if let Some(dict) = dict {
                    let d = self.heap.dict(dict).expect("a dict");
                    let entry = *d.iter().nth(pos as usize % d.len()).expect("an entry");
                    let (pos, _) = d
                        .with_hash(entry.hash)
                        .find(|(_, e)| e.key == entry.key)
                        .expect("the entry's position");
                    self.heap.dict_remove(dict, pos);
                    self.settle();
                    return true;
                }
            }
            Op::ListClear(p) => {
                if let Some(list) = self.of_kind(p, Kind::List) {
                    self.heap.list_clear(list);
                    self.settle();
                    return true;
                }
            }
            Op::Unroot(p) => {
                if !self.env.roots.is_empty() {
                    self.env.drop_root(&mut self.heap, p);
                    self.settle();
                    return true;
                }
            }
            Op::UnrootOldest => {
                if !self.env.roots.is_empty() {
                    let obj = self.env.roots.remove(0);
                    self.heap.decref(obj, Cause::NameUnbound);
                    self.env.dropped.push(obj);
                    self.settle();
                    return true;
                }
            }
            Op::Weakref {
                target,
                proxy,
                ref callback,
            } => self.weakref(target, proxy, callback.as_ref()),
            Op::Collect(generation) => {
                self.heap.collect(generation);
                self.settle();
            }
            Op::FullCollect => self.full_collection(),
            Op::Freeze(true) => self.heap.freeze(),
            Op::Freeze(false) => self.heap.unfreeze(),
            Op::SaveAll(on) => {
                self.heap.gc_mut().debug = if on { DEBUG_SAVEALL } else { 0 };
                self.saved_all |= on;
            }
            Op::Automatic(on) => self.heap.gc_mut().enabled = on,
            Op::SmallThresholds(small) => {
                let (t0, t1, t2) = if small { (5, 2, 2) } else { (700, 10, 10) };
                self.heap.gc_mut().set_thresholds(t0, Some(t1), Some(t2));
                self.settle();
            }
        }
        false
    }

    /// `w = weakref.ref(target, callback)` (or a proxy) of the `target`th weakrefable object.
    fn weakref(&mut self, target: Pick, proxy: bool, callback: Option<&CallbackSpec>) {
        let Some(target) = self.pick(target, |h, o| h.weakrefable(o)) else {
            return;
        };
        // `weakref.ref(target, callback)`: the arguments are on the value stack while the
        // callback is made and the weak reference allocated, either of which may collect.
        self.load(target);
        let callback = callback.map(|spec| {
            let closes_over = spec.closes_over.and_then(|p| self.root(p));
            let cb =
                self.alloc_on_stack(Body::Record(Record::new(Kind::Function, vec![closes_over])));
            (cb, spec.keep)
        });
        let flavor = match (proxy, self.heap.kind(target)) {
            (false, _) => WeakFlavor::Ref,
            (true, Kind::Class | Kind::Function) => WeakFlavor::CallableProxy,
            (true, _) => WeakFlavor::Proxy,
        };
        let wr = self
            .heap
            .new_weakref(target, callback.map(|(cb, _)| cb), flavor)
            .expect("a weakrefable target");
        self.env.roots.push(wr);
        self.settle();
        if self.heap.is_alive(wr) {
            assert_eq!(self.heap.weakref_target(wr), Some(target));
        }
        if let Some((_, keep)) = callback {
            self.pop(keep);
        }
        self.pop(false);
    }
}
