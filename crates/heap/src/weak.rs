//! Weak references: creation and reuse, clearing, and the callbacks due at a death
//! (CPython's Objects/weakrefobject.c).

use crate::body::{Body, Kind, WeakFlavor, WeakRef};
use crate::heap::{Heap, WeakrefError};
use crate::id::ObjId;
use crate::lists::HAS_WEAKREFS;
use crate::machine::CallbackBatch;
use crate::trace::{Cause, Event};

impl Heap {
    /// Whether `weakref.ref(obj)` is allowed.
    pub fn weakrefable(&self, obj: ObjId) -> bool {
        match self.body(obj) {
            Body::Instance(_) => self.class_of(obj).is_none_or(|c| c.weakrefable),
            Body::Class(_) => true,
            b => b.kind().weakrefable(),
        }
    }

    /// The weak references to an object, oldest basic ones first, as CPython keeps them
    /// (`weakref.getweakrefs`).
    pub fn weakrefs_to(&self, obj: ObjId) -> &[ObjId] {
        self.weaklists
            .get(&obj.index())
            .filter(|_| self.has_flag(obj, HAS_WEAKREFS))
            .map_or(&[], Vec::as_slice)
    }

    /// What a weak reference refers to, or `None` once that has died.
    pub fn weakref_target(&self, weakref: ObjId) -> Option<ObjId> {
        self.body(weakref).weakref().and_then(|w| w.referent)
    }

    /// `weakref.ref(obj, callback)` or `weakref.proxy(obj, callback)`: a new reference to a
    /// weak reference object. Without a callback an existing basic reference (or proxy) is
    /// returned again, as CPython does.
    pub fn new_weakref(
        &mut self,
        referent: ObjId,
        callback: Option<ObjId>,
        flavor: WeakFlavor,
    ) -> Result<ObjId, WeakrefError> {
        if !self.weakrefable(referent) {
            return Err(WeakrefError::NotWeakrefable {
                type_name: self.type_name(referent),
            });
        }
        let (basic_ref, basic_proxy) = self.basic_refs(referent);
        if callback.is_none() {
            let existing = match flavor {
                WeakFlavor::Ref => basic_ref,
                WeakFlavor::Proxy | WeakFlavor::CallableProxy => basic_proxy,
            };
            if let Some(existing) = existing {
                self.incref(existing, Cause::Returned);
                return Ok(existing);
            }
        }
        let wr = self.alloc(Body::WeakRef(WeakRef {
            referent: Some(referent),
            callback,
            flavor,
            hash: None,
        }));
        // `alloc` counted only the callback: the referent is held weakly.
        let after = match (flavor, callback) {
            (WeakFlavor::Ref, None) => None,
            (_, None) => Some(basic_ref),
            (_, Some(_)) => Some(basic_proxy.or(basic_ref)),
        };
        self.link_weakref(referent, wr, after);
        Ok(wr)
    }

    /// Registers a weak reference object made by the language itself (an instance of a
    /// subclass of `weakref.ref`, such as `WeakMethod` or `KeyedRef`): it goes after the
    /// basic reference and proxy, as any reference with a callback or a subclass does.
    pub fn link_subclass_weakref(&mut self, weakref: ObjId) -> Result<(), WeakrefError> {
        let referent = self
            .weakref_target(weakref)
            .expect("a weak reference with a referent");
        if !self.weakrefable(referent) {
            return Err(WeakrefError::NotWeakrefable {
                type_name: self.type_name(referent),
            });
        }
        let (basic_ref, basic_proxy) = self.basic_refs(referent);
        self.link_weakref(referent, weakref, Some(basic_proxy.or(basic_ref)));
        Ok(())
    }

    /// CPython's `get_basic_refs`: the callback-less exact ref and proxy at the list's head.
    fn basic_refs(&self, referent: ObjId) -> (Option<ObjId>, Option<ObjId>) {
        let list = self.weakrefs_to(referent);
        let mut rest = list.iter().copied();
        let mut head = rest.next();
        let (mut r, mut p) = (None, None);
        let is_basic = |h: ObjId, flavor: fn(WeakFlavor) -> bool| match self.body(h) {
            Body::WeakRef(w) => w.callback.is_none() && flavor(w.flavor),
            _ => false,
        };
        if let Some(h) = head {
            if is_basic(h, |f| f == WeakFlavor::Ref) {
                r = Some(h);
                head = rest.next();
            }
        }
        if let Some(h) = head {
            if is_basic(h, |f| f != WeakFlavor::Ref) {
                p = Some(h);
            }
        }
        (r, p)
    }

    /// Inserts a weak reference at the head of the referent's list (`after` is `None`) or
    /// right after another one (`Some(Some(prev))`); `Some(None)` also means the head.
    fn link_weakref(&mut self, referent: ObjId, wr: ObjId, after: Option<Option<ObjId>>) {
        let list = self.weaklists.entry(referent.index()).or_default();
        let pos = match after.flatten() {
            Some(prev) => list.iter().position(|&w| w == prev).map_or(0, |p| p + 1),
            None => 0,
        };
        list.insert(pos, wr);
        self.set_flag(referent, HAS_WEAKREFS, true);
    }

    /// Removes a weak reference from its referent's list, leaving its callback in place
    /// (`_PyWeakref_ClearRef`).
    pub(crate) fn clear_weakref(&mut self, wr: ObjId) {
        let Some(referent) = self
            .slot_mut(wr)
            .body
            .weakref_mut()
            .and_then(|w| w.referent.take())
        else {
            return;
        };
        if let Some(list) = self.weaklists.get_mut(&referent.index()) {
            list.retain(|&w| w != wr);
            if list.is_empty() {
                self.weaklists.remove(&referent.index());
                if self.is_alive(referent) {
                    self.set_flag(referent, HAS_WEAKREFS, false);
                }
            }
        }
        self.trace.record(|| Event::WeakrefCleared {
            weakref: wr,
            referent,
        });
    }

    /// `PyObject_ClearWeakRefs` for an object dying by reference count: clears every weak
    /// reference to it and returns the callbacks to run, in CPython's order (newest first).
    pub(crate) fn clear_weakrefs_at_death(&mut self, obj: ObjId) -> Option<CallbackBatch> {
        let list = self
            .weaklists
            .get(&obj.index())
            .cloned()
            .unwrap_or_default();
        let mut rest = list.as_slice();
        // The callback-less basic reference and proxy go first, without callbacks.
        for _ in 0..2 {
            match rest.first() {
                Some(&wr)
                    if self
                        .body(wr)
                        .weakref()
                        .is_some_and(|w| w.callback.is_none()) =>
                {
                    self.clear_weakref(wr);
                    rest = &rest[1..];
                }
                _ => break,
            }
        }
        let rest = rest.to_vec();
        let count = rest.len();
        // Several callbacks wait in a temporary tuple that also holds their weak references.
        let in_tuple = rest.len() > 1;
        if in_tuple {
            self.gc.count_container_alloc(Kind::Tuple, rest.len() * 2);
        }
        let mut calls = Vec::new();
        let mut held = Vec::new();
        for wr in rest {
            let callback = self
                .slot_mut(wr)
                .body
                .weakref_mut()
                .and_then(|w| w.callback.take());
            let wr_alive = self.slot(wr).refcnt > 0;
            if in_tuple && wr_alive {
                self.incref(wr, Cause::HeldForCallback);
                self.holds.push(wr);
                held.push(wr);
            }
            self.clear_weakref(wr);
            if let Some(cb) = callback {
                // The callback's reference moves from the weak reference to the heap.
                self.holds.push(cb);
                held.push(cb);
                if wr_alive {
                    calls.push((wr, cb));
                    self.trace.record(|| Event::CallbackQueued {
                        weakref: wr,
                        callback: cb,
                    });
                }
            }
        }
        self.weaklists.remove(&obj.index());
        self.set_flag(obj, HAS_WEAKREFS, false);
        (!held.is_empty()).then_some(CallbackBatch {
            calls,
            next: 0,
            held,
            tuple_len: if in_tuple { 2 * count } else { 0 },
        })
    }

    /// Remembers the referent's hash in a weak reference, as `hash(weakref)` does the first
    /// time (the caller computes it: it may run `__hash__`).
    pub fn remember_weakref_hash(&mut self, weakref: ObjId, hash: i64) {
        if let Some(w) = self.slot_mut(weakref).body.weakref_mut() {
            w.hash = Some(hash);
        }
    }

    /// Number of weak references to an object (`weakref.getweakrefcount`).
    pub fn weakref_count(&self, obj: ObjId) -> usize {
        self.weakrefs_to(obj).len()
    }

    /// Whether an object is a weak reference of any flavor (or subclass).
    pub fn is_weakref(&self, obj: ObjId) -> bool {
        self.body(obj).weakref().is_some()
    }
}
