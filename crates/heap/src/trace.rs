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
    /// The events so far.
    pub events: Vec<Event>,
}

impl Trace {
    #[inline]
    pub(crate) fn record(&mut self, event: impl FnOnce() -> Event) {
        if self.enabled {
            self.events.push(event());
        }
    }
}
