//! The object graphs the benchmark builds on the simulated heap, each the mirror of a
//! function in `gc_bench.py`.

use weaklink_heap::{Body, Cause, Class, Heap, Instance, ObjId};

/// A cyclic shape, built with `n` objects and reachable from one root.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// Instances of one class in a ring, each holding the next as `next`.
    Ring,
    /// Pairs of lists, each list holding the other; a root list holds one of each pair.
    ListPairs,
    /// Instances in a doubly linked list (`next` and `prev`); the root is the head.
    DoublyLinked,
}

impl Shape {
    /// Every cyclic shape, in table order.
    pub const ALL: [Shape; 3] = [Shape::Ring, Shape::ListPairs, Shape::DoublyLinked];

    /// The name `gc_bench.py` prints for the shape.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Ring => "ring",
            Shape::ListPairs => "list-pairs",
            Shape::DoublyLinked => "doubly-linked",
        }
    }

    /// Builds the shape with `n` objects on a heap made by [`new_heap`] and returns its
    /// root, the only reference to the shape the caller owns.
    pub fn build(self, heap: &mut Heap, class: ObjId, n: usize) -> ObjId {
        match self {
            Shape::Ring => ring(heap, class, n),
            Shape::ListPairs => list_pairs(heap, n),
            Shape::DoublyLinked => doubly_linked(heap, class, n),
        }
    }
}

/// Drops a reference the builder held in a local name and carries out what follows.
fn unbind(heap: &mut Heap, obj: ObjId) {
    heap.decref(obj, Cause::NameUnbound);
    heap.run();
}

/// Allocates an object and carries out whatever the allocation queued.
fn alloc(heap: &mut Heap, body: Body) -> ObjId {
    let obj = heap.alloc(body);
    heap.run();
    obj
}

/// A heap with automatic collection disabled (`gc.disable()`) holding `class Node: pass`,
/// the class of the ring's and the doubly linked list's instances. The caller owns the
/// class, as the module does in Python, so it outlives the shapes.
pub fn new_heap() -> (Heap, ObjId) {
    let mut heap = Heap::default();
    heap.gc_mut().enabled = false;
    let name = heap.names.intern("Node");
    let class = alloc(
        &mut heap,
        Body::Class(Box::new(Class {
            name,
            has_del: false,
            weakrefable: true,
            has_dict: true,
            slot_count: 0,
            refs: vec![],
        })),
    );
    (heap, class)
}

/// `n` instances of `Node`, each holding the next as `next`, the last the first.
fn ring(heap: &mut Heap, class: ObjId, n: usize) -> ObjId {
    let next = heap.names.intern("next");
    let first = alloc(heap, Body::Instance(Instance::of(class)));
    let mut last = first;
    for _ in 1..n {
        let node = alloc(heap, Body::Instance(Instance::of(class)));
        heap.set_attr(last, next, node);
        if last != first {
            unbind(heap, last);
        }
        last = node;
    }
    heap.set_attr(last, next, first);
    if last != first {
        unbind(heap, last);
    }
    first
}

/// `n / 2` pairs of lists holding each other; the root list holds the first of each pair.
fn list_pairs(heap: &mut Heap, n: usize) -> ObjId {
    let root = alloc(heap, Body::list());
    for _ in 0..n / 2 {
        let a = alloc(heap, Body::list());
        let b = alloc(heap, Body::list());
        heap.list_append(a, b);
        heap.list_append(b, a);
        heap.list_append(root, a);
        unbind(heap, a);
        unbind(heap, b);
    }
    root
}

/// `n` instances of `Node` linked both ways: the head has no `prev`, the tail no `next`.
fn doubly_linked(heap: &mut Heap, class: ObjId, n: usize) -> ObjId {
    let (next, prev) = (heap.names.intern("next"), heap.names.intern("prev"));
    let head = alloc(heap, Body::Instance(Instance::of(class)));
    let mut last = head;
    for _ in 1..n {
        let node = alloc(heap, Body::Instance(Instance::of(class)));
        heap.set_attr(last, next, node);
        heap.set_attr(node, prev, last);
        if last != head {
            unbind(heap, last);
        }
        last = node;
    }
    if last != head {
        unbind(heap, last);
    }
    head
}

/// A list of `n` empty lists: no cycle, so dropping the root frees everything.
pub fn acyclic_lists(heap: &mut Heap, n: usize) -> ObjId {
    let root = alloc(heap, Body::list());
    for _ in 0..n {
        let item = alloc(heap, Body::list());
        heap.list_append(root, item);
        unbind(heap, item);
    }
    root
}
