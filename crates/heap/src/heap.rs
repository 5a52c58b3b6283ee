//! The heap: object slots, reference counts, tracking and memory accounting.

use std::num::NonZeroU32;

use crate::body::{Body, Class, Kind};
use crate::fasthash::FastMap;
use crate::gcstate::GcState;
use crate::id::ObjId;
use crate::lists::{Lists, HAS_FINALIZER, HEADS, IS_WEAKREF};
use crate::machine::{Op, Task};
use crate::names::Names;
use crate::size::size_of;
use crate::trace::{Cause, Event, Trace};
use crate::version::{PythonVersion, IMMORTAL_REFCOUNT, STATIC_BASE};

const ALIVE: u8 = 1;
const STATIC: u8 = 2;
pub(crate) const IMMORTAL: u8 = 4;

/// One object's storage.
#[derive(Clone, Debug)]
pub(crate) struct Slot {
    pub generation: NonZeroU32,
    pub refcnt: i64,
    pub flags: u8,
    /// The body's kind, which never changes while the object lives.
    pub kind: Kind,
    pub size: u32,
    pub body: Body,
}

impl Slot {
    /// Whether an object lives in this slot.
    #[inline]
    pub(crate) fn is_alive(&self) -> bool {
        self.flags & ALIVE != 0
    }
}

/// Bytes live per kind and in total, kept up to date on every allocation, resize and free.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Memory {
    by_kind: [usize; Kind::ALL.len()],
    /// Bytes of all live objects.
    pub total: usize,
    /// Live objects.
    pub objects: usize,
}

impl Memory {
    /// Bytes held by live objects of a kind.
    pub fn bytes_of(&self, kind: Kind) -> usize {
        self.by_kind[kind as usize]
    }

    fn add(&mut self, kind: Kind, bytes: usize) {
        self.by_kind[kind as usize] += bytes;
        self.total += bytes;
    }

    fn sub(&mut self, kind: Kind, bytes: usize) {
        self.by_kind[kind as usize] -= bytes;
        self.total -= bytes;
    }
}

/// Why a weak reference could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WeakrefError {
    /// `TypeError: cannot create weak reference to 'list' object`.
    NotWeakrefable {
        /// The referent's type name.
        type_name: String,
    },
}

impl std::fmt::Display for WeakrefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WeakrefError::NotWeakrefable { type_name } => {
                write!(f, "cannot create weak reference to '{type_name}' object")
            }
        }
    }
}

impl std::error::Error for WeakrefError {}

/// The simulated CPython heap.
///
/// Reference-count changes, allocations and collections that may free objects only queue
/// work; [`Heap::run`] carries it out and stops whenever Python code must run (a `__del__`,
/// a weak reference callback, `gc.callbacks`), handing back an [`crate::Action`]. After
/// servicing it the caller calls [`Heap::finish_action`] and runs the heap again.
#[derive(Clone, Debug)]
pub struct Heap {
    pub(crate) slots: Vec<Slot>,
    free_slots: Vec<u32>,
    pub(crate) lists: Lists,
    pub(crate) gc: GcState,
    pub(crate) work: Vec<Task>,
    pub(crate) ops: Vec<Op>,
    pub(crate) holds: Vec<ObjId>,
    pub(crate) weaklists: FastMap<u32, Vec<ObjId>>,
    /// Each class's shared table of inline attribute names.
    pub(crate) class_keys: FastMap<ObjId, crate::shared_keys::SharedKeys>,
    pub(crate) trash_later: Vec<ObjId>,
    pub(crate) trash_nesting: u32,
    pub(crate) trace: Trace,
    pub(crate) memory: Memory,
    pub(crate) version: PythonVersion,
    /// Interned names (attributes, classes).
    pub names: Names,
    garbage: ObjId,
    /// A buffer [`Heap::alloc`] lists a new object's referents in (kept to save allocating).
    referents: Vec<ObjId>,
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new(PythonVersion::default())
    }
}

impl Heap {
    /// An empty heap following the given CPython's rules. It holds one object already: the
    /// `gc.garbage` list, owned by the heap itself.
    pub fn new(version: PythonVersion) -> Self {
        let mut heap = Heap {
            slots: Vec::new(),
            free_slots: Vec::new(),
            lists: Lists::new(),
            gc: GcState::default(),
            work: Vec::new(),
            ops: Vec::new(),
            holds: Vec::new(),
            weaklists: FastMap::default(),
            class_keys: FastMap::default(),
            trash_later: Vec::new(),
            trash_nesting: 0,
            trace: Trace::default(),
            memory: Memory::default(),
            version,
            names: Names::default(),
            garbage: ObjId::new(0, NonZeroU32::MIN),
            referents: Vec::new(),
        };
        // `gc.garbage` was made when the interpreter started: long since in the oldest
        // generation. The heap's own reference to it stands for the `gc` module's.
        heap.garbage = heap.alloc(Body::list());
        heap.lists
            .move_to(Self::node_of(heap.garbage), crate::lists::GEN2);
        heap.gc.generations[0].count = 0;
        heap
    }

    /// The CPython version whose rules apply.
    pub fn version(&self) -> PythonVersion {
        self.version
    }

    /// The `gc.garbage` list.
    pub fn garbage(&self) -> ObjId {
        self.garbage
    }

    // ----- slots -----

    #[inline]
    pub(crate) fn slot(&self, id: ObjId) -> &Slot {
        let slot = &self.slots[id.index() as usize];
        if slot.generation.get() != id.generation() || slot.flags & ALIVE == 0 {
            stale_handle(id);
        }
        slot
    }

    #[inline]
    pub(crate) fn slot_mut(&mut self, id: ObjId) -> &mut Slot {
        let slot = &mut self.slots[id.index() as usize];
        if slot.generation.get() != id.generation() || slot.flags & ALIVE == 0 {
            stale_handle(id);
        }
        slot
    }

    #[inline]
    pub(crate) fn node_of(id: ObjId) -> u32 {
        id.index() + HEADS
    }

    #[inline]
    pub(crate) fn id_of_node(&self, node: u32) -> ObjId {
        let index = node - HEADS;
        ObjId::new(index, self.slots[index as usize].generation)
    }

    /// Whether the handle names a live object.
    #[inline]
    pub fn is_alive(&self, id: ObjId) -> bool {
        self.slots
            .get(id.index() as usize)
            .is_some_and(|s| s.generation.get() == id.generation() && s.flags & ALIVE != 0)
    }

    /// The object's contents.
    #[inline]
    pub fn body(&self, id: ObjId) -> &Body {
        &self.slot(id).body
    }

    /// The object's contents, if it is alive.
    pub fn try_body(&self, id: ObjId) -> Option<&Body> {
        self.is_alive(id).then(|| &self.slot(id).body)
    }

    /// The object's kind.
    #[inline]
    pub fn kind(&self, id: ObjId) -> Kind {
        self.slot(id).kind
    }

    /// The reference count, as `sys.getrefcount` reads it (the caller's own reference to
    /// the argument is part of it, as it is in CPython).
    #[inline]
    pub fn refcount(&self, id: ObjId) -> i64 {
        let slot = self.slot(id);
        if slot.flags & IMMORTAL != 0 {
            IMMORTAL_REFCOUNT
        } else {
            slot.refcnt
        }
    }

    /// Whether the object is a static (3.11) or immortal (3.12) built-in object.
    pub fn is_static(&self, id: ObjId) -> bool {
        self.slot(id).flags & STATIC != 0
    }

    /// `sys.getsizeof`.
    pub fn size_of(&self, id: ObjId) -> usize {
        self.slot(id).size as usize
    }

    /// The class of an instance.
    pub fn class_of(&self, id: ObjId) -> Option<&Class> {
        match &self.slot(id).body {
            Body::Instance(inst) => match &self.slot(inst.class).body {
                Body::Class(c) => Some(c),
                _ => None,
            },
            _ => None,
        }
    }

    /// The type name `type(x).__name__` gives.
    pub fn type_name(&self, id: ObjId) -> String {
        match self.class_of(id) {
            Some(class) => self.names.text(class.name).to_string(),
            None => self.kind(id).type_name().to_string(),
        }
    }

    /// Live objects in slot order.
    pub fn objects(&self) -> impl Iterator<Item = ObjId> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.flags & ALIVE != 0)
            .map(|(i, s)| ObjId::new(i as u32, s.generation))
    }

    /// Bytes and objects live right now.
    pub fn memory(&self) -> &Memory {
        &self.memory
    }

    /// The collector's state (`gc.get_count()`, thresholds, statistics, flags).
    pub fn gc(&self) -> &GcState {
        &self.gc
    }

    /// The collector's state, to change settings (`gc.disable()`, `gc.set_threshold()`...).
    pub fn gc_mut(&mut self) -> &mut GcState {
        &mut self.gc
    }

    // ----- allocation -----

    /// Allocates an object with reference count 1, owned by the caller. The body's references
    /// are new references: each referent's count goes up.
    ///
    /// Containers are tracked by the collector as CPython tracks them (dicts only once they
    /// hold a container). Allocating a container may start an automatic collection: call
    /// [`Heap::run`] before the next operation.
    pub fn alloc(&mut self, body: Body) -> ObjId {
        let id = self.alloc_owning(body);
        let mut referents = std::mem::take(&mut self.referents);
        self.slot(id).body.owned_refs(&mut |r| referents.push(r));
        for &r in &referents {
            self.incref(r, Cause::StoredIn(id));
        }
        referents.clear();
        self.referents = referents;
        id
    }

    /// Like [`Heap::alloc_owning`], for an object CPython allocates without a GC header
    /// although it holds references (`range` and its iterator hold only ints): the collector
    /// never tracks it and generation 0 does not count it.
    pub fn alloc_owning_not_gc(&mut self, body: Body) -> ObjId {
        self.assert_settled();
        let kind = body.kind();
        let size = size_of(&body, None);
        let id = self.new_slot(body, size);
        self.lists.nodes[Self::node_of(id) as usize].flags |= crate::lists::NOT_GC;
        self.memory.add(kind, size);
        self.memory.objects += 1;
        self.trace.record(|| Event::Alloc {
            obj: id,
            kind,
            size,
        });
        id
    }

    /// Like [`Heap::alloc`], but the body's references are ones the caller already owns and
    /// hands over (as CPython's `BUILD_LIST` takes items off the value stack): no count moves.
    pub fn alloc_owning(&mut self, body: Body) -> ObjId {
        self.assert_settled();
        let kind = body.kind();
        let len = match &body {
            Body::Tuple(items) => items.len(),
            _ => 0,
        };
        let size = size_of(
            &body,
            match &body {
                Body::Instance(inst) => match &self.slot(inst.class).body {
                    Body::Class(c) => Some(&**c),
                    _ => None,
                },
                _ => None,
            },
        );
        let tracked_at_birth = match &body {
            Body::Dict(d) => d.iter().any(|e| {
                self.may_be_tracked(e.value)
                    || (!d.has_str_keys_only() && self.may_be_tracked(e.key))
            }),
            b => b.kind().is_container(),
        };
        let id = self.new_slot(body, size);
        self.memory.add(kind, size);
        self.memory.objects += 1;
        self.trace.record(|| Event::Alloc {
            obj: id,
            kind,
            size,
        });
        if kind.is_container() {
            let counted = self.gc.count_container_alloc(kind, len);
            let due = counted
                && self.gc.enabled
                && self.gc.generations[0].threshold > 0
                && !self.gc.collecting
                && self.gc.generations[0].count > self.gc.generations[0].threshold;
            match (due, tracked_at_birth) {
                (true, track) => {
                    // CPython collects inside the allocation, before the new object is
                    // tracked: it takes part only as an outside holder of its contents.
                    if track {
                        self.work.push(Task::Track(id));
                    }
                    if let Some(generation) = self.gc.due_generation() {
                        self.start_collection(generation, true);
                    }
                }
                (false, true) => self.track(id),
                (false, false) => {}
            }
        }
        id
    }

    /// Allocates a plain class named `name` (see [`Class::new`]), with or without `__del__`.
    pub fn new_class(&mut self, name: &str, has_del: bool) -> ObjId {
        let name = self.names.intern(name);
        self.alloc(Body::Class(Box::new(Class {
            has_del,
            ..Class::new(name)
        })))
    }

    /// Allocates a static object: 3.11 gives it a huge count, 3.12 makes it immortal. It is
    /// never freed. Like [`Heap::alloc`], it returns a new reference owned by the caller.
    pub fn alloc_static(&mut self, body: Body) -> ObjId {
        let kind = body.kind();
        let size = size_of(&body, None);
        let id = self.new_slot(body, size);
        self.memory.add(kind, size);
        self.memory.objects += 1;
        let slot = self.slot_mut(id);
        slot.flags |= STATIC;
        slot.refcnt = STATIC_BASE + 1;
        if self.version.has_immortals() {
            self.slot_mut(id).flags |= IMMORTAL;
        }
        id
    }

    fn new_slot(&mut self, body: Body, size: usize) -> ObjId {
        let node_flags = self.node_flags_at_birth(&body);
        let slot = Slot {
            generation: NonZeroU32::MIN,
            refcnt: 1,
            flags: ALIVE,
            kind: body.kind(),
            size: size as u32,
            body,
        };
        let id = match self.free_slots.pop() {
            Some(index) => {
                let s = &mut self.slots[index as usize];
                let generation = s.generation.checked_add(1).unwrap_or(NonZeroU32::MIN);
                *s = Slot { generation, ..slot };
                ObjId::new(index, generation)
            }
            None => {
                let index = self.slots.len() as u32;
                self.slots.push(slot);
                self.lists.nodes.push(Default::default());
                ObjId::new(index, NonZeroU32::MIN)
            }
        };
        self.lists.nodes[Self::node_of(id) as usize].flags = node_flags;
        id
    }

    /// The flags an object's node starts with: whether it is a weak reference, whether it
    /// has a finalizer.
    fn node_flags_at_birth(&self, body: &Body) -> u8 {
        let weak = if body.weakref().is_some() {
            IS_WEAKREF
        } else {
            0
        };
        let finalizer = match body {
            Body::Instance(inst) => match &self.slot(inst.class).body {
                Body::Class(c) => c.has_del,
                _ => false,
            },
            Body::Record(r) => r.has_finalizer,
            _ => false,
        };
        weak | if finalizer { HAS_FINALIZER } else { 0 }
    }

    /// Releases an object's memory; its contents must already be gone. `len` is the length
    /// it had (tuples of each length have their own free list).
    pub(crate) fn free(&mut self, id: ObjId, len: usize) {
        let node = Self::node_of(id);
        if self.lists.nodes[node as usize].list != 0 {
            self.lists.unlink(node);
        }
        let not_gc = self.lists.nodes[node as usize].flags & crate::lists::NOT_GC != 0;
        self.lists.nodes[node as usize] = Default::default();
        let slot = self.slot_mut(id);
        let kind = slot.kind;
        slot.body = Body::None;
        let size = slot.size as usize;
        slot.flags = 0;
        slot.refcnt = 0;
        if kind == Kind::Class {
            self.class_keys.remove(&id);
        }
        self.memory.sub(kind, size);
        self.memory.objects -= 1;
        if kind.is_container() && !not_gc {
            self.gc.count_container_free(kind, len);
        }
        self.free_slots.push(id.index());
        self.trace.record(|| Event::Free { obj: id, kind });
    }

    /// Recomputes an object's size after its contents changed.
    pub(crate) fn resized(&mut self, id: ObjId) {
        let slot = self.slot(id);
        let class = match &slot.body {
            Body::Instance(inst) => match &self.slot(inst.class).body {
                Body::Class(c) => Some(&**c),
                _ => None,
            },
            _ => None,
        };
        let new = size_of(&slot.body, class);
        let old = slot.size as usize;
        let kind = slot.kind;
        if new != old {
            self.memory.sub(kind, old);
            self.memory.add(kind, new);
            self.slot_mut(id).size = new as u32;
        }
    }

    /// Panics if queued work was not run: every operation that queues work must be followed
    /// by [`Heap::run`] (or [`Heap::drive`]) before the next allocation or collection.
    #[inline]
    pub(crate) fn assert_settled(&self) {
        assert!(
            matches!(self.work.last(), None | Some(Task::Barrier)),
            "queued heap work was not run before the next operation"
        );
    }

    // ----- reference counts -----

    /// A new strong reference to the object.
    #[inline]
    pub fn incref(&mut self, id: ObjId, cause: Cause) {
        let slot = self.slot_mut(id);
        if slot.flags & IMMORTAL != 0 {
            return;
        }
        slot.refcnt += 1;
        let count = slot.refcnt;
        self.trace.record(|| Event::Incref {
            obj: id,
            cause,
            count,
        });
    }

    /// Drops a strong reference. When the count reaches zero the object's deallocation is
    /// queued: call [`Heap::run`] before the next operation.
    #[inline]
    pub fn decref(&mut self, id: ObjId, cause: Cause) {
        if self.count_down(id, cause) {
            self.work.push(Task::dealloc(id));
        }
    }

    /// Drops one from the count (of a mortal object) and records it; true when the count
    /// reached zero.
    #[inline(always)]
    pub(crate) fn count_down(&mut self, id: ObjId, cause: Cause) -> bool {
        let slot = self.slot_mut(id);
        if slot.flags & IMMORTAL != 0 {
            return false;
        }
        slot.refcnt -= 1;
        let count = slot.refcnt;
        if count < 0 {
            count_below_zero(id);
        }
        self.trace.record(|| Event::Decref {
            obj: id,
            cause,
            count,
        });
        count == 0
    }

    /// Strong references the heap itself holds while Python code runs on its behalf
    /// (an object whose `__del__` runs, a weak reference whose callback runs).
    pub fn holds(&self) -> &[ObjId] {
        &self.holds
    }

    /// Sets or clears one of the flags kept in the object's node.
    pub(crate) fn set_flag(&mut self, id: ObjId, flag: u8, on: bool) {
        self.slot(id);
        let node = &mut self.lists.nodes[Self::node_of(id) as usize];
        if on {
            node.flags |= flag;
        } else {
            node.flags &= !flag;
        }
    }

    /// Whether one of the flags kept in the object's node is set.
    pub(crate) fn has_flag(&self, id: ObjId, flag: u8) -> bool {
        self.slot(id);
        self.lists.nodes[Self::node_of(id) as usize].flags & flag != 0
    }
}

/// A handle used after its object was freed: a bug in the caller.
#[cold]
#[inline(never)]
fn stale_handle(id: ObjId) -> ! {
    panic!("stale handle {id:?}: that object was freed")
}

/// More references dropped than were taken: a bug in the caller.
#[cold]
#[inline(never)]
fn count_below_zero(id: ObjId) -> ! {
    panic!("reference count of {id:?} went below zero")
}
