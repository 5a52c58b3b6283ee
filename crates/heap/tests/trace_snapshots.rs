//! Snapshots of the trace of classic scenarios: what a viewer replays step by step.

use expect_test::{expect, Expect};
use weaklink_heap::*;

/// Services actions as a program would, logging them into the trace text.
fn drive(heap: &mut Heap, log: &mut String, roots: &[ObjId]) {
    heap.drive(&mut |h, action| {
        h.check(roots).unwrap();
        log.push_str(&weaklink_heap::render(&h.take_events()));
        log.push_str(&format!("  >> {action:?}\n"));
    });
    heap.check(roots).unwrap();
}

fn finish(heap: &mut Heap, mut log: String, expected: Expect) {
    log.push_str(&weaklink_heap::render(&heap.take_events()));
    expected.assert_eq(&log);
}

#[test]
fn two_lists_in_a_cycle() {
    let mut heap = Heap::default();
    heap.set_tracing(true);
    let mut log = String::new();
    let l1 = heap.alloc(Body::list());
    let l2 = heap.alloc(Body::list());
    heap.list_append(l1, l2);
    heap.list_append(l2, l1);
    heap.decref(l1, Cause::NameUnbound);
    heap.decref(l2, Cause::NameUnbound);
    drive(&mut heap, &mut log, &[]);
    heap.collect(2);
    drive(&mut heap, &mut log, &[]);
    assert_eq!(heap.gc().last_result, Some(2));
    finish(
        &mut heap,
        log,
        expect![[r#"
            alloc #1 list (56 bytes)
            track #1
            alloc #2 list (56 bytes)
            track #2
            incref #2 -> 2 (stored in #1)
            incref #1 -> 2 (stored in #2)
            decref #1 -> 1 (name unbound)
            decref #2 -> 1 (name unbound)
            explicit collection of generation 2
            phase start
              >> GcCallbacks { phase: Start, generation: 2, collected: 0, uncollectable: 0 }
            phase merge younger generations
            phase update_refs
            gc_refs #0 = 1
            gc_refs #1 = 1
            gc_refs #2 = 1
            phase subtract_refs
            gc_refs #2 = 0
            gc_refs #1 = 0
            phase move_unreachable
            move #1 to unreachable
            move #2 to unreachable
            phase untrack_tuples
            phase promote survivors
            phase move_legacy_finalizers
            phase handle_weakrefs
            phase weakref callbacks
            phase finalize_garbage
            phase handle_resurrected_objects
            gc_refs #1 = 1
            gc_refs #2 = 1
            gc_refs #2 = 0
            gc_refs #1 = 0
            move #1 to still unreachable
            move #2 to still unreachable
            phase delete_garbage
            incref #1 -> 2 (held by the collector)
            decref #2 -> 0 (collector cleared #1)
            untrack #2
            decref #1 -> 1 (released by dying #2)
            free #2 list
            decref #1 -> 0 (held by the collector)
            untrack #1
            free #1 list
            phase handle_legacy_finalizers
            phase finish
            collection done: 2 unreachable, 0 uncollectable
              >> GcCallbacks { phase: Stop, generation: 2, collected: 2, uncollectable: 0 }
        "#]],
    );
}

/// Three nodes: `next` strong, `prev` a weak reference. Dropping the head frees the whole
/// chain by reference counting alone; the back-links are cleared as each node dies.
#[test]
fn doubly_linked_list_with_weak_back_links() {
    let mut heap = Heap::default();
    let node_class = heap.new_class("Node", false);
    let (next, prev) = (heap.names.intern("next"), heap.names.intern("prev"));
    let head = heap.alloc(Body::Instance(Instance::of(node_class)));
    let mid = heap.alloc(Body::Instance(Instance::of(node_class)));
    let tail = heap.alloc(Body::Instance(Instance::of(node_class)));
    for (a, b) in [(head, mid), (mid, tail)] {
        heap.set_attr(a, next, b);
        let back = heap.new_weakref(a, None, WeakFlavor::Ref).unwrap();
        heap.set_attr(b, prev, back);
        heap.decref(back, Cause::StackPop);
    }
    heap.decref(mid, Cause::NameUnbound);
    heap.decref(tail, Cause::NameUnbound);
    let mut log = String::new();
    drive(&mut heap, &mut log, &[node_class, head]);
    heap.set_tracing(true);
    heap.decref(head, Cause::NameUnbound);
    drive(&mut heap, &mut log, &[node_class]);
    finish(
        &mut heap,
        log,
        expect![[r#"
            decref #2 -> 0 (name unbound)
            untrack #2
            clear weakref #5 to #2
            decref #3 -> 0 (released by dying #2)
            untrack #3
            clear weakref #6 to #3
            decref #4 -> 0 (released by dying #3)
            untrack #4
            decref #6 -> 0 (released by dying #4)
            untrack #6
            free #6 weakref.ReferenceType
            free #4 object
            decref #1 -> 3 (released by dying #4)
            decref #5 -> 0 (released by dying #3)
            untrack #5
            free #5 weakref.ReferenceType
            free #3 object
            decref #1 -> 2 (released by dying #3)
            free #2 object
            decref #1 -> 1 (released by dying #2)
        "#]],
    );
}

/// Two objects with `__del__` that refer to each other, collected under each version's rules.
fn cycle_with_del(version: PythonVersion) -> String {
    let mut heap = Heap::new(version);
    let fin = heap.new_class("Fin", true);
    let other = heap.names.intern("other");
    let a = heap.alloc(Body::Instance(Instance::of(fin)));
    let b = heap.alloc(Body::Instance(Instance::of(fin)));
    heap.set_attr(a, other, b);
    heap.set_attr(b, other, a);
    let mut log = String::new();
    drive(&mut heap, &mut log, &[fin, a, b]);
    heap.set_tracing(true);
    heap.decref(a, Cause::NameUnbound);
    heap.decref(b, Cause::NameUnbound);
    heap.collect(2);
    drive(&mut heap, &mut log, &[fin]);
    log.push_str(&weaklink_heap::render(&heap.take_events()));
    let garbage = heap.list_items(heap.garbage()).len();
    log.push_str(&format!(
        "gc.collect() = {:?}, len(gc.garbage) = {garbage}\n",
        heap.gc().last_result.unwrap()
    ));
    log
}

#[test]
fn cycle_with_del_in_3_11() {
    expect![[r#"
        decref #2 -> 1 (name unbound)
        decref #3 -> 1 (name unbound)
        explicit collection of generation 2
        phase start
          >> GcCallbacks { phase: Start, generation: 2, collected: 0, uncollectable: 0 }
        phase merge younger generations
        phase update_refs
        gc_refs #0 = 1
        gc_refs #1 = 3
        gc_refs #2 = 1
        gc_refs #3 = 1
        phase subtract_refs
        gc_refs #3 = 0
        gc_refs #1 = 2
        gc_refs #2 = 0
        gc_refs #1 = 1
        phase move_unreachable
        move #2 to unreachable
        move #3 to unreachable
        phase untrack_tuples
        phase promote survivors
        phase move_legacy_finalizers
        phase handle_weakrefs
        phase weakref callbacks
        phase finalize_garbage
        incref #2 -> 2 (held by the collector)
        call #2.__del__()
          >> Finalize { obj: #2 }
        decref #2 -> 1 (held by the collector)
        incref #3 -> 2 (held by the collector)
        call #3.__del__()
          >> Finalize { obj: #3 }
        decref #3 -> 1 (held by the collector)
        phase handle_resurrected_objects
        gc_refs #2 = 1
        gc_refs #3 = 1
        gc_refs #3 = 0
        gc_refs #2 = 0
        move #2 to still unreachable
        move #3 to still unreachable
        phase delete_garbage
        incref #2 -> 2 (held by the collector)
        decref #3 -> 0 (collector cleared #2)
        untrack #3
        decref #2 -> 1 (released by dying #3)
        free #3 object
        decref #1 -> 2 (released by dying #3)
        decref #2 -> 0 (held by the collector)
        untrack #2
        free #2 object
        decref #1 -> 1 (released by dying #2)
        phase handle_legacy_finalizers
        phase finish
        collection done: 2 unreachable, 0 uncollectable
          >> GcCallbacks { phase: Stop, generation: 2, collected: 2, uncollectable: 0 }
        gc.collect() = 2, len(gc.garbage) = 0
    "#]]
    .assert_eq(&cycle_with_del(PythonVersion::V3_11));
}

#[test]
fn cycle_with_del_in_3_3_is_uncollectable() {
    expect![[r#"
        decref #2 -> 1 (name unbound)
        decref #3 -> 1 (name unbound)
        explicit collection of generation 2
        phase start
          >> GcCallbacks { phase: Start, generation: 2, collected: 0, uncollectable: 0 }
        phase merge younger generations
        phase update_refs
        gc_refs #0 = 1
        gc_refs #1 = 3
        gc_refs #2 = 1
        gc_refs #3 = 1
        phase subtract_refs
        gc_refs #3 = 0
        gc_refs #1 = 2
        gc_refs #2 = 0
        gc_refs #1 = 1
        phase move_unreachable
        move #2 to unreachable
        move #3 to unreachable
        phase untrack_tuples
        phase promote survivors
        phase move_legacy_finalizers
        move #2 to uncollectable
        move #3 to uncollectable
        phase handle_weakrefs
        phase weakref callbacks
        phase handle_resurrected_objects
        phase delete_garbage
        phase handle_legacy_finalizers
        incref #2 -> 2 (appended to gc.garbage)
        append #2 to gc.garbage
        incref #3 -> 2 (appended to gc.garbage)
        append #3 to gc.garbage
        phase finish
        collection done: 2 unreachable, 2 uncollectable
          >> GcCallbacks { phase: Stop, generation: 2, collected: 0, uncollectable: 2 }
        gc.collect() = 2, len(gc.garbage) = 2
    "#]]
    .assert_eq(&cycle_with_del(PythonVersion::V3_3));
}

#[test]
fn cycle_with_del_in_3_12_matches_3_11() {
    assert_eq!(
        cycle_with_del(PythonVersion::V3_12),
        cycle_with_del(PythonVersion::V3_11)
    );
}
