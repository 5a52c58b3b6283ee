//! The passes of a collection, each as CPython's gcmodule.c writes it: `update_refs`,
//! `subtract_refs`, `move_unreachable` (one object at a time, for stepping), and the passes
//! that run whole: untracking, legacy finalizers, weak references, resurrection, clearing.

use crate::body::{Body, Instance};
use crate::heap::{Heap, Slot};
use crate::id::ObjId;
use crate::lists::{
    Lists, COLLECTING, FINALIZERS, HAS_FINALIZER, HAS_WEAKREFS, IS_WEAKREF, MARKED_UNREACHABLE,
    STILL_UNREACHABLE, UNREACHABLE, WRCB_TO_CALL,
};
use crate::release::push_owned;
use crate::trace::{Cause, Event, GcList, Trace};

/// `update_refs` for one object: gc_refs starts at the reference count.
pub(super) fn update_refs_one(lists: &mut Lists, slots: &[Slot], trace: &mut Trace, node: u32) {
    let index = node - crate::lists::HEADS;
    let count = slots[index as usize].refcnt;
    let n = &mut lists.nodes[node as usize];
    n.gc_refs = count;
    n.flags |= COLLECTING;
    trace.record(|| Event::GcRefs {
        obj: ObjId::new(index, slots[index as usize].generation),
        gc_refs: count,
    });
}

/// `subtract_refs` for one object: each reference it holds to an object being collected
/// cannot be a reason to keep that object.
pub(super) fn subtract_refs_one(lists: &mut Lists, slots: &[Slot], trace: &mut Trace, node: u32) {
    let index = (node - crate::lists::HEADS) as usize;
    slots[index].body.traverse(&mut |r| {
        let rn = &mut lists.nodes[Heap::node_of(r) as usize];
        if rn.flags & COLLECTING != 0 {
            rn.gc_refs -= 1;
            let gc_refs = rn.gc_refs;
            trace.record(|| Event::GcRefs { obj: r, gc_refs });
        }
    });
}

/// One turn of `move_unreachable`'s loop. Returns the next node to look at.
pub(super) fn move_unreachable_one(
    lists: &mut Lists,
    slots: &[Slot],
    trace: &mut Trace,
    young: u32,
    unreachable: u32,
    prev: &mut u32,
    gc: u32,
) -> u32 {
    let index = (gc - crate::lists::HEADS) as usize;
    if lists.nodes[gc as usize].gc_refs != 0 {
        // Reachable from outside: so is everything it points to.
        slots[index].body.traverse(&mut |r| {
            let rnode = Heap::node_of(r);
            let rn = &mut lists.nodes[rnode as usize];
            if rn.flags & COLLECTING == 0 {
                return;
            }
            if rn.flags & MARKED_UNREACHABLE != 0 {
                rn.flags &= !MARKED_UNREACHABLE;
                rn.gc_refs = 1;
                lists.move_to(rnode, young);
                trace.record(|| Event::Moved {
                    obj: r,
                    to: lists.which(rnode),
                });
            } else if rn.gc_refs == 0 {
                rn.gc_refs = 1;
                trace.record(|| Event::GcRefs { obj: r, gc_refs: 1 });
            }
        });
        lists.nodes[gc as usize].flags &= !COLLECTING;
        *prev = gc;
    } else {
        // Tentatively unreachable, until something reachable turns out to point at it.
        lists.move_to(gc, unreachable);
        lists.nodes[gc as usize].flags |= MARKED_UNREACHABLE;
        trace.record(|| Event::Moved {
            obj: ObjId::new(index as u32, slots[index].generation),
            to: lists.which(gc),
        });
    }
    lists.next(*prev)
}

impl Heap {
    /// `untrack_tuples`: a tuple that holds nothing trackable stops being tracked.
    pub(super) fn untrack_tuples(&mut self, head: u32) {
        let mut next = self.lists.next(head);
        while next != head {
            let node = next;
            next = self.lists.next(node);
            let obj = self.id_of_node(node);
            if let Body::Tuple(items) = self.body(obj) {
                if !items.iter().any(|&i| self.may_be_tracked(i)) {
                    self.untrack(obj);
                }
            }
        }
    }

    /// `untrack_dicts` (full collections only): a dict of atoms stops being tracked.
    pub(super) fn untrack_dicts(&mut self, head: u32) {
        let mut next = self.lists.next(head);
        while next != head {
            let node = next;
            next = self.lists.next(node);
            let obj = self.id_of_node(node);
            if let Body::Dict(d) = self.body(obj) {
                let keys_too = !d.has_str_keys_only();
                let holds_container = d.iter().any(|e| {
                    self.may_be_tracked(e.value) || (keys_too && self.may_be_tracked(e.key))
                });
                if !holds_container {
                    self.untrack(obj);
                }
            }
        }
    }

    /// `move_legacy_finalizers` and `move_legacy_finalizer_reachable`.
    pub(super) fn move_legacy_finalizers(&mut self) {
        let legacy = !self.version.has_pep442();
        let mut next = self.lists.next(UNREACHABLE);
        while next != UNREACHABLE {
            let node = next;
            next = self.lists.next(node);
            let flags = &mut self.lists.nodes[node as usize].flags;
            *flags &= !MARKED_UNREACHABLE;
            if legacy && *flags & HAS_FINALIZER != 0 {
                *flags &= !COLLECTING;
                let obj = self.id_of_node(node);
                self.lists.move_to(node, FINALIZERS);
                self.trace.record(|| Event::Moved {
                    obj,
                    to: GcList::Uncollectable,
                });
            }
        }
        let mut node = self.lists.next(FINALIZERS);
        while node != FINALIZERS {
            let index = (node - crate::lists::HEADS) as usize;
            let lists = &mut self.lists;
            let trace = &mut self.trace;
            self.slots[index].body.traverse(&mut |r| {
                let rnode = Heap::node_of(r);
                if lists.nodes[rnode as usize].flags & COLLECTING != 0 {
                    lists.nodes[rnode as usize].flags &= !COLLECTING;
                    lists.move_to(rnode, FINALIZERS);
                    trace.record(|| Event::Moved {
                        obj: r,
                        to: GcList::Uncollectable,
                    });
                }
            });
            node = self.lists.next(node);
        }
    }

    /// `handle_weakrefs`, first pass: clear every weak reference to an unreachable object;
    /// those that are themselves reachable and have a callback queue it.
    pub(super) fn handle_weakrefs(&mut self) {
        let mut node = self.lists.next(UNREACHABLE);
        while node != UNREACHABLE {
            let next = self.lists.next(node);
            let flags = self.lists.nodes[node as usize].flags;
            if flags & (IS_WEAKREF | HAS_WEAKREFS) == 0 {
                node = next;
                continue;
            }
            let obj = self.id_of_node(node);
            if flags & IS_WEAKREF != 0 {
                self.clear_weakref(obj);
            }
            if self.has_flag(obj, HAS_WEAKREFS) {
                while let Some(&wr) = self.weaklists.get(&obj.index()).and_then(|l| l.first()) {
                    self.clear_weakref(wr);
                    let Some(callback) = self.body(wr).weakref().and_then(|w| w.callback) else {
                        continue;
                    };
                    let wnode = Self::node_of(wr);
                    if self.lists.nodes[wnode as usize].flags & COLLECTING != 0 {
                        // The weak reference is garbage too: its callback never runs.
                        continue;
                    }
                    self.incref(wr, Cause::HeldByCollector);
                    self.holds.push(wr);
                    if self.lists.nodes[wnode as usize].list != 0 {
                        self.lists.unlink(wnode);
                    }
                    self.lists.append(wnode, WRCB_TO_CALL);
                    self.trace.record(|| Event::CallbackQueued {
                        weakref: wr,
                        callback,
                    });
                }
            }
            node = next;
        }
    }

    /// `handle_resurrected_objects`: after finalizers, objects reachable again from outside
    /// are spared, with everything they reach; the rest is still unreachable.
    pub(super) fn handle_resurrected(&mut self, old: u32) {
        for node in self.lists.members(UNREACHABLE) {
            self.lists.nodes[node as usize].flags &= !COLLECTING;
        }
        let mut node = self.lists.next(UNREACHABLE);
        while node != UNREACHABLE {
            update_refs_one(&mut self.lists, &self.slots, &mut self.trace, node);
            node = self.lists.next(node);
        }
        let mut node = self.lists.next(UNREACHABLE);
        while node != UNREACHABLE {
            subtract_refs_one(&mut self.lists, &self.slots, &mut self.trace, node);
            node = self.lists.next(node);
        }
        let mut prev = UNREACHABLE;
        let mut node = self.lists.next(UNREACHABLE);
        while node != UNREACHABLE {
            node = move_unreachable_one(
                &mut self.lists,
                &self.slots,
                &mut self.trace,
                UNREACHABLE,
                STILL_UNREACHABLE,
                &mut prev,
                node,
            );
        }
        for node in self.lists.members(STILL_UNREACHABLE) {
            self.lists.nodes[node as usize].flags &= !MARKED_UNREACHABLE;
        }
        for node in self.lists.members(UNREACHABLE) {
            let obj = self.id_of_node(node);
            self.trace.record(|| Event::Resurrected { obj });
        }
        self.lists.merge(UNREACHABLE, old);
    }

    /// Pushes, last first, what the collector's `tp_clear` releases, leaving the object empty
    /// but alive (an instance keeps its class).
    pub(super) fn clear_sequence(&mut self, obj: ObjId) {
        let Heap { slots, ops, .. } = self;
        let body = &mut slots[obj.index() as usize].body;
        push_owned(ops, obj, body, false);
        // Only variable-size layouts shrink when cleared.
        if !matches!(
            body,
            Body::Instance(Instance { base: None, .. }) | Body::Record(_)
        ) {
            self.resized(obj);
        }
    }

    /// Appends an object to `gc.garbage`.
    pub(crate) fn append_garbage(&mut self, obj: ObjId) {
        let garbage = self.garbage();
        self.incref(obj, Cause::Garbage);
        if let Body::List(list) = &mut self.slot_mut(garbage).body {
            let new_len = list.items.len() + 1;
            list.allocated = list.resized_capacity(new_len);
            list.items.push(obj);
        }
        self.resized(garbage);
        self.trace.record(|| Event::Garbage { obj });
    }
}
