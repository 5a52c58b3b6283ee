//! The VM's caches change nothing a program can see: lookups along the MRO after classes
//! change, compared live with python3 (see `builtins/harness.rs`).

#[path = "builtins/harness.rs"]
mod harness;

#[test]
fn method_cache_follows_class_changes() {
    harness::assert_matches("../caches/method_cache.txt", None);
}
