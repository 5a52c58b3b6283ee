//! Table tests of the methods of `str`, `list`, `tuple`, `dict` and `set`: every snippet in
//! `tests/methods/*.txt` runs under python3 and on a fresh weaklink VM, and the two must
//! print the same lines, with the heap's invariants holding after each: see
//! `builtins/harness.rs`.

#[path = "builtins/harness.rs"]
mod harness;

/// The tables, under `tests/methods/`.
const TABLES: &[&str] = &[
    "../methods/dict.txt",
    "../methods/iteration.txt",
    "../methods/list.txt",
    "../methods/set.txt",
    "../methods/str.txt",
];

#[test]
fn the_tables_have_snippets() {
    let snippets: usize = TABLES.iter().map(|t| harness::cases(t).len()).sum();
    assert!(snippets >= 100, "{snippets} snippets");
}

#[test]
fn methods_match_cpython() {
    for &file in TABLES {
        harness::assert_matches(file, None);
    }
}
