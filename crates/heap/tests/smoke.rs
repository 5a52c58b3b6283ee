//! Quick end-to-end checks of the heap: a list cycle, finalizer and callback order, a long chain.

use weaklink_heap::*;

#[test]
fn two_lists_in_a_cycle() {
    let mut heap = Heap::default();
    let a = heap.alloc(Body::list());
    let b = heap.alloc(Body::list());
    heap.list_append(a, b);
    heap.list_append(b, a);
    heap.check(&[a, b]).unwrap();
    heap.decref(a, Cause::NameUnbound);
    heap.decref(b, Cause::NameUnbound);
    assert_eq!(heap.run(), None);
    heap.check(&[]).unwrap();
    assert!(heap.is_alive(a));
    let n = heap.collect_now(2, &mut |_, a| {
        assert!(matches!(a, Action::GcCallbacks { .. }))
    });
    assert_eq!(n, 2);
    assert!(!heap.is_alive(a));
    heap.check(&[]).unwrap();
    heap.check_nothing_unreachable(&[]).unwrap();
}

#[test]
fn cycle_with_del_and_weakref_callback() {
    let mut heap = Heap::default();
    let c = heap.new_class("Fin", true);
    let cb = heap.alloc(Body::Int(7));
    let x = heap.alloc(Body::Instance(Instance::of(c)));
    let y = heap.alloc(Body::Instance(Instance::of(c)));
    let o = heap.names.intern("o");
    heap.set_attr(x, o, y);
    heap.set_attr(y, o, x);
    let w = heap.new_weakref(x, Some(cb), WeakFlavor::Ref).unwrap();
    heap.decref(x, Cause::NameUnbound);
    heap.decref(y, Cause::NameUnbound);
    assert_eq!(heap.run(), None);
    let mut log = vec![];
    let n = heap.collect_now(2, &mut |h, a| {
        h.check(&[c, cb, w]).unwrap();
        log.push(a)
    });
    assert_eq!(n, 2);
    let actions: Vec<_> = log
        .into_iter()
        .filter(|a| !matches!(a, Action::GcCallbacks { .. }))
        .collect();
    assert_eq!(
        actions,
        vec![
            Action::Callback {
                weakref: w,
                callback: cb
            },
            Action::Finalize { obj: x },
            Action::Finalize { obj: y }
        ]
    );
    assert_eq!(heap.weakref_target(w), None);
    heap.check(&[c, cb, w]).unwrap();
}

#[test]
fn refcount_death_runs_del_then_callbacks_newest_first() {
    let mut heap = Heap::default();
    let c = heap.new_class("Fin", true);
    let cb1 = heap.alloc(Body::Int(1));
    let cb2 = heap.alloc(Body::Int(2));
    let x = heap.alloc(Body::Instance(Instance::of(c)));
    let w1 = heap.new_weakref(x, Some(cb1), WeakFlavor::Ref).unwrap();
    let w2 = heap.new_weakref(x, Some(cb2), WeakFlavor::Ref).unwrap();
    heap.decref(x, Cause::NameUnbound);
    let mut log = vec![];
    heap.drive(&mut |h, a| {
        h.check(&[c, cb1, cb2, w1, w2]).unwrap();
        log.push(a)
    });
    assert_eq!(
        log,
        vec![
            Action::Finalize { obj: x },
            Action::Callback {
                weakref: w2,
                callback: cb2
            },
            Action::Callback {
                weakref: w1,
                callback: cb1
            },
        ]
    );
    assert!(!heap.is_alive(x));
    heap.check(&[c, cb1, cb2, w1, w2]).unwrap();
}

#[test]
fn million_long_chain_frees_iteratively() {
    let mut heap = Heap::default();
    heap.gc_mut().enabled = false;
    let head = heap.alloc(Body::list());
    let mut last = head;
    for _ in 0..1_000_000 {
        let next = heap.alloc(Body::list());
        heap.list_append(last, next);
        heap.decref(next, Cause::Other);
        last = next;
    }
    heap.decref(head, Cause::NameUnbound);
    assert_eq!(heap.run(), None);
    assert_eq!(heap.memory().objects, 1);
}
