//! Table tests of `open()` and file objects on weaklink's in-memory file system, compared
//! live with python3 running each snippet in a fresh empty directory: see
//! `builtins/harness.rs`. One table runs with five descriptors at most (python3 under
//! `resource.setrlimit(RLIMIT_NOFILE)`, weaklink with `Options::max_open_files`), where the
//! third `open()` fails with `[Errno 24] Too many open files`.

#[path = "builtins/harness.rs"]
mod harness;

#[test]
fn files_match_cpython() {
    harness::assert_matches("files.txt", None);
}

#[test]
fn descriptor_limit_matches_cpython() {
    harness::assert_matches("files_limit.txt", Some(5));
}
