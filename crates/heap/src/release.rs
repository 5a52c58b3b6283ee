//! Releasing references while the heap runs: deaths that need no Python code happen in one
//! go, without a task per deallocation stage.
//!
//! An object with no finalizer due and no weak references dies with the same events, in the
//! same order, as the staged deallocation in `machine.rs` would give: untracked, postponed by
//! the trashcan or released content by content, freed, its class released last. Its releases
//! join the ops of the release task that killed it, so a chain of such deaths is one loop.
//! [`Heap::step`] keeps the staged path, so the viewer still sees each stage.

use crate::body::{Body, Kind};
use crate::heap::Heap;
use crate::id::ObjId;
use crate::lists::{FINALIZED, HAS_FINALIZER, HAS_WEAKREFS};
use crate::machine::{Op, Task, TRASHCAN_DEPTH};
use crate::trace::{Cause, Event};

impl Heap {
    /// Applies the ops of the release task on top of the work stack until they are done or
    /// one of them queues a task of its own (a death that needs Python code, a postponed
    /// chain).
    pub(crate) fn run_release(&mut self) {
        let top = self.work.len() - 1;
        let Some(&Task::Release { mut remaining }) = self.work.last() else {
            unreachable!("release task on top")
        };
        loop {
            if remaining == 0 {
                self.work.pop();
                return;
            }
            remaining -= 1;
            // Each op is read where it lies, field by field, and then dropped from the stack:
            // a whole-op copy of an op pushed a moment ago would wait for the stores that
            // wrote it.
            let last = self.ops.len().checked_sub(1).expect("queued op");
            match self.ops[last] {
                Op::Decref(id, cause) => {
                    self.ops.truncate(last);
                    remaining += self.release(id, cause);
                }
                Op::DropHold(id, cause) => {
                    self.ops.truncate(last);
                    self.release_hold(id);
                    remaining += self.release(id, cause);
                }
                Op::Free(id, len) => {
                    self.ops.truncate(last);
                    if let Some(class) = self.free_instance_or_object(id, len) {
                        remaining += self.release(class, Cause::ReleasedBy(id));
                    }
                }
                Op::EndTrash => {
                    self.ops.truncate(last);
                    self.end_trash();
                }
                Op::Unlink(wr) => {
                    self.ops.truncate(last);
                    self.clear_weakref(wr);
                }
            }
            if self.work.len() != top + 1 {
                // A task was queued: it runs first, then the rest of these ops.
                self.work[top] = Task::Release { remaining };
                return;
            }
        }
    }

    /// Drops a reference, as [`Heap::decref`] does, for a caller about to run the heap (see
    /// [`Heap::run`]): when the object dies plainly and nothing else is queued, its
    /// deallocation happens at once, exactly as running the heap next would do it; any
    /// other death is queued. The caller still runs the heap afterwards, for what the
    /// deallocation may have queued.
    #[inline]
    pub fn decref_and_start(&mut self, id: ObjId, cause: Cause) {
        if self.count_down(id, cause) {
            self.start_dealloc(id);
        }
    }

    fn start_dealloc(&mut self, id: ObjId) {
        if self.has_work() || !self.dies_plainly(id) {
            self.work.push(Task::dealloc(id));
            return;
        }
        let n = self.plain_death(id);
        if n > 0 {
            self.queue_stacked(self.ops.len() - n);
            self.run_release();
        }
    }

    /// Takes a turn of the release task on top of the work stack: true when an op is due,
    /// false (the task gone) when all its ops are done.
    pub(crate) fn release_turn(&mut self) -> bool {
        let Some(Task::Release { remaining }) = self.work.last_mut() else {
            unreachable!("release task on top")
        };
        if *remaining == 0 {
            self.work.pop();
            return false;
        }
        *remaining -= 1;
        true
    }

    /// Drops one reference; a death that needs no Python code happens at once (returning
    /// how many ops it pushed), any other is queued as a task.
    #[inline]
    fn release(&mut self, id: ObjId, cause: Cause) -> usize {
        if self.count_down(id, cause) {
            if self.dies_plainly(id) {
                return self.plain_death(id);
            }
            self.work.push(Task::dealloc(id));
        }
        0
    }

    /// Whether a dead object's deallocation runs no Python code and clears no weak
    /// reference: no `__del__` due (PEP 442 runs it once; legacy finalizers every time) and
    /// no weak references to it.
    pub(crate) fn dies_plainly(&self, id: ObjId) -> bool {
        match self.lists.nodes[Self::node_of(id) as usize].flags
            & (HAS_WEAKREFS | HAS_FINALIZER | FINALIZED)
        {
            0 | FINALIZED => true,
            f if f == HAS_FINALIZER | FINALIZED => self.version.has_pep442(),
            _ => false,
        }
    }

    /// The deallocation of an object [`Heap::dies_plainly`] accepts: untracked, then
    /// postponed by the trashcan or its releases and its freeing pushed on the op stack, in
    /// `subtype_dealloc`'s order (an object that holds no references is freed at once).
    /// Returns how many ops it pushed, for the caller's release task.
    pub(crate) fn plain_death(&mut self, obj: ObjId) -> usize {
        self.untrack(obj);
        if holds_nothing(self.kind(obj)) {
            // Holding nothing, it would push only its freeing, to be applied next: free it
            // now.
            self.free(obj, 0);
            return 0;
        }
        let trash = self.kind(obj).uses_trashcan();
        if trash {
            if self.trash_nesting >= TRASHCAN_DEPTH {
                self.trash_later.push(obj);
                self.trace.record(|| Event::Postponed { obj });
                return 0;
            }
            self.trash_nesting += 1;
        }
        let start = self.ops.len();
        if trash {
            self.ops.push(Op::EndTrash);
        }
        self.release_sequence(obj);
        self.ops.len() - start
    }

    /// Frees an object whose contents are gone and returns its class if it is an instance
    /// (the caller releases it: `subtype_dealloc` drops the type last).
    pub(crate) fn free_instance_or_object(&mut self, id: ObjId, len: u32) -> Option<ObjId> {
        let class = match self.body(id) {
            Body::Instance(inst) => Some(inst.class),
            _ => None,
        };
        self.free(id, len as usize);
        class
    }

    /// A deallocation that entered the trashcan is over: the outermost one frees what was
    /// postponed.
    pub(crate) fn end_trash(&mut self) {
        self.trash_nesting -= 1;
        if self.trash_nesting == 0 && !self.trash_later.is_empty() {
            self.work.push(Task::DestroyChain { started: false });
        }
    }
}

/// Whether objects of this kind never hold references (so dying frees them and no more).
fn holds_nothing(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::None | Kind::Bool | Kind::Int | Kind::Float | Kind::Str
    )
}

/// Pushes, last first, the ops that release a built-in layout's references, leaving it
/// empty. `dealloc` chooses the deallocator's order over `tp_clear`'s where they differ.
fn push_contents(ops: &mut Vec<Op>, owner: ObjId, body: &mut Body, dealloc: bool) {
    let cause = if dealloc {
        Cause::ReleasedBy(owner)
    } else {
        Cause::ClearedBy(owner)
    };
    match body {
        // Items go from the last to the first.
        Body::Tuple(items) => {
            ops.extend(items.iter().map(|&item| Op::Decref(item, cause)));
            if dealloc {
                items.clear();
            }
        }
        Body::List(list) => {
            ops.extend(list.items.iter().map(|&item| Op::Decref(item, cause)));
            list.items.clear();
            list.allocated = 0;
        }
        // Entries go from the first to the last, each key before its value.
        Body::Dict(dict) => {
            for e in dict.take_all().into_iter().rev() {
                ops.push(Op::Decref(e.value, cause));
                ops.push(Op::Decref(e.key, cause));
            }
        }
        Body::Set(set) => {
            for e in set.entries.drain(..).rev() {
                ops.push(Op::Decref(e.key, cause));
            }
            set.table_size = 8;
        }
        Body::Class(class) => {
            for r in class.refs.iter_mut().rev().filter_map(Option::take) {
                ops.push(Op::Decref(r, cause));
            }
        }
        Body::Record(record) => {
            for r in record.refs.iter_mut().rev().filter_map(Option::take) {
                ops.push(Op::Decref(r, cause));
            }
        }
        Body::WeakRef(w) => {
            // `clear_weakref`: leave the referent's list, then drop the callback.
            if let Some(cb) = w.callback.take() {
                ops.push(Op::Decref(cb, cause));
            }
            if w.referent.is_some() {
                ops.push(Op::Unlink(owner));
            }
        }
        Body::Instance(_) => unreachable!("instances are handled by their owner"),
        Body::None
        | Body::Bool(_)
        | Body::Int(_)
        | Body::Long(_)
        | Body::Float(_)
        | Body::Str(_) => {}
    }
}

/// Pushes, last first, the ops that release everything an object owns (for an instance:
/// slots, attributes, `__dict__`, then its built-in base), leaving it empty but for an
/// instance's class. `dealloc` chooses the deallocator's order over `tp_clear`'s, which
/// leaves bases without a `tp_clear` (tuples) alone.
pub(crate) fn push_owned(ops: &mut Vec<Op>, owner: ObjId, body: &mut Body, dealloc: bool) {
    let Body::Instance(inst) = body else {
        return push_contents(ops, owner, body, dealloc);
    };
    let cause = if dealloc {
        Cause::ReleasedBy(owner)
    } else {
        Cause::ClearedBy(owner)
    };
    if let Some(base) = inst.base.as_deref_mut() {
        if dealloc || base.kind().has_clear() {
            push_contents(ops, owner, base, dealloc);
        }
    }
    if let Some(d) = inst.dict.take() {
        ops.push(Op::Decref(d, cause));
    }
    for a in inst.attrs.iter().rev() {
        ops.push(Op::Decref(a.value, cause));
    }
    inst.attrs.clear();
    for v in inst.slots.iter_mut().rev().filter_map(Option::take) {
        ops.push(Op::Decref(v, cause));
    }
}

#[cfg(test)]
mod tests {
    use crate::body::{Body, Instance, List, WeakFlavor};
    use crate::heap::Heap;
    use crate::id::ObjId;
    use crate::trace::{render, Cause};

    /// Makes an object on a fresh heap: the reference to drop, and references kept.
    type Shape = fn(&mut Heap) -> (ObjId, Vec<ObjId>);

    /// Runs the heap as the VM does, carrying out actions as nothing.
    fn settle(heap: &mut Heap) {
        heap.drive(&mut |_, _| {});
    }

    /// The events of dropping the shape's reference, through `decref` or
    /// `decref_and_start`, then running the heap; and whether the heap checks out after.
    fn drop_events(shape: Shape, start: bool, other_work: bool) -> String {
        let mut heap = Heap::default();
        let (obj, kept) = shape(&mut heap);
        let pending = heap.alloc(Body::list());
        heap.set_tracing(true);
        if other_work {
            heap.decref(pending, Cause::Other);
        }
        if start {
            heap.decref_and_start(obj, Cause::Other);
        } else {
            heap.decref(obj, Cause::Other);
        }
        settle(&mut heap);
        if !other_work {
            heap.decref(pending, Cause::Other);
            settle(&mut heap);
        }
        heap.check(&kept).expect("invariants hold");
        render(&heap.take_events())
    }

    /// Dropping a reference and starting the death at once gives the events running the
    /// heap after `decref` gives, for plain deaths and for deaths that need Python code,
    /// with and without other work queued.
    #[test]
    fn starting_a_death_at_once_changes_no_event() {
        let shapes: [(&str, Shape); 6] = [
            ("int", |h| (h.alloc(Body::Int(1000)), Vec::new())),
            ("nested lists", |h| {
                let inner = h.alloc(Body::List(List::exact(Vec::new())));
                let outer = h.alloc_owning(Body::List(List::exact(vec![inner])));
                h.run();
                (outer, Vec::new())
            }),
            ("instance", |h| {
                let class = h.new_class("C", false);
                let obj = h.alloc(Body::Instance(Instance::of(class)));
                h.decref(class, Cause::Other);
                h.run();
                (obj, Vec::new())
            }),
            ("instance with __del__", |h| {
                let class = h.new_class("D", true);
                let obj = h.alloc(Body::Instance(Instance::of(class)));
                h.decref(class, Cause::Other);
                h.run();
                (obj, Vec::new())
            }),
            ("weakly referenced", |h| {
                let class = h.new_class("W", false);
                let obj = h.alloc(Body::Instance(Instance::of(class)));
                let callback = h.alloc(Body::list());
                let weak = h.new_weakref(obj, Some(callback), WeakFlavor::Ref);
                // The weak reference is kept, so its callback runs.
                let weak = weak.expect("a weak reference");
                h.decref(class, Cause::Other);
                h.decref(callback, Cause::Other);
                h.run();
                (obj, vec![weak])
            }),
            ("long chain", |h| {
                let mut last = h.alloc(Body::list());
                for _ in 0..120 {
                    last = h.alloc_owning(Body::List(List::exact(vec![last])));
                }
                h.run();
                (last, Vec::new())
            }),
        ];
        for (name, shape) in shapes {
            for other_work in [false, true] {
                assert_eq!(
                    drop_events(shape, true, other_work),
                    drop_events(shape, false, other_work),
                    "{name}, other work queued: {other_work}"
                );
            }
        }
    }
}
