//! Table tests of the builtins over iterables (`sorted`, `sum`, `min`, `max`, `any`, `all`,
//! `enumerate`, `zip`, `reversed`, `map`, `filter`), of `gc.get_objects`, `gc.get_stats`
//! and `sys.version_info`, compared live with python3: see `builtins/harness.rs`.

#[path = "builtins/harness.rs"]
mod harness;

#[test]
fn iterable_builtins_match_cpython() {
    harness::assert_matches("iter.txt", None);
}

#[test]
fn gc_and_sys_additions_match_cpython() {
    harness::assert_matches("gc_sys.txt", None);
}
