//! Steps inside a collection: for each phase gc.collect() runs, the objects of the program
//! with their gc_refs and where the collector has put them, as CPython's algorithm gives.

use weaklink_python::explore::{record, GcState, Limits, Step, StepKind};

/// An object of a collection step: its label, gc_refs and state.
type Marked = (String, Option<i64>, Option<GcState>);

/// The collection steps of a run: phase name, then the objects that have gc_refs, in the
/// step's order.
fn phases(source: &str) -> Vec<(String, Vec<Marked>)> {
    let run = record(source, Default::default(), Limits::default());
    run.steps
        .iter()
        .filter_map(|step: &Step| match &step.kind {
            StepKind::Collector { phase, .. } => Some((
                phase.clone(),
                step.objects
                    .iter()
                    .filter(|o| o.gc_refs.is_some())
                    .map(|o| (o.label.clone(), o.gc_refs, o.gc_state))
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}

const PHASES: [&str; 6] = [
    "update_refs",
    "subtract_refs",
    "move_unreachable",
    "handle_weakrefs",
    "finalize_garbage",
    "delete_garbage",
];

#[test]
fn an_unreachable_cycle_goes_through_every_phase() {
    use GcState::*;
    let steps = phases("import gc\nl1 = []\nl2 = [l1]\nl1.append(l2)\ndel l1, l2\ngc.collect()\n");
    let names: Vec<&str> = steps.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(names, PHASES);
    // (phase, gc_refs of both lists, their state)
    let expected = [
        ("update_refs", 1, Reachable),
        ("subtract_refs", 0, Reachable),
        ("move_unreachable", 0, TentativelyUnreachable),
        ("handle_weakrefs", 0, TentativelyUnreachable),
        ("finalize_garbage", 0, TentativelyUnreachable),
        ("delete_garbage", 0, Unreachable),
    ];
    for ((phase, objects), (want_phase, gc_refs, state)) in steps.iter().zip(expected) {
        assert_eq!(phase, want_phase);
        assert_eq!(objects.len(), 2, "{phase}: {objects:?}");
        for (label, refs, st) in objects {
            assert_eq!(
                (*refs, *st),
                (Some(gc_refs), Some(state)),
                "{phase}: {label}"
            );
        }
    }
}

#[test]
fn a_cycle_still_named_is_rescued() {
    use GcState::*;
    let steps = phases("import gc\nkeep = []\nkeep.append(keep)\ngc.collect()\n");
    let by_phase: Vec<(&str, Option<i64>, Option<GcState>)> = steps
        .iter()
        .map(|(p, objects)| (p.as_str(), objects[0].1, objects[0].2))
        .collect();
    // The list counts the module's dict and itself; both are in the collected generation,
    // so subtract_refs leaves 0, and move_unreachable finds it through the module's dict.
    assert_eq!(
        &by_phase[..3],
        &[
            ("update_refs", Some(2), Some(Reachable)),
            ("subtract_refs", Some(0), Some(Reachable)),
            ("move_unreachable", Some(1), Some(Reachable)),
        ]
    );
}

#[test]
fn automatic_collections_add_no_steps() {
    let steps = phases(
        "import gc\ngc.set_threshold(5)\nfor i in range(40):\n    x = []\n    x.append(x)\n",
    );
    assert!(steps.is_empty(), "{steps:?}");
}
