//! What the differential tests share: running a program under python3 the way the corpus
//! does (live, in a fresh empty directory, with `PYTHONHASHSEED=0`), and running the VM on a
//! thread with room for the parser's deepest nesting.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh empty directory under the system's temporary directory.
pub fn scratch_dir(label: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "weaklink-corpus-{}-{n}-{label}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs the program at `path` under python3 in a fresh empty directory named after `label`,
/// with string hashing fixed, and removes the directory afterwards.
pub fn run_python3(path: &Path, label: &str) -> Output {
    let dir = scratch_dir(label);
    let output = Command::new("python3")
        .arg(path)
        .current_dir(&dir)
        .env("PYTHONHASHSEED", "0")
        .env_remove("PYTHONSTARTUP")
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_dir_all(&dir);
    output
}

/// Runs `f` on a thread with a stack large enough for the parser's deepest nesting.
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The first line where `got` (what `source` printed or shows) parts from python3's `want`.
pub fn first_line_difference(want: &str, got: &str, source: &str) -> String {
    let want: Vec<&str> = want.lines().collect();
    let have: Vec<&str> = got.lines().collect();
    for i in 0..want.len().max(have.len()) {
        let (w, h) = (want.get(i), have.get(i));
        if w != h {
            return format!(
                "line {}: python3 {:?}, {source} {:?}",
                i + 1,
                w.unwrap_or(&"<end>"),
                h.unwrap_or(&"<end>")
            );
        }
    }
    "differs in line endings".to_string()
}
