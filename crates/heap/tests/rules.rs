//! Heap rules that no Python program can observe directly, or only through this API:
//! handles, version modes, memory accounting, weak reference lists.

use weaklink_heap::*;

fn class(heap: &mut Heap, name: &str, weakrefable: bool) -> ObjId {
    let name = heap.names.intern(name);
    heap.alloc(Body::Class(Box::new(Class {
        weakrefable,
        ..Class::new(name)
    })))
}

#[test]
fn a_freed_handle_is_stale_even_when_its_slot_is_reused() {
    let mut heap = Heap::default();
    let old = heap.alloc(Body::list());
    heap.decref(old, Cause::NameUnbound);
    assert_eq!(heap.run(), None);
    let new = heap.alloc(Body::list());
    assert_eq!(new.index(), old.index(), "the slot is reused");
    assert_ne!(new, old);
    assert!(!heap.is_alive(old));
    assert!(heap.is_alive(new));
    assert!(heap.try_body(old).is_none());
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        heap.refcount(old);
    }));
    assert!(caught.is_err(), "using a stale handle must be detected");
}

/// (version, what `sys.getrefcount(None)` reads with one reference held, after one more).
#[test]
fn static_objects_per_version() {
    let cases = [
        (PythonVersion::V3_11, 1_000_000_000, 1_000_000_001),
        (PythonVersion::V3_3, 1_000_000_000, 1_000_000_001),
        (PythonVersion::V3_12, 4_294_967_295, 4_294_967_295),
    ];
    for (version, before, after) in cases {
        let mut heap = Heap::new(version);
        let none = heap.alloc_static(Body::None);
        assert_eq!(heap.refcount(none), before, "{version:?}");
        heap.incref(none, Cause::NameBound);
        assert_eq!(heap.refcount(none), after, "{version:?}");
        let roots = if version == PythonVersion::V3_12 {
            vec![none]
        } else {
            vec![none, none]
        };
        heap.check(&roots).unwrap();
        assert_eq!(version.major_minor().0, 3);
    }
}

/// Bytes live after each step, with the per-kind split, as `sys.getsizeof` sums them.
#[test]
fn memory_accounting_follows_every_step() {
    let mut heap = Heap::default();
    let base = heap.memory().total; // gc.garbage
    let l = heap.alloc(Body::list());
    assert_eq!(heap.memory().total - base, 56);
    let n = heap.alloc(Body::Int(5));
    heap.list_append(l, n);
    assert_eq!(
        heap.memory().bytes_of(Kind::List) - base,
        88,
        "[5] has room for 4"
    );
    assert_eq!(heap.memory().bytes_of(Kind::Int), 28);
    for _ in 0..4 {
        heap.list_append(l, n);
    }
    assert_eq!(heap.size_of(l), 120, "5 items: room for 8");
    heap.list_clear(l);
    assert_eq!(heap.run(), None);
    assert_eq!(heap.size_of(l), 56);
    heap.decref(l, Cause::NameUnbound);
    heap.decref(n, Cause::NameUnbound);
    assert_eq!(heap.run(), None);
    assert_eq!(heap.memory().total, base);
    assert_eq!(heap.memory().objects, 1);
}

/// CPython's list of weak references to one object: the basic ref first, then the basic
/// proxy, then references with callbacks, newest first.
#[test]
fn weak_reference_list_order_and_reuse() {
    let mut heap = Heap::default();
    let c = class(&mut heap, "C", true);
    let x = heap.alloc(Body::Instance(Instance::of(c)));
    let cb = heap.alloc(Body::Int(0));
    let with_cb_1 = heap.new_weakref(x, Some(cb), WeakFlavor::Ref).unwrap();
    let proxy = heap.new_weakref(x, None, WeakFlavor::Proxy).unwrap();
    let basic = heap.new_weakref(x, None, WeakFlavor::Ref).unwrap();
    let with_cb_2 = heap.new_weakref(x, Some(cb), WeakFlavor::Ref).unwrap();
    assert_eq!(
        heap.weakrefs_to(x),
        [basic, proxy, with_cb_2, with_cb_1],
        "weakref.getweakrefs(x)"
    );
    let again = heap.new_weakref(x, None, WeakFlavor::Ref).unwrap();
    assert_eq!(again, basic, "weakref.ref(x) is weakref.ref(x)");
    let proxy_again = heap.new_weakref(x, None, WeakFlavor::Proxy).unwrap();
    assert_eq!(proxy_again, proxy);
    assert_eq!(heap.refcount(basic), 2);
    assert_eq!(heap.weakref_count(x), 4);
    let roots = [
        c,
        x,
        cb,
        with_cb_1,
        proxy,
        basic,
        with_cb_2,
        again,
        proxy_again,
    ];
    heap.check(&roots).unwrap();
}

/// (object, whether `weakref.ref` accepts it, the error text otherwise).
#[test]
fn what_can_be_weakly_referenced() {
    let mut heap = Heap::default();
    let plain = class(&mut heap, "Plain", true);
    let slotted = class(&mut heap, "Slotted", false);
    let cases: Vec<(Body, Option<&str>)> = vec![
        (
            Body::list(),
            Some("cannot create weak reference to 'list' object"),
        ),
        (
            Body::Int(1),
            Some("cannot create weak reference to 'int' object"),
        ),
        (
            Body::Str("s".into()),
            Some("cannot create weak reference to 'str' object"),
        ),
        (
            Body::Tuple(vec![]),
            Some("cannot create weak reference to 'tuple' object"),
        ),
        (
            Body::Dict(Box::default()),
            Some("cannot create weak reference to 'dict' object"),
        ),
        (Body::Set(Set::default()), None),
        (Body::Instance(Instance::of(plain)), None),
        (
            Body::Instance(Instance::of(slotted)),
            Some("cannot create weak reference to 'Slotted' object"),
        ),
        (Body::Record(Record::new(Kind::Function, vec![])), None),
    ];
    for (body, error) in cases {
        let obj = heap.alloc(body);
        let result = heap.new_weakref(obj, None, WeakFlavor::Ref);
        assert_eq!(
            result.as_ref().err().map(|e| e.to_string()).as_deref(),
            error
        );
        if let Ok(wr) = result {
            heap.decref(wr, Cause::Other);
        }
        heap.decref(obj, Cause::Other);
        assert_eq!(heap.run(), None);
        heap.check(&[plain, slotted]).unwrap();
    }
}

/// A resurrected object keeps its weak references at refcount death (PEP 442), and its
/// `__del__` does not run a second time when it finally dies.
#[test]
fn resurrection_at_refcount_death() {
    let mut heap = Heap::default();
    let c = heap.new_class("Res", true);
    let saved = heap.alloc(Body::list());
    let x = heap.alloc(Body::Instance(Instance::of(c)));
    let w = heap.new_weakref(x, None, WeakFlavor::Ref).unwrap();
    heap.decref(x, Cause::NameUnbound);
    let mut finalized = 0;
    heap.drive(&mut |h, action| {
        if let Action::Finalize { obj } = action {
            finalized += 1;
            h.list_append(saved, obj);
        }
    });
    assert_eq!(finalized, 1);
    assert!(heap.is_alive(x));
    assert_eq!(
        heap.weakref_target(w),
        Some(x),
        "weakref survives resurrection"
    );
    heap.check(&[c, saved, w]).unwrap();
    heap.list_clear(saved);
    heap.drive(&mut |_, action| panic!("no second __del__: {action:?}"));
    assert!(!heap.is_alive(x));
    assert_eq!(heap.weakref_target(w), None);
    heap.check(&[c, saved, w]).unwrap();
}
