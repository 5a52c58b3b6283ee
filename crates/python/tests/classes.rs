//! Table tests of instances and classes (`__dict__` as CPython 3.11 materializes it,
//! `__slots__`, `__weakref__`, subclasses of built-in types) and of the binary operators'
//! results and messages, compared live with python3: see `builtins/harness.rs`.

#[path = "builtins/harness.rs"]
mod harness;

#[test]
fn instance_attributes_match_cpython() {
    harness::assert_matches("../classes/attrs.txt", None);
}

#[test]
fn builtin_subclasses_match_cpython() {
    harness::assert_matches("../classes/subclasses.txt", None);
}

#[test]
fn operators_match_cpython() {
    harness::assert_matches("../classes/operators.txt", None);
}
