//! The heap against CPython 3.11, live.
//!
//! Each file under `tests/scenarios/` holds short scripts (see [`scenario`] for the
//! language). Every script runs twice: as a Python program on `python3`, which is the oracle,
//! and on the simulated heap, where the harness plays the interpreter. The two outputs must
//! agree line for line; no expected output is written down anywhere. The heap's invariants
//! are checked after every operation and inside every `__del__` and callback it asks for.

mod scenario;

/// One test per scenario file.
macro_rules! scenario_files {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[doc = concat!("The scenarios of `tests/scenarios/", $file, "`.")]
            #[test]
            fn $test() {
                scenario::run_file($file);
            }
        )*

        /// Every file the table runs.
        const FILES: &[&str] = &[$($file),*];
    };
}

scenario_files! {
    refcounts => "refcounts.txt",
    release_order => "release_order.txt",
    cycles => "cycles.txt",
    generations => "generations.txt",
    tracking => "tracking.txt",
    weakref_callbacks => "weakref_callbacks.txt",
    weakref_objects => "weakref_objects.txt",
    finalizers => "finalizers.txt",
    resurrection => "resurrection.txt",
    saveall => "saveall.txt",
}

#[test]
fn every_scenario_file_is_in_the_table() {
    let mut on_disk: Vec<String> = std::fs::read_dir(scenario::dir())
        .expect("the scenario folder")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

/// The harness itself: a scenario whose output differs from CPython's fails, and says where.
#[test]
fn a_disagreement_fails_and_is_located() {
    let text = "## a list holding itself\nl = []\nl.append(l)\ndel l\ncollect\n";
    let s = &scenario::parse_file("inline.txt", text)[0];
    let cpython = s.on_cpython().expect("python3 runs the scenario");
    let heap = s.on_heap().expect("the heap runs the scenario");
    assert!(matches!(
        scenario::compare(s, &cpython, &heap),
        scenario::Outcome::Agrees
    ));
    let wrong = heap.replace("\n1\n", "\n7\n");
    assert_ne!(wrong, heap, "the heap's output has the collection's result");
    match scenario::compare(s, &cpython, &wrong) {
        scenario::Outcome::Fails(report) => {
            assert!(report.contains("first difference at inline.txt:5: `collect`"));
            assert!(report.contains("CPython:  1"));
            assert!(report.contains("weaklink: 7"));
        }
        other => panic!("a disagreement passed: {other:?}"),
    }
}

/// A scenario marked as a known failure must still fail: one that agrees fails the test.
#[test]
fn a_known_failure_that_agrees_fails() {
    let text = "## fixed\n#! known failure: not really\nrefcount []\n";
    let s = &scenario::parse_file("inline.txt", text)[0];
    let cpython = s.on_cpython().expect("python3 runs the scenario");
    let heap = s.on_heap().expect("the heap runs the scenario");
    assert!(matches!(
        scenario::compare(s, &cpython, &heap),
        scenario::Outcome::Fails(_)
    ));
}
