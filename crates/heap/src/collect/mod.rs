//! The cycle collector: CPython 3.11's `gc_collect_main` as a resumable phase machine.
//!
//! A [`Collection`] sits on the heap's work stack. Each step advances it by one object in the
//! phases a learner watches (update_refs, subtract_refs, move_unreachable, finalizers,
//! delete_garbage) or by one whole phase elsewhere; [`Heap::run`] drives the same machine in
//! a loop. Whenever Python code must run (callbacks, `__del__`, `gc.callbacks`), the
//! collection hands an action to the caller and resumes after it.

use crate::gcstate::{
    GcMessage, DEBUG_COLLECTABLE, DEBUG_SAVEALL, DEBUG_STATS, DEBUG_UNCOLLECTABLE,
};
use crate::heap::Heap;
use crate::id::ObjId;
use crate::lists::{
    COLLECTING, FINALIZED, FINALIZERS, HAS_FINALIZER, SEEN, STILL_UNREACHABLE, UNREACHABLE,
    WRCB_TO_CALL,
};
use crate::machine::{Action, Flow, GcCallbackPhase, Op, Task};
use crate::trace::{Cause, Event, Phase};

mod fused;
mod passes;

use passes::{move_unreachable_one, subtract_refs_one, update_refs_one};

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
    /// A callback or finalizer ran during this collection.
    ran_python: bool,
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
            ran_python: false,
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

    /// Whether the object on this node has a finalizer that has not run yet.
    fn finalizer_due(&self, node: u32) -> bool {
        self.lists.nodes[node as usize].flags & (HAS_FINALIZER | FINALIZED) == HAS_FINALIZER
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
                    if !fine && !self.trace.enabled {
                        self.update_and_subtract_refs(c.young);
                        self.enter(c, Phase::SubtractRefs);
                        self.enter(c, Phase::MoveUnreachable);
                        continue;
                    }
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
                    if !fine
                        && !self.trace.enabled
                        && self.gc.debug & DEBUG_COLLECTABLE == 0
                        && self.sweep_plain_garbage()
                    {
                        // No weak reference or finalizer is involved: the phases up to
                        // delete_garbage would each find nothing to do.
                        c.collected += self.lists.len(STILL_UNREACHABLE);
                        self.enter(c, Phase::DeleteGarbage);
                        continue;
                    }
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
                        c.ran_python = true;
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
                    Some(first) if !fine && !self.finalizer_due(first) => {
                        // Running: the objects up to the next one whose finalizer is due are
                        // considered at once.
                        let (mut end, mut count) = (first, 0);
                        while end != UNREACHABLE && !self.finalizer_due(end) {
                            end = self.lists.next(end);
                            count += 1;
                        }
                        if end == UNREACHABLE && self.lists.is_empty(SEEN) {
                            // No finalizer ran: the list is already as the phase leaves it.
                            self.enter(c, Phase::CheckResurrected);
                        } else {
                            self.lists.move_run(first, end, count, SEEN);
                        }
                    }
                    Some(node) => {
                        self.lists.move_to(node, SEEN);
                        let obj = self.id_of_node(node);
                        if self.finalizer_due(node) {
                            self.lists.nodes[node as usize].flags |= FINALIZED;
                            self.incref(obj, Cause::HeldByCollector);
                            self.holds.push(obj);
                            self.trace.record(|| Event::FinalizerQueued { obj });
                            c.awaiting = Awaiting::Finalizer(obj);
                            c.ran_python = true;
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
                    if self.version.has_pep442() && (c.ran_python || self.trace.enabled) {
                        self.handle_resurrected(c.old);
                    } else {
                        // With no Python run since the unreachable set was found, nothing can
                        // have been resurrected: the second pass would find the same set.
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
                            self.ops.push(Op::DropHold(obj, Cause::HeldByCollector));
                            self.clear_sequence(obj);
                            let depth = self.work.len();
                            self.queue_stacked(start);
                            if fine {
                                return Flow::Continue;
                            }
                            // Running: release right here, unless a death needs a task.
                            self.run_release();
                            if self.work.len() != depth {
                                return Flow::Continue;
                            }
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
}
