//! The VM's caches and fast paths change nothing a program can see: lookups along the MRO
//! after classes change, names in namespaces as they are rebound, added and removed, and
//! calls of Python functions, compared live with python3 (see `builtins/harness.rs`).

#[path = "builtins/harness.rs"]
mod harness;

#[test]
fn method_cache_follows_class_changes() {
    harness::assert_matches("../caches/method_cache.txt", None);
}

#[test]
fn calls_match_cpython() {
    harness::assert_matches("../caches/calls.txt", None);
}

#[test]
fn namespace_lookups_follow_changes() {
    harness::assert_matches("../caches/namespaces.txt", None);
}
