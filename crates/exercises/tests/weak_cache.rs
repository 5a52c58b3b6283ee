//! The weak-cache exercise: the reference solution passes every check, the starter and a set
//! of wrong solutions fail exactly the checks they should, on weaklink's VM and, since the
//! checks are real Python, under python3 too.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use weaklink_exercises::{load, run_checks, Exercise};

fn exercise() -> Exercise {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../exercises/weak-cache");
    load(&dir).expect("the weak-cache exercise loads")
}

/// A cache that holds its objects strongly.
const STRONG_DICT: &str = "
class WeakCache:
    def __init__(self, factory):
        self.factory = factory
        self.objects = {}
    def get(self, key):
        if key not in self.objects:
            self.objects[key] = self.factory(key)
        return self.objects[key]
    def __len__(self):
        return len(self.objects)
";

/// A cache of weak references that never forgets a dead entry.
const COUNTS_DEAD_ENTRIES: &str = "
import weakref
class WeakCache:
    def __init__(self, factory):
        self.factory = factory
        self.refs = {}
    def get(self, key):
        ref = self.refs.get(key)
        obj = ref() if ref is not None else None
        if obj is None:
            obj = self.factory(key)
            self.refs[key] = weakref.ref(obj)
        return obj
    def __len__(self):
        return len(self.refs)
";

/// A cache whose entries are freed only by the cycle collector.
const NEEDS_GC: &str = "
import weakref
class WeakCache:
    def __init__(self, factory):
        self.factory = factory
        self.boxes = weakref.WeakValueDictionary()
    def get(self, key):
        box = self.boxes.get(key)
        if box is None:
            box = Box(self.factory(key))
            self.boxes[key] = box
        box.obj.box = box
        return box.obj
    def __len__(self):
        return len(self.boxes)
class Box:
    def __init__(self, obj):
        self.obj = obj
";

/// A cache that remembers only the last key.
const ONE_KEY: &str = "
import weakref
class WeakCache:
    def __init__(self, factory):
        self.factory = factory
        self.key = None
        self.ref = None
    def get(self, key):
        obj = self.ref() if self.ref is not None and self.key == key else None
        if obj is None:
            obj = self.factory(key)
            self.key, self.ref = key, weakref.ref(obj)
        return obj
    def __len__(self):
        return 1 if self.ref is not None and self.ref() is not None else 0
";

/// A cache with a mistake in its code.
const NAME_ERROR: &str = "
class WeakCache:
    def __init__(self, factory):
        self.factory = factory
    def get(self, key):
        return factry(key)
    def __len__(self):
        return 0
";

/// Each wrong solution and the checks it must fail (the others must pass).
fn wrong_solutions(starter: &str) -> Vec<(&'static str, String, Vec<&'static str>)> {
    vec![
        (
            "the starter",
            starter.to_string(),
            vec![
                "check_same_object_while_held",
                "check_factory_runs_once_per_live_key",
                "check_len_counts_live_entries",
                "check_several_keys",
            ],
        ),
        (
            "a plain dict",
            STRONG_DICT.to_string(),
            vec![
                "check_cache_does_not_keep_objects_alive",
                "check_new_object_after_release",
                "check_len_counts_live_entries",
            ],
        ),
        (
            "dead entries counted",
            COUNTS_DEAD_ENTRIES.to_string(),
            vec!["check_len_counts_live_entries"],
        ),
        (
            "freed only by gc.collect()",
            NEEDS_GC.to_string(),
            vec![
                "check_cache_does_not_keep_objects_alive",
                "check_new_object_after_release",
                "check_len_counts_live_entries",
            ],
        ),
        (
            "one key only",
            ONE_KEY.to_string(),
            vec!["check_len_counts_live_entries", "check_several_keys"],
        ),
        (
            "a NameError",
            NAME_ERROR.to_string(),
            vec![
                "check_same_object_while_held",
                "check_factory_runs_once_per_live_key",
                "check_cache_does_not_keep_objects_alive",
                "check_new_object_after_release",
                "check_len_counts_live_entries",
                "check_several_keys",
            ],
        ),
    ]
}

/// The checks a solution fails on weaklink's VM, each with its message.
fn failures_on_weaklink(exercise: &Exercise, solution: &str) -> Vec<(String, String)> {
    run_checks(exercise, solution)
        .into_iter()
        .filter(|r| !r.passed)
        .map(|r| (r.name, r.message))
        .collect()
}

/// The checks a solution fails under python3.
fn failures_on_cpython(exercise: &Exercise, solution: &str) -> Vec<String> {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("weaklink-exercise-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let mut failed = Vec::new();
    for check in &exercise.checks {
        let program = format!("{solution}\n{}\n{}()\n", exercise.checks_source, check.name);
        let path = dir.join("exercise.py");
        std::fs::write(&path, program).expect("the program is written");
        let status = Command::new("python3")
            .arg(&path)
            .env("PYTHONHASHSEED", "0")
            .output()
            .expect("python3 runs (CPython 3.11 must be on PATH)")
            .status;
        if !status.success() {
            failed.push(check.name.clone());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    failed
}

#[test]
fn the_reference_solution_passes_every_check() {
    let exercise = exercise();
    assert_eq!(exercise.checks.len(), 6);
    assert_eq!(exercise.hints.len(), 3);
    let results = run_checks(&exercise, &exercise.solution);
    for result in &results {
        assert!(result.passed, "{}: {}", result.name, result.message);
        assert_eq!(result.failed_line, None);
    }
    assert_eq!(
        failures_on_cpython(&exercise, &exercise.solution),
        Vec::<String>::new()
    );
}

#[test]
fn wrong_solutions_fail_the_checks_they_should_here_and_under_cpython() {
    let exercise = exercise();
    for (what, solution, expected) in wrong_solutions(&exercise.starter) {
        let failed = failures_on_weaklink(&exercise, &solution);
        let names: Vec<&str> = failed.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, expected, "{what} on weaklink: {failed:#?}");
        for (name, message) in &failed {
            assert!(
                !message.is_empty(),
                "{what}: {name} failed without a message"
            );
        }
        assert_eq!(
            failures_on_cpython(&exercise, &solution),
            expected,
            "{what} under python3"
        );
    }
}

#[test]
fn failures_explain_what_they_saw() {
    let exercise = exercise();
    let cases = [
        (
            exercise.starter.as_str(),
            "check_same_object_while_held",
            "get('grass') returned a different object while a client still held the first one",
        ),
        (
            STRONG_DICT,
            "check_cache_does_not_keep_objects_alive",
            "after the last client let go of the object for 'water', it was still alive: \
             something in the cache holds a strong reference to it",
        ),
        (
            COUNTS_DEAD_ENTRIES,
            "check_len_counts_live_entries",
            "after the client of 'a' let go, len(cache) was 2 instead of 1",
        ),
        (
            NAME_ERROR,
            "check_same_object_while_held",
            "NameError: name 'factry' is not defined (line 6 of your code)",
        ),
    ];
    for (solution, check, expected) in cases {
        let result = run_checks(&exercise, solution)
            .into_iter()
            .find(|r| r.name == check)
            .expect("the check exists");
        assert_eq!(result.message, expected, "{check}");
        let line = result.failed_line.expect("a failing line") as usize;
        assert!(line >= 1 && line <= result.program.lines().count());
    }
}
