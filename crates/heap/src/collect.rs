//! The cycle collector: CPython 3.11's `gc_collect_main` as a resumable phase machine.
//!
//! A [`Collection`] sits on the heap's work stack. Each step advances it by one object in the
//! phases a learner watches (update_refs, subtract_refs, move_unreachable, finalizers,
//! delete_garbage) or by one whole phase elsewhere; [`Heap::run`] drives the same machine in
//! a loop. Whenever Python code must run (callbacks, `__del__`, `gc.callbacks`), the
//! collection hands an action to the caller and resumes after it.

use crate::body::Body;
use crate::gcstate::{
    GcMessage, DEBUG_COLLECTABLE, DEBUG_SAVEALL, DEBUG_STATS, DEBUG_UNCOLLECTABLE,
};
use crate::heap::{Heap, Slot, HAS_WEAKREFS};
use crate::id::ObjId;
use crate::lists::{
    Lists, COLLECTING, FINALIZED, FINALIZERS, MARKED_UNREACHABLE, SEEN, STILL_UNREACHABLE,
    UNREACHABLE, WRCB_TO_CALL,
};
use crate::machine::{Action, Flow, GcCallbackPhase, Op, Task};
use crate::trace::{Cause, Event, GcList, Phase, Trace};

/// What the collection waits for before its next step.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Awaiting {
    Nothing,
    /// A weak reference's callback ran: drop the collector's hold on it.
    Callback(ObjId),
    /// The hold was dropped: see whether the weak reference survived.
    CallbackSurvivor(ObjId),
    /// A `__del__` ran: drop the collector's hold on the object.
    Finalizer(ObjId),
    /// `tp_clear` ran (or the object was saved): a survivor moves to the older generation.
    Cleared(ObjId),
    /// The "stop" callbacks ran.
    Stopped,
}

/// A collection in progress.
#[derive(Clone, Debug)]
pub struct Collection {
    generation: u8,
    automatic: bool,
    phase: Phase,
    started: bool,
    cursor: u32,
    prev: u32,
    young: u32,
    old: u32,
    collected: usize,
    uncollectable: usize,
    awaiting: Awaiting,
}

impl Collection {
    fn new(generation: u8, automatic: bool) -> Self {
        let young = generation as u32;
        Collection {
            generation,
            automatic,
            phase: Phase::Start,
            started: false,
            cursor: 0,
            prev: 0,
            young,
            old: if generation < 2 { young + 1 } else { young },
            collected: 0,
            uncollectable: 0,
            awaiting: Awaiting::Nothing,
        }
    }

    /// The oldest generation being collected.
    pub fn generation(&self) -> u8 {
        self.generation
    }

    /// Whether the allocation thresholds started it.
    pub fn automatic(&self) -> bool {
        self.automatic
    }

    /// The phase it is in.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Unreachable objects found so far (what `gc.collect()` will count).
    pub fn collected(&self) -> usize {
        self.collected + self.uncollectable
    }
}

/// `update_refs` for one object: gc_refs starts at the reference count.
fn update_refs_one(lists: &mut Lists, slots: &[Slot], trace: &mut Trace, node: u32) {
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
fn subtract_refs_one(lists: &mut Lists, slots: &[Slot], trace: &mut Trace, node: u32) {
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
fn move_unreachable_one(
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
    /// Starts a collection of `generation` and everything younger (`gc.collect(generation)`).
    /// Returns false, doing nothing, if a collection is already running (CPython's
    /// `gc.collect()` then returns 0). Call [`Heap::run`] to carry it out; the result is
    /// then in `gc().last_result`.
    pub fn collect(&mut self, generation: u8) -> bool {
        self.assert_settled();
        self.start_collection(generation.min(2), false)
    }

    /// Collects now, servicing actions with `service`; returns what `gc.collect()` returns.
    pub fn collect_now(
        &mut self,
        generation: u8,
        service: &mut dyn FnMut(&mut Heap, Action),
    ) -> usize {
        if !self.collect(generation) {
            return 0;
        }
        self.drive(service);
        self.gc.last_result.unwrap_or(0)
    }

    pub(crate) fn start_collection(&mut self, generation: u8, automatic: bool) -> bool {
        if self.gc.collecting {
            return false;
        }
        self.gc.collecting = true;
        self.work.push(Task::Collect(Box::new(Collection::new(
            generation, automatic,
        ))));
        true
    }

    /// The running collection, if any.
    pub fn collection(&self) -> Option<&Collection> {
        self.work.iter().rev().find_map(|t| match t {
            Task::Collect(c) => Some(&**c),
            _ => None,
        })
    }

    fn legacy_finalizer(&self, id: ObjId) -> bool {
        !self.version.has_pep442() && self.has_finalizer(id)
    }

    pub(crate) fn step_collection(&mut self, fine: bool) -> Flow {
        let top = self.work.len() - 1;
        let Task::Collect(mut c) = std::mem::replace(&mut self.work[top], Task::Barrier) else {
            unreachable!("step_collection on another task")
        };
        let flow = self.advance(&mut c, fine);
        if c.awaiting == Awaiting::Stopped && !matches!(flow, Flow::Yield(_)) {
            self.work.remove(top);
            self.gc.collecting = false;
        } else {
            self.work[top] = Task::Collect(c);
        }
        match flow {
            Flow::Yield(action) => {
                self.work.push(Task::Barrier);
                Flow::Yield(action)
            }
            other => other,
        }
    }

    fn enter(&mut self, c: &mut Collection, phase: Phase) {
        c.phase = phase;
        self.trace.record(|| Event::PhaseEntered { phase });
        let young = c.young;
        match phase {
            Phase::UpdateRefs | Phase::SubtractRefs => c.cursor = self.lists.next(young),
            Phase::MoveUnreachable => {
                c.prev = young;
                c.cursor = self.lists.next(young);
            }
            _ => {}
        }
    }

    fn advance(&mut self, c: &mut Collection, fine: bool) -> Flow {
        loop {
            match c.awaiting {
                Awaiting::Nothing => {}
                Awaiting::Stopped => return Flow::Continue,
                Awaiting::Callback(wr) => {
                    c.awaiting = Awaiting::CallbackSurvivor(wr);
                    self.apply(Op::DropHold(wr, Cause::HeldByCollector));
                    return Flow::Continue;
                }
                Awaiting::CallbackSurvivor(wr) => {
                    c.awaiting = Awaiting::Nothing;
                    let node = Self::node_of(wr);
                    if self.is_alive(wr) && self.lists.first(WRCB_TO_CALL) == Some(node) {
                        self.lists.move_to(node, c.old);
                    } else {
                        c.collected += 1;
                    }
                }
                Awaiting::Finalizer(obj) => {
                    c.awaiting = Awaiting::Nothing;
                    self.apply(Op::DropHold(obj, Cause::HeldByCollector));
                    return Flow::Continue;
                }
                Awaiting::Cleared(obj) => {
                    c.awaiting = Awaiting::Nothing;
                    let node = Self::node_of(obj);
                    if self.is_alive(obj) && self.lists.first(STILL_UNREACHABLE) == Some(node) {
                        self.lists.nodes[node as usize].flags &= !COLLECTING;
                        self.lists.move_to(node, c.old);
                        self.trace.record(|| Event::Moved {
                            obj,
                            to: self.lists.which(node),
                        });
                    }
                    if fine {
                        return Flow::Continue;
                    }
                }
            }
            match c.phase {
                Phase::Start => {
                    if c.started {
                        self.enter(c, Phase::MergeYounger);
                        continue;
                    }
                    c.started = true;
                    let (generation, automatic) = (c.generation, c.automatic);
                    self.trace.record(|| Event::CollectionStarted {
                        generation,
                        automatic,
                    });
                    self.trace.record(|| Event::PhaseEntered {
                        phase: Phase::Start,
                    });
                    return Flow::Yield(Action::GcCallbacks {
                        phase: GcCallbackPhase::Start,
                        generation,
                        collected: 0,
                        uncollectable: 0,
                    });
                }
                Phase::MergeYounger => {
                    let g = c.generation as usize;
                    if self.gc.debug & DEBUG_STATS != 0 {
                        let sizes = [0, 1, 2, 3].map(|h| self.lists.len(h));
                        self.gc.messages.push(GcMessage::Collecting {
                            generation: c.generation,
                            sizes,
                        });
                    }
                    if g + 1 < 3 {
                        self.gc.generations[g + 1].count += 1;
                    }
                    for i in 0..=g {
                        self.gc.generations[i].count = 0;
                    }
                    for i in 0..g {
                        self.lists.merge(i as u32, c.young);
                    }
                    self.enter(c, Phase::UpdateRefs);
                    if fine {
                        return Flow::Continue;
                    }
                }
                Phase::UpdateRefs => {
                    while c.cursor != c.young {
                        update_refs_one(&mut self.lists, &self.slots, &mut self.trace, c.cursor);
                        c.cursor = self.lists.next(c.cursor);
                        if fine {
                            return Flow::Continue;
                        }
                    }
                    self.enter(c, Phase::SubtractRefs);
                }
                Phase::SubtractRefs => {
                    while c.cursor != c.young {
                        subtract_refs_one(&mut self.lists, &self.slots, &mut self.trace, c.cursor);
                        c.cursor = self.lists.next(c.cursor);
                        if fine {
                            return Flow::Continue;
                        }
                    }
                    self.enter(c, Phase::MoveUnreachable);
                }
                Phase::MoveUnreachable => {
                    while c.cursor != c.young {
                        c.cursor = move_unreachable_one(
                            &mut self.lists,
                            &self.slots,
                            &mut self.trace,
                            c.young,
                            UNREACHABLE,
                            &mut c.prev,
                            c.cursor,
                        );
                        if fine {
                            return Flow::Continue;
                        }
                    }
                    self.enter(c, Phase::UntrackTuples);
                }
                Phase::UntrackTuples => {
                    self.untrack_tuples(c.young);
                    self.enter(c, Phase::PromoteSurvivors);
                    if fine {
                        return Flow::Continue;
                    }
                }
                Phase::PromoteSurvivors => {
                    if c.young != c.old {
                        if c.generation == 1 {
                            self.gc.long_lived_pending += self.lists.len(c.young);
                        }
                        self.lists.merge(c.young, c.old);
                    } else {
                        self.untrack_dicts(c.young);
                        self.gc.long_lived_pending = 0;
                        self.gc.long_lived_total = self.lists.len(c.young);
                    }
                    self.enter(c, Phase::MoveLegacyFinalizers);
                    if fine {
                        return Flow::Continue;
                    }
                }
                Phase::MoveLegacyFinalizers => {
                    self.move_legacy_finalizers();
                    if self.gc.debug & DEBUG_COLLECTABLE != 0 {
                        for node in self.lists.members(UNREACHABLE) {
                            let obj = self.id_of_node(node);
                            let type_name = self.type_name(obj);
                            self.gc
                                .messages
                                .push(GcMessage::Collectable { obj, type_name });
                        }
                    }
                    self.enter(c, Phase::HandleWeakrefs);
                    if fine {
                        return Flow::Continue;
                    }
                }
                Phase::HandleWeakrefs => {
                    self.handle_weakrefs();
                    self.enter(c, Phase::RunCallbacks);
                    if fine {
                        return Flow::Continue;
                    }
                }
                Phase::RunCallbacks => match self.lists.first(WRCB_TO_CALL) {
                    Some(node) => {
                        let wr = self.id_of_node(node);
                        let callback = self
                            .body(wr)
                            .weakref()
                            .and_then(|w| w.callback)
                            .expect("a weak reference queued for its callback has one");
                        c.awaiting = Awaiting::Callback(wr);
                        return Flow::Yield(Action::Callback {
                            weakref: wr,
                            callback,
                        });
                    }
                    None => {
                        let next = if self.version.has_pep442() {
                            Phase::Finalize
                        } else {
                            Phase::CheckResurrected
                        };
                        self.enter(c, next);
                    }
                },
                Phase::Finalize => match self.lists.first(UNREACHABLE) {
                    Some(node) => {
                        self.lists.move_to(node, SEEN);
                        let obj = self.id_of_node(node);
                        if self.lists.nodes[node as usize].flags & FINALIZED == 0
                            && self.has_finalizer(obj)
                        {
                            self.lists.nodes[node as usize].flags |= FINALIZED;
                            self.incref(obj, Cause::HeldByCollector);
                            self.holds.push(obj);
                            self.trace.record(|| Event::FinalizerQueued { obj });
                            c.awaiting = Awaiting::Finalizer(obj);
                            return Flow::Yield(Action::Finalize { obj });
                        }
                        if fine {
                            return Flow::Continue;
                        }
                    }
                    None => {
                        self.lists.merge(SEEN, UNREACHABLE);
                        self.enter(c, Phase::CheckResurrected);
                        if fine {
                            return Flow::Continue;
                        }
                    }
                },
                Phase::CheckResurrected => {
                    if self.version.has_pep442() {
                        self.handle_resurrected(c.old);
                    } else {
                        self.lists.merge(UNREACHABLE, STILL_UNREACHABLE);
                    }
                    c.collected += self.lists.len(STILL_UNREACHABLE);
                    self.enter(c, Phase::DeleteGarbage);
                    if fine {
                        return Flow::Continue;
                    }
                }
                Phase::DeleteGarbage => match self.lists.first(STILL_UNREACHABLE) {
                    Some(node) => {
                        let obj = self.id_of_node(node);
                        c.awaiting = Awaiting::Cleared(obj);
                        if self.gc.debug & DEBUG_SAVEALL != 0 {
                            self.append_garbage(obj);
                        } else if self.kind(obj).has_clear() {
                            self.incref(obj, Cause::HeldByCollector);
                            self.holds.push(obj);
                            let start = self.ops.len();
                            self.clear_sequence(obj);
                            self.ops.push(Op::DropHold(obj, Cause::HeldByCollector));
                            self.queue_ops(start);
                            return Flow::Continue;
                        }
                    }
                    None => self.enter(c, Phase::SaveUncollectable),
                },
                Phase::SaveUncollectable => {
                    for node in self.lists.members(FINALIZERS) {
                        let obj = self.id_of_node(node);
                        c.uncollectable += 1;
                        if self.gc.debug & DEBUG_UNCOLLECTABLE != 0 {
                            let type_name = self.type_name(obj);
                            self.gc
                                .messages
                                .push(GcMessage::Uncollectable { obj, type_name });
                        }
                        if self.gc.debug & DEBUG_SAVEALL != 0 || self.legacy_finalizer(obj) {
                            self.append_garbage(obj);
                        }
                    }
                    self.lists.merge(FINALIZERS, c.old);
                    self.enter(c, Phase::Finish);
                    if fine {
                        return Flow::Continue;
                    }
                }
                Phase::Finish => {
                    let g = c.generation as usize;
                    if g == 2 {
                        self.gc.freelists.clear();
                    }
                    let (m, n) = (c.collected, c.uncollectable);
                    let stats = &mut self.gc.stats[g];
                    stats.collections += 1;
                    stats.collected += m;
                    stats.uncollectable += n;
                    if self.gc.debug & DEBUG_STATS != 0 {
                        self.gc.messages.push(GcMessage::Done {
                            unreachable: m + n,
                            uncollectable: n,
                        });
                    }
                    self.gc.last_result = Some(m + n);
                    self.trace.record(|| Event::CollectionFinished {
                        collected: m + n,
                        uncollectable: n,
                    });
                    c.awaiting = Awaiting::Stopped;
                    return Flow::Yield(Action::GcCallbacks {
                        phase: GcCallbackPhase::Stop,
                        generation: c.generation,
                        collected: m,
                        uncollectable: n,
                    });
                }
            }
        }
    }

    /// `untrack_tuples`: a tuple that holds nothing trackable stops being tracked.
    fn untrack_tuples(&mut self, head: u32) {
        for node in self.lists.members(head) {
            let obj = self.id_of_node(node);
            if let Body::Tuple(items) = self.body(obj) {
                if !items.iter().any(|&i| self.may_be_tracked(i)) {
                    self.untrack(obj);
                }
            }
        }
    }

    /// `untrack_dicts` (full collections only): a dict of atoms stops being tracked.
    fn untrack_dicts(&mut self, head: u32) {
        for node in self.lists.members(head) {
            let obj = self.id_of_node(node);
            if let Body::Dict(d) = self.body(obj) {
                let keys_too = !d.has_str_keys_only();
                if !d.iter().any(|e| {
                    self.may_be_tracked(e.value) || (keys_too && self.may_be_tracked(e.key))
                }) {
                    self.untrack(obj);
                }
            }
        }
    }

    /// `move_legacy_finalizers` and `move_legacy_finalizer_reachable`.
    fn move_legacy_finalizers(&mut self) {
        for node in self.lists.members(UNREACHABLE) {
            self.lists.nodes[node as usize].flags &= !MARKED_UNREACHABLE;
            let obj = self.id_of_node(node);
            if self.legacy_finalizer(obj) {
                self.lists.nodes[node as usize].flags &= !COLLECTING;
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
    fn handle_weakrefs(&mut self) {
        let mut node = self.lists.next(UNREACHABLE);
        while node != UNREACHABLE {
            let next = self.lists.next(node);
            let obj = self.id_of_node(node);
            if self.body(obj).weakref().is_some() {
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
    fn handle_resurrected(&mut self, old: u32) {
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

    /// Pushes, in order, what the collector's `tp_clear` releases, leaving the object empty
    /// but alive (an instance keeps its class).
    fn clear_sequence(&mut self, obj: ObjId) {
        let cause = Cause::ClearedBy(obj);
        let mut body = std::mem::replace(&mut self.slot_mut(obj).body, Body::None);
        if let Body::Instance(inst) = &mut body {
            for v in inst.slots.iter_mut().filter_map(Option::take) {
                self.ops.push(Op::Decref(v, cause));
            }
            for a in inst.attrs.drain(..) {
                self.ops.push(Op::Decref(a.value, cause));
            }
            if let Some(d) = inst.dict.take() {
                self.ops.push(Op::Decref(d, cause));
            }
            if let Some(base) = inst.base.as_deref_mut() {
                if base.kind().has_clear() {
                    self.push_contents(obj, base, false);
                }
            }
        } else {
            self.push_contents(obj, &mut body, false);
        }
        self.slot_mut(obj).body = body;
        self.resized(obj);
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
