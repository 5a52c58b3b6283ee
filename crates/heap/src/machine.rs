//! The work machine: deallocations, weak reference callbacks and collections in progress.
//!
//! CPython frees objects with recursive C calls and runs `__del__` and callbacks in the middle
//! of them. Here that recursion is an explicit stack of tasks, so a million-long chain frees
//! without deep recursion, and the heap can stop whenever Python code must run and resume
//! exactly where it was.

use crate::body::{Body, Kind};
use crate::collect::Collection;
use crate::heap::Heap;
use crate::id::ObjId;
use crate::lists::{FINALIZED, HAS_FINALIZER, HAS_WEAKREFS};
use crate::release::push_owned;
use crate::trace::{Cause, Event};

/// Python code the heap needs the caller to run before it can go on.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Call `obj.__del__()`. The heap holds a reference to `obj` meanwhile.
    Finalize {
        /// The object being finalized.
        obj: ObjId,
    },
    /// Call `callback(weakref)`; the weak reference is already cleared.
    Callback {
        /// The weak reference, passed as the argument.
        weakref: ObjId,
        /// The callable.
        callback: ObjId,
    },
    /// Call each function in `gc.callbacks` with `phase` and an info dict.
    GcCallbacks {
        /// "start" or "stop".
        phase: GcCallbackPhase,
        /// The generation collected.
        generation: u8,
        /// Objects collected (0 at start).
        collected: usize,
        /// Objects found uncollectable (0 at start).
        uncollectable: usize,
    },
}

/// The first argument `gc.callbacks` functions receive.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum GcCallbackPhase {
    /// `"start"`.
    Start,
    /// `"stop"`.
    Stop,
}

/// What one step of the heap did.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Some work was done; more may remain.
    Progress,
    /// Python code must run: service the action, then call [`Heap::finish_action`].
    Action(Action),
    /// Nothing left to do (or the caller is still servicing an action).
    Idle,
}

/// A unit of queued reference release.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// Drop one reference.
    Decref(ObjId, Cause),
    /// Drop a reference the heap held while Python code ran.
    DropHold(ObjId, Cause),
    /// Free the object's memory (then release an instance's class).
    Free(ObjId, u32),
    /// Detach a dying weak reference from its referent's list.
    Unlink(ObjId),
    /// A deallocation that entered the trashcan is over.
    EndTrash,
}

/// How far one object's deallocation has got.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    Begin,
    AfterFinalizer,
    ClearWeakrefs,
    LegacyFinalizer,
    AfterLegacyFinalizer,
    Contents,
    End,
}

/// Callbacks of the weak references to an object that died by reference count.
#[derive(Clone, Debug)]
pub(crate) struct CallbackBatch {
    /// (weak reference, callback) pairs to call, in order.
    pub calls: Vec<(ObjId, ObjId)>,
    pub next: usize,
    /// References the heap holds until all callbacks ran, in the order they were taken.
    /// CPython keeps several callbacks in a temporary tuple that also holds the weak
    /// references; a single callback is held alone.
    pub held: Vec<ObjId>,
    /// Length of the temporary tuple, 0 when there is none.
    pub tuple_len: usize,
}

/// Queued work, innermost last.
#[derive(Clone, Debug)]
pub(crate) enum Task {
    /// The caller is running an action; nothing below may proceed until it finishes.
    Barrier,
    /// Start tracking an object allocated while a collection was due.
    Track(ObjId),
    /// An object whose count reached zero.
    Dealloc {
        obj: ObjId,
        stage: Stage,
        trashcan: bool,
    },
    /// Pop and apply this many ops from the shared op stack.
    Release { remaining: usize },
    /// Weak reference callbacks to run.
    Callbacks(Box<CallbackBatch>),
    /// Deallocations the trashcan postponed.
    DestroyChain { started: bool },
    /// A collection.
    Collect(Box<Collection>),
}

impl Task {
    pub(crate) fn dealloc(obj: ObjId) -> Task {
        Task::Dealloc {
            obj,
            stage: Stage::Begin,
            trashcan: false,
        }
    }
}

/// CPython's `_PyTrash_UNWIND_LEVEL`.
pub(crate) const TRASHCAN_DEPTH: u32 = 50;

pub(crate) enum Flow {
    Continue,
    Yield(Action),
    Idle,
}

impl Heap {
    /// Carries out queued work until Python code must run or nothing is left.
    pub fn run(&mut self) -> Option<Action> {
        loop {
            match self.step_top(false) {
                Flow::Continue => {}
                Flow::Yield(action) => return Some(action),
                Flow::Idle => return None,
            }
        }
    }

    /// Does the smallest unit of queued work: one release, one deallocation stage, one
    /// object of a collection phase. This is what the viewer steps through.
    pub fn step(&mut self) -> Step {
        match self.step_top(true) {
            Flow::Continue => Step::Progress,
            Flow::Yield(action) => Step::Action(action),
            Flow::Idle => Step::Idle,
        }
    }

    /// Whether work is queued that [`Heap::run`] would do now.
    #[inline]
    pub fn has_work(&self) -> bool {
        !matches!(self.work.last(), None | Some(Task::Barrier))
    }

    /// Tells the heap the last action it handed out has been carried out.
    pub fn finish_action(&mut self) {
        match self.work.pop() {
            Some(Task::Barrier) => {}
            other => panic!("finish_action without a running action (top task: {other:?})"),
        }
    }

    /// Runs queued work to the end, servicing each action with `service`, which may itself
    /// use the heap (nested deaths are handled before the outer work resumes).
    pub fn drive(&mut self, service: &mut dyn FnMut(&mut Heap, Action)) {
        while let Some(action) = self.run() {
            service(self, action);
            self.finish_action();
        }
    }

    fn yield_action(&mut self, action: Action) -> Flow {
        self.work.push(Task::Barrier);
        Flow::Yield(action)
    }

    pub(crate) fn step_top(&mut self, fine: bool) -> Flow {
        if let Some(&Task::Dealloc {
            obj,
            stage: Stage::Begin,
            ..
        }) = self.work.last()
        {
            if !fine && self.dies_plainly(obj) {
                self.work.pop();
                let n = self.plain_death(obj);
                // Its ops join the release under way, if that is what comes next.
                match self.work.last_mut() {
                    Some(Task::Release { remaining }) => *remaining += n,
                    _ => self.queue_stacked(self.ops.len() - n),
                }
                return Flow::Continue;
            }
        }
        let Some(top) = self.work.last_mut() else {
            return Flow::Idle;
        };
        match top {
            Task::Barrier => Flow::Idle,
            Task::Track(id) => {
                let id = *id;
                self.work.pop();
                if self.is_alive(id) {
                    self.track(id);
                }
                Flow::Continue
            }
            Task::Release { .. } if !fine => {
                self.run_release();
                Flow::Continue
            }
            Task::Release { .. } => {
                // Stepping: one op.
                if self.release_turn() {
                    let op = self.ops.pop().expect("queued op");
                    self.apply(op);
                }
                Flow::Continue
            }
            Task::Dealloc { obj, .. } => {
                // Go through the stages that need no Python code in one step when running.
                let (obj, depth) = (*obj, self.work.len());
                loop {
                    let flow = self.step_dealloc();
                    let same = self.work.len() == depth
                        && matches!(self.work.last(), Some(Task::Dealloc { obj: o, .. }) if *o == obj);
                    if fine || !same || !matches!(flow, Flow::Continue) {
                        return flow;
                    }
                }
            }
            Task::Callbacks(_) => self.step_callbacks(),
            Task::DestroyChain { started } => {
                if !*started {
                    *started = true;
                    self.trash_nesting += 1;
                }
                match self.trash_later.pop() {
                    Some(obj) => self.work.push(Task::dealloc(obj)),
                    None => {
                        self.trash_nesting -= 1;
                        self.work.pop();
                    }
                }
                Flow::Continue
            }
            Task::Collect(_) => self.step_collection(fine),
        }
    }

    pub(crate) fn apply(&mut self, op: Op) {
        match op {
            Op::Decref(id, cause) => self.decref(id, cause),
            Op::DropHold(id, cause) => {
                self.release_hold(id);
                self.decref(id, cause);
            }
            Op::Free(id, len) => {
                if let Some(class) = self.free_instance_or_object(id, len) {
                    self.decref(class, Cause::ReleasedBy(id));
                }
            }
            Op::Unlink(wr) => self.clear_weakref(wr),
            Op::EndTrash => self.end_trash(),
        }
    }

    pub(crate) fn release_hold(&mut self, id: ObjId) {
        if let Some(pos) = self.holds.iter().rposition(|&h| h == id) {
            self.holds.swap_remove(pos);
        }
    }

    /// Queues ops (given in the order they must happen) and a task that applies them.
    pub(crate) fn queue_ops(&mut self, start: usize) {
        self.ops[start..].reverse();
        self.queue_stacked(start);
    }

    /// Queues a task that applies the ops pushed since `start`, the last pushed first.
    pub(crate) fn queue_stacked(&mut self, start: usize) {
        let n = self.ops.len() - start;
        if n > 0 {
            self.work.push(Task::Release { remaining: n });
        }
    }

    /// Whether the object has a finalizer: its class defines `__del__`, or it has one of
    /// its own.
    pub(crate) fn has_finalizer(&self, id: ObjId) -> bool {
        self.has_flag(id, HAS_FINALIZER)
    }

    pub(crate) fn is_finalized(&self, id: ObjId) -> bool {
        self.lists.nodes[Self::node_of(id) as usize].flags & FINALIZED != 0
    }

    pub(crate) fn set_finalized(&mut self, id: ObjId) {
        if self.kind(id).is_container() {
            self.lists.nodes[Self::node_of(id) as usize].flags |= FINALIZED;
        }
    }

    fn set_stage(&mut self, stage: Stage) {
        if let Some(Task::Dealloc { stage: s, .. }) = self.work.last_mut() {
            *s = stage;
        }
    }

    fn step_dealloc(&mut self) -> Flow {
        let Some(&Task::Dealloc {
            obj,
            stage,
            trashcan,
        }) = self.work.last()
        else {
            unreachable!("step_dealloc on another task")
        };
        let pep442 = self.version.has_pep442();
        match stage {
            Stage::Begin => {
                self.untrack(obj);
                let kind = self.kind(obj);
                if kind.uses_trashcan() {
                    if self.trash_nesting >= TRASHCAN_DEPTH {
                        self.work.pop();
                        self.trash_later.push(obj);
                        self.trace.record(|| Event::Postponed { obj });
                        return Flow::Continue;
                    }
                    self.trash_nesting += 1;
                    if let Some(Task::Dealloc { trashcan, .. }) = self.work.last_mut() {
                        *trashcan = true;
                    }
                }
                if pep442 && self.has_finalizer(obj) && !self.is_finalized(obj) {
                    self.set_stage(Stage::AfterFinalizer);
                    return self.start_finalizer_at_death(obj);
                }
                self.set_stage(Stage::ClearWeakrefs);
                Flow::Continue
            }
            Stage::AfterFinalizer | Stage::AfterLegacyFinalizer => {
                self.release_hold(obj);
                let slot = self.slot_mut(obj);
                slot.refcnt -= 1;
                let count = slot.refcnt;
                self.trace.record(|| Event::Decref {
                    obj,
                    cause: Cause::HeldForFinalizer,
                    count,
                });
                if count > 0 {
                    self.trace.record(|| Event::Resurrected { obj });
                    self.set_stage(Stage::End);
                    return Flow::Continue;
                }
                self.untrack(obj);
                if stage == Stage::AfterFinalizer {
                    self.set_stage(Stage::ClearWeakrefs);
                } else {
                    // Weak references made by `__del__` are cleared without callbacks.
                    for wr in self.weaklists.remove(&obj.index()).unwrap_or_default() {
                        self.clear_weakref(wr);
                    }
                    self.set_flag(obj, HAS_WEAKREFS, false);
                    self.set_stage(Stage::Contents);
                }
                Flow::Continue
            }
            Stage::ClearWeakrefs => {
                self.set_stage(if pep442 {
                    Stage::Contents
                } else {
                    Stage::LegacyFinalizer
                });
                if self.has_flag(obj, HAS_WEAKREFS) {
                    if let Some(batch) = self.clear_weakrefs_at_death(obj) {
                        self.work.push(Task::Callbacks(Box::new(batch)));
                    }
                }
                Flow::Continue
            }
            Stage::LegacyFinalizer => {
                if self.has_finalizer(obj) {
                    self.set_stage(Stage::AfterLegacyFinalizer);
                    return self.start_finalizer_at_death(obj);
                }
                self.set_stage(Stage::Contents);
                Flow::Continue
            }
            Stage::Contents => {
                self.set_stage(Stage::End);
                let start = self.ops.len();
                self.release_sequence(obj);
                self.queue_stacked(start);
                Flow::Continue
            }
            Stage::End => {
                self.work.pop();
                if trashcan {
                    self.end_trash();
                }
                Flow::Continue
            }
        }
    }

    /// Temporarily resurrects a dying object and asks for its `__del__`.
    fn start_finalizer_at_death(&mut self, obj: ObjId) -> Flow {
        if self.kind(obj).is_container() {
            self.track(obj);
        }
        if self.version.has_pep442() {
            self.set_finalized(obj);
        }
        let slot = self.slot_mut(obj);
        slot.refcnt = 1;
        self.holds.push(obj);
        self.trace.record(|| Event::Incref {
            obj,
            cause: Cause::HeldForFinalizer,
            count: 1,
        });
        self.trace.record(|| Event::FinalizerQueued { obj });
        self.yield_action(Action::Finalize { obj })
    }

    /// Pushes, last first, the ops that release everything a dying object holds and free it.
    pub(crate) fn release_sequence(&mut self, obj: ObjId) {
        let Heap { slots, ops, .. } = self;
        let body = &mut slots[obj.index() as usize].body;
        let len = match &*body {
            Body::Tuple(items) => items.len() as u32,
            _ => 0,
        };
        // An instance's class is released after its memory (`subtype_dealloc`).
        ops.push(Op::Free(obj, len));
        push_owned(ops, obj, body, true);
    }

    fn step_callbacks(&mut self) -> Flow {
        let Some(Task::Callbacks(batch)) = self.work.last_mut() else {
            unreachable!("step_callbacks on another task")
        };
        if let Some(&(weakref, callback)) = batch.calls.get(batch.next) {
            batch.next += 1;
            return self.yield_action(Action::Callback { weakref, callback });
        }
        let Some(Task::Callbacks(batch)) = self.work.pop() else {
            unreachable!()
        };
        // The temporary tuple dies: its items go from last to first.
        let start = self.ops.len();
        for &held in &batch.held {
            self.ops.push(Op::DropHold(held, Cause::HeldForCallback));
        }
        self.queue_stacked(start);
        if batch.tuple_len > 0 {
            self.gc.count_container_free(Kind::Tuple, batch.tuple_len);
        }
        Flow::Continue
    }
}
