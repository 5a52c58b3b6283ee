//! Property tests: random programs run against the heap.
//!
//! A program allocates objects, links and unlinks them, drops references, makes weak
//! references and collects, under one of the simulated CPython versions and with automatic
//! collection on or off. The test plays the interpreter: it holds references in `roots`
//! (one entry per reference, as a frame's locals would) and services every
//! [`Action`](weaklink_heap::Action) the heap hands out, sometimes reacting the way Python
//! code may: a `__del__` resurrecting its object, a callback allocating, either one dropping
//! a reference the program held.
//!
//! After every operation and inside every action the invariant checker must pass; each
//! property adds its own observations on top: exact reachability after full collections,
//! weak references to garbage cleared, nothing reachable freed, stepping and driving
//! agreeing, tracing changing nothing the program sees. The regression tests at the end replay sequences worth keeping.
//!
//! The programs, their strategies and the harness that runs them are in [`property`]; this
//! file holds the properties themselves and the regression tests.

mod property;

use proptest::prelude::*;
use weaklink_heap::PythonVersion;

use property::{
    any_version, assert_same_events, assert_same_seen, program, reaction, run, run_seen,
    run_traced, CallbackSpec, Op, Program, Props, Reaction, Tally,
};

/// `cases` per property (a tenth in unoptimized builds: CI runs the tests in release mode),
/// unless `PROPTEST_CASES` asks for another number, for a longer hunt. Failures are not
/// persisted to files: a minimized failing program belongs with the regression tests below.
fn config(cases: u32) -> ProptestConfig {
    let default = if cfg!(debug_assertions) {
        cases / 10
    } else {
        cases
    };
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ----- properties -----

// Cases per property: 17,000 programs in all, each followed by its teardown.

proptest! {
    #![proptest_config(config(4000))]

    /// Property 1: whatever a program does, in any version mode and with any reactions,
    /// every reference count matches the references held, nothing refers to a freed object
    /// (the program's own references included), weak references and their referents agree
    /// and the collector's lists are well linked, after every operation and inside every
    /// action; between operations the heap is settled (`check_settled`).
    #[test]
    fn invariants_hold_throughout(program in program(any_version(), reaction(), 2)) {
        run(&program, Props::default());
    }

    /// Property 2: under 3.11 rules, a full collection during which no `__del__` resurrected
    /// anything, no reference was dropped and no frozen object died leaves alive exactly
    /// what is reachable from the references held, `gc.garbage`, static and frozen objects;
    /// quiet collections (Python code doing nothing) always get there. The live objects are
    /// compared with a reachability computed here, and `check_nothing_unreachable` agrees.
    #[test]
    fn full_collection_leaves_exactly_the_reachable(
        program in program(Just(PythonVersion::V3_11), reaction(), 2)
    ) {
        run(&program, Props { exact_after_full: true, ..Props::default() });
    }
}

proptest! {
    #![proptest_config(config(3000))]

    /// Property 3: a weak reference whose referent was unreachable (from the references
    /// held, `gc.garbage`, static and frozen objects) when a full collection started returns
    /// `None` once it is over, even if a `__del__` brought the referent back; and no weak
    /// reference ever names a freed object. PEP 442 versions only: under 3.3 rules a cycle
    /// with a legacy `__del__`, and all it reaches, stays alive with its weak references.
    #[test]
    fn weakrefs_to_unreachable_objects_die(
        program in program(
            prop_oneof![Just(PythonVersion::V3_11), Just(PythonVersion::V3_12)],
            reaction(),
            6,
        )
    ) {
        run(&program, Props { weakrefs_cleared: true, ..Props::default() });
    }

    /// Property 4: an operation that does not itself remove a reference (allocations,
    /// new edges, weak references, collections, automatic ones included) frees nothing that
    /// was reachable, before it, from the references the program still holds after it: the
    /// program's handles, and all they reach, stay alive.
    #[test]
    fn reachable_objects_are_never_freed(program in program(any_version(), reaction(), 2)) {
        run(&program, Props { reachable_survive: true, ..Props::default() });
    }
}

proptest! {
    #![proptest_config(config(1500))]

    /// Property 5: carrying out queued work with `Heap::step`, one smallest unit at a time
    /// as the viewer does, records exactly the events `Heap::drive` records.
    #[test]
    fn stepping_agrees_with_driving(program in program(any_version(), reaction(), 3)) {
        let stepped = Program { stepwise: true, ..program.clone() };
        let driven = Program { stepwise: false, ..program };
        assert_same_events(
            &run_traced(&stepped, Props::default()).1,
            &run_traced(&driven, Props::default()).1,
        );
    }

    /// Property 6: driving the heap with its trace off, when it takes shortcuts no trace
    /// would show, leaves the program seeing what stepping with the trace on shows it: the
    /// same actions in the same order, the same counts, lists and collector state after each
    /// operation.
    #[test]
    fn untraced_driving_agrees_with_traced_stepping(
        program in program(any_version(), reaction(), 3)
    ) {
        let stepped = Program { stepwise: true, ..program.clone() };
        let driven = Program { stepwise: false, ..program };
        assert_same_seen(&run_seen(&stepped, true), &run_seen(&driven, false));
    }
}

/// Not a property: how often each interesting event happens in the programs the properties
/// draw, to see that the strategies reach them (`cargo test --release --test properties --
/// --ignored --nocapture`).
#[test]
#[ignore]
fn coverage_summary() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let strategies = [
        ("any version", program(any_version(), reaction(), 2).boxed()),
        (
            "3.11",
            program(Just(PythonVersion::V3_11), reaction(), 2).boxed(),
        ),
        (
            "weak references",
            program(Just(PythonVersion::V3_11), reaction(), 6).boxed(),
        ),
    ];
    for (name, strategy) in strategies {
        let mut runner = TestRunner::deterministic();
        let mut tally = Tally::default();
        for _ in 0..2000 {
            let program = strategy.new_tree(&mut runner).unwrap().current();
            tally.add(&run_traced(&program, Props::ALL).0);
        }
        println!("{name}: {tally:#?}");
    }
}

// ----- regression tests: sequences worth keeping -----

/// A program with automatic collection at small thresholds, the teardown dropping the
/// newest reference first.
fn case(version: PythonVersion, reactions: Vec<Reaction>, ops: Vec<Op>) -> Program {
    Program {
        version,
        automatic: true,
        small_thresholds: true,
        oldest_first: false,
        stepwise: false,
        reactions,
        ops,
    }
}

/// `d["spam"] = d`: a dict whose keys are all `str` owns its keys though CPython's
/// `dict_traverse` skips them; the checker must count them (proptest's minimized case for
/// the checker's former miscount).
#[test]
fn str_keys_of_a_dict_are_counted() {
    use Op::*;
    let ops = vec![
        NewStr,
        NewDict,
        DictSet {
            dict: 0,
            key: 0,
            value: 0,
        },
    ];
    run(&case(PythonVersion::V3_11, vec![], ops), Props::ALL);
}

/// An allocation starts an automatic collection before the new list is tracked; the
/// collection runs `__del__` of a garbage cycle, which drops the new list at once. The
/// list dies before the heap gets to track it.
#[test]
fn del_drops_the_object_whose_allocation_collected() {
    use Op::*;
    run(
        &case(
            PythonVersion::V3_11,
            vec![Reaction::Drop(0)],
            vec![
                NewInstance { finalizer: true },
                SetAttr {
                    obj: 0,
                    attr: 0,
                    value: 0,
                },
                Unroot(0),
                NewList,
                NewList,
                NewList,
            ],
        ),
        Props::ALL,
    );
}

/// 3.3 rules: a cycle keeps an object with a legacy `__del__` alive only through a dict
/// key. The collector sets the object aside as uncollectable but clears the dict, so the
/// object dies by reference count in the middle of the collection, its weak reference's
/// callback runs, and the weak reference lets the callback go though it is still held.
#[test]
fn legacy_finalizer_freed_by_clearing_a_cycle_releases_a_callback() {
    use Op::*;
    let mut program = case(
        PythonVersion::V3_3,
        vec![],
        vec![
            NewInstance { finalizer: true },
            Weakref {
                target: 0,
                proxy: false,
                callback: Some(CallbackSpec {
                    closes_over: None,
                    keep: false,
                }),
            },
            NewDict,
            // d[obj] = d
            DictSet {
                dict: 0,
                key: 0,
                value: 0,
            },
            UnrootOldest,
            Unroot(0),
            FullCollect,
        ],
    );
    program.automatic = false;
    run(&program, Props::ALL);
}

/// A weak reference callback makes a weak reference, with a callback, to the function it
/// is; that function dies once called, so the new callback runs, and so on: the chain
/// ends only because the program's reactions run out.
#[test]
fn callbacks_making_weak_references_to_themselves() {
    use Op::*;
    run(
        &case(
            PythonVersion::V3_11,
            vec![Reaction::Weakref { callback: true }],
            vec![
                NewInstance { finalizer: false },
                Weakref {
                    target: 0,
                    proxy: false,
                    callback: Some(CallbackSpec {
                        closes_over: None,
                        keep: false,
                    }),
                },
                UnrootOldest,
            ],
        ),
        Props::ALL,
    );
}

/// `__del__` makes a weak reference with a callback to its own object, in a garbage cycle
/// (the collector already cleared the old weak references: the new one is cleared when
/// `tp_clear` frees the object) and at a death by reference count, in each version.
#[test]
fn del_makes_a_weak_reference_to_self() {
    use Op::*;
    for version in [
        PythonVersion::V3_3,
        PythonVersion::V3_11,
        PythonVersion::V3_12,
    ] {
        let ops = vec![
            NewInstance { finalizer: true },
            Weakref {
                target: 0,
                proxy: true,
                callback: None,
            },
            NewInstance { finalizer: true },
            SetAttr {
                obj: 0,
                attr: 0,
                value: 0,
            },
            Unroot(0),
            FullCollect,
            UnrootOldest,
        ];
        // The collection's start callbacks do nothing; `__del__` makes the weak reference;
        // its callback and everything after do nothing.
        let reactions = vec![
            Reaction::Nothing,
            Reaction::Weakref { callback: true },
            Reaction::Nothing,
            Reaction::Nothing,
        ];
        run(&case(version, reactions, ops), Props::ALL);
    }
}

/// A frozen object is held only by a garbage cycle and holds a cycle of its own. The full
/// collection leaves it out, clears the garbage, and the frozen object dies by reference
/// count, releasing its cycle only after the collection decided that cycle was reachable:
/// the cycle goes at the next collection.
#[test]
fn frozen_object_freed_by_clearing_garbage() {
    use Op::*;
    let ops = vec![
        NewInstance { finalizer: false },
        Freeze(true),
        NewList,
        // l.append(l); obj.a = l
        Link { from: 0, to: 0 },
        Link { from: 1, to: 0 },
        NewList,
        // g.append(g); g.append(obj)
        Link { from: 0, to: 0 },
        Link { from: 0, to: 2 },
        UnrootOldest,
        UnrootOldest,
        UnrootOldest,
        FullCollect,
    ];
    let mut program = case(PythonVersion::V3_11, vec![], ops);
    program.automatic = false;
    run(&program, Props::ALL);
}

/// An object with `__del__` and a list hold each other; a weak reference with a callback
/// names the object. Under 3.11 rules a full collection clears the weak reference and runs
/// its callback, then `__del__` resurrects the object, sparing the cycle; the weak
/// reference stays dead. Dropped again, the cycle goes at the next collection without a
/// second `__del__`. Under 3.3 rules the cycle is uncollectable: it lands in `gc.garbage`
/// and the weak reference keeps its referent.
#[test]
fn resurrected_cycle_collected_next_time() {
    use Op::*;
    for version in [PythonVersion::V3_3, PythonVersion::V3_11] {
        let ops = vec![
            NewInstance { finalizer: true },
            NewList,
            // l.append(obj); obj.a = l
            Link { from: 0, to: 1 },
            Link { from: 1, to: 0 },
            Weakref {
                target: 0,
                proxy: false,
                callback: Some(CallbackSpec {
                    closes_over: None,
                    keep: false,
                }),
            },
            Unroot(1),
            Unroot(1),
            FullCollect,
            Unroot(0),
            FullCollect,
        ];
        // Start callbacks, the weak reference callback and stop callbacks do nothing;
        // `__del__` keeps its object.
        let reactions = vec![
            Reaction::Nothing,
            Reaction::Nothing,
            Reaction::Keep,
            Reaction::Nothing,
        ];
        let mut program = case(version, reactions, ops);
        program.automatic = false;
        run(&program, Props::ALL);
    }
}
