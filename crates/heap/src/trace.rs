//! The record of everything the heap does, for a viewer to replay step by step.

use crate::body::Kind;
use crate::id::ObjId;

/// Why a reference count changed.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A name was bound to the object.
    NameBound,
    /// A name bound to the object was deleted or rebound.
    NameUnbound,
    /// The object was stored in a container or attribute of the given object.
    StoredIn(ObjId),
    /// The object was taken out of the given container or attribute holder.
    RemovedFrom(ObjId),
    /// The object was passed as an argument.
    Argument,
    /// The object was returned from a call.
    Returned,
    /// The object was pushed on a value stack.
    StackPush,
    /// The object was popped from a value stack.
    StackPop,
    /// The given object, which held this one, was freed.
    ReleasedBy(ObjId),
    /// The collector cleared the given object (`tp_clear`) to break a cycle.
    ClearedBy(ObjId),
    /// The collector holds the object while a finalizer or callback may run.
    HeldByCollector,
    /// The object is kept alive while its `__del__` runs.
    HeldForFinalizer,
    /// A weak reference or callback is kept alive while the callback runs.
    HeldForCallback,
    /// The object was appended to `gc.garbage`.
    Garbage,
    /// Any other reason.
    Other,
}

/// A collector phase, in the order CPython 3.11's `gc_collect_main` runs them.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// `gc.callbacks` are told a collection starts; counters are updated.
    Start,
    /// Younger generations are merged into the one being collected.
    MergeYounger,
    /// `update_refs`: each object's gc_refs starts at its reference count.
    UpdateRefs,
    /// `subtract_refs`: references from inside the generation are subtracted.
    SubtractRefs,
    /// `move_unreachable`: objects with gc_refs 0 are tentatively unreachable until something
    /// reachable is found to point at them.
    MoveUnreachable,
    /// Tuples holding only untracked objects stop being tracked.
    UntrackTuples,
    /// Survivors move to the next older generation.
    PromoteSurvivors,
    /// Objects with a legacy finalizer, and what they reach, are set aside as uncollectable.
    MoveLegacyFinalizers,
    /// Weak references to unreachable objects are cleared.
    HandleWeakrefs,
    /// Callbacks of cleared weak references that are themselves reachable run.
    RunCallbacks,
    /// `__del__` (PEP 442 finalizers) run, once per object.
    Finalize,
    /// Objects a finalizer made reachable again are spared.
    CheckResurrected,
    /// `tp_clear` breaks the remaining cycles; reference counting frees the objects.
    DeleteGarbage,
    /// Uncollectable objects go to `gc.garbage`.
    SaveUncollectable,
    /// `gc.callbacks` are told the result.
    Finish,
}

/// Which list a tracked object is on, as the collector sees it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum GcList {
    /// Not tracked by the collector.
    Untracked,
    /// A generation, 0 (youngest) to 2.
    Generation(u8),
    /// Frozen by `gc.freeze()`.
    Permanent,
    /// Tentatively or definitely unreachable in the running collection.
    Unreachable,
    /// Unreachable but uncollectable (legacy finalizers and what they reach).
    Uncollectable,
    /// A reachable weak reference whose callback is due.
    CallbacksDue,
    /// Unreachable, finalizer already considered.
    Finalized,
    /// Still unreachable after finalizers ran: about to be cleared.
    StillUnreachable,
}

/// One event on the heap.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// An object was allocated with reference count 1.
    Alloc {
        /// The new object.
        obj: ObjId,
        /// Its kind.
        kind: Kind,
        /// Its size in bytes.
        size: usize,
    },
    /// A reference count went up.
    Incref {
        /// The object.
        obj: ObjId,
        /// Why.
        cause: Cause,
        /// The count afterwards.
        count: i64,
    },
    /// A reference count went down.
    Decref {
        /// The object.
        obj: ObjId,
        /// Why.
        cause: Cause,
        /// The count afterwards.
        count: i64,
    },
    /// An object's memory was released.
    Free {
        /// The object (its handle is stale from now on).
        obj: ObjId,
        /// What it was.
        kind: Kind,
    },
    /// The collector started or stopped tracking an object.
    Tracked {
        /// The object.
        obj: ObjId,
        /// Tracked from now on, or not.
        tracked: bool,
    },
    /// A deallocation nested too deep was postponed (CPython's trashcan).
    Postponed {
        /// The object whose deallocation waits.
        obj: ObjId,
    },
    /// `__del__` is due.
    FinalizerQueued {
        /// The object whose `__del__` runs.
        obj: ObjId,
    },
    /// An object's `__del__` stored a new reference to it: it lives on.
    Resurrected {
        /// The object.
        obj: ObjId,
    },
    /// A weak reference was cleared: it now returns `None`.
    WeakrefCleared {
        /// The weak reference.
        weakref: ObjId,
        /// What it referred to.
        referent: ObjId,
    },
    /// A weak reference callback is due.
    CallbackQueued {
        /// The weak reference passed to the callback.
        weakref: ObjId,
        /// The callback.
        callback: ObjId,
    },
    /// A collection began.
    CollectionStarted {
        /// The oldest generation collected.
        generation: u8,
        /// Started by the allocation thresholds rather than `gc.collect()`.
        automatic: bool,
    },
    /// The collector entered a phase.
    PhaseEntered {
        /// The phase.
        phase: Phase,
    },
    /// The collector set an object's gc_refs.
    GcRefs {
        /// The object.
        obj: ObjId,
        /// The new value.
        gc_refs: i64,
    },
    /// The collector moved an object to another list.
    Moved {
        /// The object.
        obj: ObjId,
        /// Where it went.
        to: GcList,
    },
    /// An object was appended to `gc.garbage`.
    Garbage {
        /// The object.
        obj: ObjId,
    },
    /// A collection ended.
    CollectionFinished {
        /// The number `gc.collect()` returns for it.
        collected: usize,
        /// How many of them were uncollectable.
        uncollectable: usize,
    },
}

/// The event log. Recording is off by default; when off, the heap only tests one flag.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// Whether events are recorded.
    pub enabled: bool,
    /// Record only what the collector does (phases, gc_refs, lists, starts and ends of
    /// collections), not every reference count change.
    pub collector_only: bool,
    /// Stop recording once this many events are kept (0: no limit), so a long run cannot
    /// fill memory with its trace.
    pub max_events: usize,
    /// The events so far.
    pub events: Vec<Event>,
}

impl Trace {
    #[inline]
    pub(crate) fn record(&mut self, event: impl FnOnce() -> Event) {
        if self.enabled && (self.max_events == 0 || self.events.len() < self.max_events) {
            let event = event();
            if !self.collector_only || event.is_collector() {
                self.events.push(event);
            }
        }
    }
}

impl crate::heap::Heap {
    /// The event log.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// Turns event recording on or off.
    pub fn set_tracing(&mut self, on: bool) {
        self.trace.enabled = on;
    }

    /// Records only the collector's own events (see [`Trace::collector_only`]), or all.
    pub fn set_tracing_collector_only(&mut self, only: bool) {
        self.trace.collector_only = only;
    }

    /// Keeps at most `max` events (see [`Trace::max_events`]).
    pub fn set_trace_limit(&mut self, max: usize) {
        self.trace.max_events = max;
    }

    /// Takes the events recorded so far.
    pub fn take_events(&mut self) -> Vec<crate::trace::Event> {
        std::mem::take(&mut self.trace.events)
    }
}

impl Event {
    /// Whether the event is one of a collection's own (a phase, gc_refs, a move between
    /// lists, a start or an end).
    pub fn is_collector(&self) -> bool {
        matches!(
            self,
            Event::CollectionStarted { .. }
                | Event::PhaseEntered { .. }
                | Event::GcRefs { .. }
                | Event::Moved { .. }
                | Event::CollectionFinished { .. }
        )
    }
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cause::NameBound => write!(f, "name bound"),
            Cause::NameUnbound => write!(f, "name unbound"),
            Cause::StoredIn(o) => write!(f, "stored in {o}"),
            Cause::RemovedFrom(o) => write!(f, "removed from {o}"),
            Cause::Argument => write!(f, "argument"),
            Cause::Returned => write!(f, "returned"),
            Cause::StackPush => write!(f, "pushed on the stack"),
            Cause::StackPop => write!(f, "popped from the stack"),
            Cause::ReleasedBy(o) => write!(f, "released by dying {o}"),
            Cause::ClearedBy(o) => write!(f, "collector cleared {o}"),
            Cause::HeldByCollector => write!(f, "held by the collector"),
            Cause::HeldForFinalizer => write!(f, "held for __del__"),
            Cause::HeldForCallback => write!(f, "held for a callback"),
            Cause::Garbage => write!(f, "appended to gc.garbage"),
            Cause::Other => write!(f, "other"),
        }
    }
}

impl Phase {
    /// The name CPython's gcmodule.c gives the phase's function.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Start => "start",
            Phase::MergeYounger => "merge younger generations",
            Phase::UpdateRefs => "update_refs",
            Phase::SubtractRefs => "subtract_refs",
            Phase::MoveUnreachable => "move_unreachable",
            Phase::UntrackTuples => "untrack_tuples",
            Phase::PromoteSurvivors => "promote survivors",
            Phase::MoveLegacyFinalizers => "move_legacy_finalizers",
            Phase::HandleWeakrefs => "handle_weakrefs",
            Phase::RunCallbacks => "weakref callbacks",
            Phase::Finalize => "finalize_garbage",
            Phase::CheckResurrected => "handle_resurrected_objects",
            Phase::DeleteGarbage => "delete_garbage",
            Phase::SaveUncollectable => "handle_legacy_finalizers",
            Phase::Finish => "finish",
        }
    }
}

impl std::fmt::Display for GcList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GcList::Untracked => write!(f, "untracked"),
            GcList::Generation(g) => write!(f, "generation {g}"),
            GcList::Permanent => write!(f, "permanent generation"),
            GcList::Unreachable => write!(f, "unreachable"),
            GcList::Uncollectable => write!(f, "uncollectable"),
            GcList::CallbacksDue => write!(f, "callbacks due"),
            GcList::Finalized => write!(f, "finalizer considered"),
            GcList::StillUnreachable => write!(f, "still unreachable"),
        }
    }
}

impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Event::Alloc { obj, kind, size } => {
                write!(f, "alloc {obj} {} ({size} bytes)", kind.type_name())
            }
            Event::Incref { obj, cause, count } => write!(f, "incref {obj} -> {count} ({cause})"),
            Event::Decref { obj, cause, count } => write!(f, "decref {obj} -> {count} ({cause})"),
            Event::Free { obj, kind } => write!(f, "free {obj} {}", kind.type_name()),
            Event::Tracked { obj, tracked } => {
                write!(f, "{} {obj}", if *tracked { "track" } else { "untrack" })
            }
            Event::Postponed { obj } => write!(f, "postpone freeing {obj} (trashcan)"),
            Event::FinalizerQueued { obj } => write!(f, "call {obj}.__del__()"),
            Event::Resurrected { obj } => write!(f, "{obj} resurrected"),
            Event::WeakrefCleared { weakref, referent } => {
                write!(f, "clear weakref {weakref} to {referent}")
            }
            Event::CallbackQueued { weakref, callback } => {
                write!(f, "callback {callback}({weakref}) due")
            }
            Event::CollectionStarted {
                generation,
                automatic,
            } => write!(
                f,
                "{} collection of generation {generation}",
                if *automatic { "automatic" } else { "explicit" }
            ),
            Event::PhaseEntered { phase } => write!(f, "phase {}", phase.name()),
            Event::GcRefs { obj, gc_refs } => write!(f, "gc_refs {obj} = {gc_refs}"),
            Event::Moved { obj, to } => write!(f, "move {obj} to {to}"),
            Event::Garbage { obj } => write!(f, "append {obj} to gc.garbage"),
            Event::CollectionFinished {
                collected,
                uncollectable,
            } => write!(
                f,
                "collection done: {collected} unreachable, {uncollectable} uncollectable"
            ),
        }
    }
}

/// Renders events one per line, for snapshots and the text viewer.
pub fn render(events: &[Event]) -> String {
    events.iter().map(|e| format!("{e}\n")).collect()
}
