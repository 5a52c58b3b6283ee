//! What the property tests observe: the invariant checker and the settled state between
//! operations, reachability computed independently of the heap, the observations of
//! properties 2 to 4 around operations and full collections, and the comparison of traces.

use std::collections::HashSet;

use weaklink_heap::{
    render, Action, Body, Event, GcList, Heap, Kind, ObjId, PythonVersion, WeakRef,
};

use super::env::Env;
use super::world::World;
use super::Op;

/// The invariant checker, plus: every weak reference names a live object or nothing.
pub fn check(heap: &Heap, env: &Env, when: &str) {
    if let Err(violations) = heap.check(&env.held()) {
        panic!("invariants broken {when}: {violations:?}");
    }
    for wr in heap.objects() {
        if let Some(target) = heap.body(wr).weakref().and_then(|w| w.referent) {
            assert!(
                heap.is_alive(target),
                "{when}: weak reference {wr} names freed {target}"
            );
        }
    }
}

/// Between operations, once all queued work has run: no work, collection or hold is left;
/// the memory accounts add up; every container holding something the collector may track
/// is tracked itself (else a cycle through it would never be found), on a generation's
/// list or the permanent one; `gc.garbage` stays empty unless legacy finalizers or
/// `DEBUG_SAVEALL` put something there.
pub fn check_settled(heap: &Heap, garbage_may_fill: bool, when: &str) {
    assert!(!heap.has_work(), "{when}: work left");
    assert!(heap.collection().is_none(), "{when}: a collection left");
    assert!(!heap.gc().collecting, "{when}: still collecting");
    assert!(
        heap.holds().is_empty(),
        "{when}: holds left {:?}",
        heap.holds()
    );
    let live: Vec<ObjId> = heap.objects().collect();
    let memory = heap.memory();
    assert_eq!(memory.objects, live.len(), "{when}: objects counted");
    let total: usize = live.iter().map(|&o| heap.size_of(o)).sum();
    assert_eq!(memory.total, total, "{when}: bytes counted");
    for kind in Kind::ALL {
        let bytes: usize = live
            .iter()
            .filter(|&&o| heap.kind(o) == kind)
            .map(|&o| heap.size_of(o))
            .sum();
        assert_eq!(memory.bytes_of(kind), bytes, "{when}: bytes of {kind:?}");
    }
    for &obj in &live {
        let mut holds_trackable = false;
        heap.body(obj)
            .traverse(&mut |r| holds_trackable |= heap.may_be_tracked(r));
        match heap.gc_list(obj) {
            GcList::Generation(_) | GcList::Permanent => {}
            GcList::Untracked => assert!(
                !holds_trackable,
                "{when}: untracked {obj} ({}) holds a container",
                heap.type_name(obj)
            ),
            other => panic!("{when}: {obj} left on the {other} list"),
        }
    }
    if !garbage_may_fill {
        assert!(
            heap.list_items(heap.garbage()).is_empty(),
            "{when}: gc.garbage filled without legacy finalizers"
        );
    }
}

/// Everything reachable from `start` through strong references: what `Body::traverse`
/// visits, and the `str` keys of dicts it skips as CPython's `dict_traverse` does (they are
/// strong references all the same: `Body::owned_refs`).
fn reachable(heap: &Heap, start: impl IntoIterator<Item = ObjId>) -> HashSet<ObjId> {
    walk(heap, start.into_iter().collect(), &|_| true)
}

/// Like [`reachable`], but the callback of a weak reference whose referent lives counts only
/// once that referent is found reachable: the referent's death takes the callback from the
/// weak reference.
fn surely_reachable(heap: &Heap, start: Vec<ObjId>) -> HashSet<ObjId> {
    let mut known = HashSet::new();
    loop {
        let found = walk(heap, start.clone(), &|w| {
            w.referent.is_none_or(|r| known.contains(&r))
        });
        if found.len() == known.len() {
            return found;
        }
        known = found;
    }
}

/// The objects reachable from `stack`, following a weak reference's callback only where
/// `callback_held` says so.
fn walk(
    heap: &Heap,
    mut stack: Vec<ObjId>,
    callback_held: &dyn Fn(&WeakRef) -> bool,
) -> HashSet<ObjId> {
    let mut seen = HashSet::new();
    while let Some(obj) = stack.pop() {
        let Some(body) = heap.try_body(obj) else {
            continue;
        };
        if !seen.insert(obj) {
            continue;
        }
        match body {
            Body::WeakRef(w) if !callback_held(w) => {}
            _ => body.owned_refs(&mut |r| stack.push(r)),
        }
    }
    seen
}

/// What a program can see of the heap after an operation: each live object's count, list
/// and weak referent, the collector's counters and statistics, memory and `gc.garbage`.
pub fn observe(heap: &Heap) -> String {
    let objects: Vec<_> = heap
        .objects()
        .map(|o| {
            let referent = heap.body(o).weakref().map(|w| w.referent);
            (o, heap.refcount(o), heap.gc_list(o), referent)
        })
        .collect();
    let gc = heap.gc();
    format!(
        "{objects:?} counts {:?} stats {:?} last {:?} memory {:?} garbage {:?}",
        gc.counts(),
        gc.stats,
        gc.last_result,
        heap.memory(),
        heap.list_items(heap.garbage()),
    )
}

/// Panics at the first observation where two runs differ, showing those around it.
pub fn assert_same_seen(reference: &[String], other: &[String]) {
    let Some(at) =
        (0..reference.len().max(other.len())).find(|&i| reference.get(i) != other.get(i))
    else {
        return;
    };
    let window = |seen: &[String]| seen[at.saturating_sub(2)..(at + 2).min(seen.len())].join("\n");
    panic!(
        "runs part at observation {at}\nreference:\n{}\nother:\n{}",
        window(reference),
        window(other)
    );
}

/// Panics at the first event where two traces differ, showing the events around it.
pub fn assert_same_events(stepped: &[Event], driven: &[Event]) {
    let Some(at) = (0..stepped.len().max(driven.len())).find(|&i| stepped.get(i) != driven.get(i))
    else {
        return;
    };
    let window =
        |events: &[Event]| render(&events[at.saturating_sub(8)..(at + 4).min(events.len())]);
    panic!(
        "traces part at event {at}\nstepped:\n{}driven:\n{}",
        window(stepped),
        window(driven)
    );
}

impl World {
    /// Property 4: an operation that removes no reference itself frees nothing reachable,
    /// in the heap as it was before the operation, from the references still held (a weak
    /// reference's callback is let go when its referent dies: it protects nothing unless
    /// that referent is protected too).
    pub fn reachable_survived(&mut self, before: &Heap, mut held: Vec<ObjId>, op: &Op) {
        for d in &self.env.dropped {
            if let Some(pos) = held.iter().position(|h| h == d) {
                held.swap_remove(pos);
            }
        }
        self.env.tally.bump("survival checks", 1);
        for obj in surely_reachable(before, held) {
            assert!(
                self.heap.is_alive(obj),
                "{op:?} freed {obj}, reachable from references still held"
            );
        }
    }

    /// Everything the program and the heap keep alive by right: the references held, the
    /// heap's own holds, `gc.garbage`, static objects and frozen ones.
    fn anchors(&self) -> Vec<ObjId> {
        let mut anchors = self.env.held();
        anchors.extend(self.heap.holds());
        anchors.push(self.heap.garbage());
        anchors.extend(&self.statics);
        anchors.extend(self.frozen());
        anchors
    }

    /// `gc.collect()`, with the observations of properties 2 and 3 around it.
    pub fn full_collection(&mut self) {
        let pep442 = self.heap.version().has_pep442();
        let doomed_weakrefs: Vec<ObjId> = if self.props.weakrefs_cleared && pep442 {
            let live = reachable(&self.heap, self.anchors());
            self.heap
                .objects()
                .filter(|&wr| {
                    self.heap
                        .body(wr)
                        .weakref()
                        .and_then(|w| w.referent)
                        .is_some_and(|t| !live.contains(&t))
                })
                .collect()
        } else {
            Vec::new()
        };
        self.env.disturbed = false;
        let frozen = self.frozen();
        self.heap.collect(2);
        self.settle();
        // Property 3: weak references to objects that were unreachable are dead now, even
        // if a `__del__` brought its object back.
        self.env
            .tally
            .bump("weak references to garbage", doomed_weakrefs.len());
        for wr in doomed_weakrefs {
            if self.heap.is_alive(wr) {
                assert_eq!(
                    self.heap.weakref_target(wr),
                    None,
                    "weak reference {wr} to an unreachable object survived a full collection"
                );
            }
        }
        if self.props.exact_after_full && self.heap.version() == PythonVersion::V3_11 {
            // A frozen object that only garbage held dies when the collector clears that
            // garbage, and what it alone held becomes garbage too late for this collection.
            let frozen_died = frozen.iter().any(|&f| !self.heap.is_alive(f));
            if !self.env.disturbed && !frozen_died {
                self.assert_exactly_reachable("after a full collection");
            }
            // Collections whose Python code does nothing settle what the first one's
            // reactions left behind, each peeling one layer of frozen objects.
            loop {
                let frozen = self.frozen();
                let mut quiet = |h: &mut Heap, a: Action| {
                    if let Err(v) = h.check(&self.env.held()) {
                        panic!("invariants broken on {a:?}: {v:?}");
                    }
                };
                self.heap.collect_now(2, &mut quiet);
                check(&self.heap, &self.env, "after a quiet full collection");
                if frozen.iter().all(|&f| self.heap.is_alive(f)) {
                    break;
                }
            }
            self.assert_exactly_reachable("after a quiet full collection");
        }
    }

    /// The objects in the permanent generation (`gc.freeze()`).
    fn frozen(&self) -> Vec<ObjId> {
        self.heap
            .objects()
            .filter(|&o| self.heap.gc_list(o) == GcList::Permanent)
            .collect()
    }

    /// Property 2's observation: the live objects are exactly the reachable ones.
    fn assert_exactly_reachable(&mut self, when: &str) {
        self.env.tally.bump("exact reachability checks", 1);
        let expected = reachable(&self.heap, self.anchors());
        let live: HashSet<ObjId> = self.heap.objects().collect();
        let mut leaked: Vec<_> = live.difference(&expected).collect();
        leaked.sort();
        assert!(
            leaked.is_empty(),
            "{when}: unreachable yet alive: {leaked:?}"
        );
        if let Err(v) = self.heap.check_nothing_unreachable(&self.env.held()) {
            panic!("{when}: check_nothing_unreachable: {v:?}");
        }
    }
}
