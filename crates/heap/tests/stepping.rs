//! Stepping a collection object by object, as the viewer does: after each step the table
//! gives the phase, and for each object its collector list and gc_refs.

use weaklink_heap::*;

/// One row: the phase after the step, then (list, gc_refs) for `x` and for `y`.
type Row = (Phase, (GcList, Option<i64>), (GcList, Option<i64>));

fn snapshot(heap: &Heap, x: ObjId, y: ObjId) -> Row {
    let phase = heap
        .collection()
        .map(|c| c.phase())
        .unwrap_or(Phase::Finish);
    let view = |o| (heap.gc_list(o), heap.gc_refs(o));
    (phase, view(x), view(y))
}

/// `x` is created first and is held only by `y`; `y` is held by a name and by `x`.
/// `move_unreachable` first thinks `x` unreachable, then finds it through `y` and moves it back.
#[test]
fn move_unreachable_moves_a_tentative_object_back() {
    use GcList::{Generation, Unreachable};
    use Phase::*;
    let mut heap = Heap::default();
    let x = heap.alloc(Body::list());
    let y = heap.alloc(Body::list());
    heap.list_append(x, y);
    heap.list_append(y, x);
    heap.decref(x, Cause::NameUnbound);
    assert_eq!(heap.run(), None);
    heap.check(&[y]).unwrap();

    heap.collect(0);
    let mut rows = Vec::new();
    loop {
        match heap.step() {
            Step::Progress => {}
            Step::Action(_) => heap.finish_action(),
            Step::Idle => break,
        }
        heap.check(&[y]).unwrap();
        let row = snapshot(&heap, x, y);
        if rows.last() != Some(&row) {
            rows.push(row);
        }
    }
    let (g0, g1) = (Generation(0), Generation(1));
    // Each row is the state after a step; the phase is the one the step left the
    // collection in.
    let expected: Vec<Row> = vec![
        (Start, (g0, None), (g0, None)),
        (UpdateRefs, (g0, None), (g0, None)),
        (UpdateRefs, (g0, Some(1)), (g0, None)),
        (UpdateRefs, (g0, Some(1)), (g0, Some(2))),
        (SubtractRefs, (g0, Some(1)), (g0, Some(1))),
        (SubtractRefs, (g0, Some(0)), (g0, Some(1))),
        // x has no outside references left: tentatively unreachable.
        (MoveUnreachable, (Unreachable, Some(0)), (g0, Some(1))),
        // y is reachable; it points at x, which comes back with gc_refs 1.
        (MoveUnreachable, (g0, Some(1)), (g0, None)),
        // x is looked at again, and found reachable.
        (MoveUnreachable, (g0, None), (g0, None)),
        (PromoteSurvivors, (g0, None), (g0, None)),
        (MoveLegacyFinalizers, (g1, None), (g1, None)),
        (HandleWeakrefs, (g1, None), (g1, None)),
        (RunCallbacks, (g1, None), (g1, None)),
        (CheckResurrected, (g1, None), (g1, None)),
        (DeleteGarbage, (g1, None), (g1, None)),
        (Finish, (g1, None), (g1, None)),
    ];
    assert_eq!(rows, expected);
    assert_eq!(heap.gc().last_result, Some(0));
}

/// Each generation count, after each call, as `gc.get_count()` reports it.
#[test]
fn collecting_a_generation_resets_younger_counts_and_bumps_the_next() {
    let mut heap = Heap::default();
    let cases: [(u8, (usize, usize, usize)); 4] = [
        (0, (0, 1, 0)),
        (1, (0, 0, 1)),
        (0, (0, 1, 1)),
        (2, (0, 0, 0)),
    ];
    for (generation, counts) in cases {
        let t = heap.alloc(Body::list());
        heap.decref(t, Cause::Other);
        assert_eq!(heap.run(), None);
        heap.collect_now(generation, &mut |_, _| {});
        assert_eq!(heap.gc().counts(), counts, "after collect({generation})");
        heap.check(&[]).unwrap();
    }
}
