//! Runs Python programs under stock CPython 3.11 and under CPython with the weakref prelude
//! swapped in, and compares what they print.
//!
//! The swap happens at startup: `tests/prelude/sitecustomize.py` is put on PYTHONPATH, `site`
//! imports it, and it loads the prelude's `_weakrefset.py` and `weakref.py` (from the folder
//! named by WEAKLINK_PRELUDE) into `sys.modules`. The program itself runs as an ordinary
//! `python3 program.py` in both cases, as `__main__`, so its module teardown and exit functions
//! behave alike.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// How many programs run at once.
const WORKERS: usize = 2;

/// Which `weakref` module a run uses.
#[derive(Clone, Copy)]
pub enum Weakref<'a> {
    /// CPython's own Lib/weakref.py and Lib/_weakrefset.py.
    Stock,
    /// The prelude files found in this folder.
    Prelude(&'a Path),
}

/// What a run of a program shows: what it printed, how it ended, and the last line it wrote to
/// stderr (the exception of a traceback; earlier lines name files and line numbers that differ
/// between the two modules).
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Everything written to stdout.
    pub stdout: String,
    /// The exit code, if the process exited normally.
    pub status: Option<i32>,
    /// The last non-empty line of stderr, or "" when stderr was empty.
    pub last_stderr_line: String,
}

/// crates/python, the package folder.
pub fn package_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// crates/python/prelude, where weakref.py and _weakrefset.py live.
pub fn prelude_dir() -> PathBuf {
    package_dir().join("prelude")
}

/// The python3 executable itself (not a launcher script in front of it, which would double
/// the start-up time), checked once to be CPython 3.11.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let out = Command::new("python3")
            .args([
                "-c",
                "import sys; print(sys.executable); print(sys.version_info[:2] == (3, 11))",
            ])
            .output()
            .expect("python3 must be on PATH: CPython 3.11 is the oracle");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = text.lines();
        let executable = lines.next().unwrap_or_default().to_owned();
        assert_eq!(
            lines.next(),
            Some("True"),
            "python3 must be CPython 3.11: {text}"
        );
        PathBuf::from(executable)
    })
}

/// Runs `program` (a file) with the chosen weakref module.
pub fn run(program: &Path, weakref: Weakref<'_>) -> Outcome {
    let mut command = Command::new(python());
    command
        .arg(program)
        .current_dir(program.parent().unwrap_or(Path::new(".")))
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONSTARTUP")
        .env_remove("WEAKLINK_PRELUDE");
    if let Weakref::Prelude(folder) = weakref {
        command
            .env("PYTHONPATH", package_dir().join("tests").join("prelude"))
            .env("WEAKLINK_PRELUDE", folder);
    }
    let out = command.output().expect("python3 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    Outcome {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        status: out.status.code(),
        last_stderr_line: stderr
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or_default()
            .to_owned(),
    }
}

/// A scratch folder for program files, removed when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    /// A fresh folder under the system's temporary directory.
    pub fn new(label: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("weaklink-prelude-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the scratch folder");
        Scratch(dir)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `source` as `<name>.py` and returns its path.
    pub fn write(&self, name: &str, source: &str) -> PathBuf {
        let path = self.0.join(format!("{name}.py"));
        std::fs::write(&path, source).expect("write a program");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One program's two outcomes.
pub struct Comparison {
    /// The program's name.
    pub name: String,
    /// Under stock CPython.
    pub stock: Outcome,
    /// With the prelude in place of weakref and _weakrefset.
    pub prelude: Outcome,
}

impl Comparison {
    /// A readable account of the two outcomes, for failure messages.
    pub fn describe(&self) -> String {
        format!(
            "--- {}\n[stock python3] status {:?}, stderr ends {:?}\n{}\n[prelude] status {:?}, \
             stderr ends {:?}\n{}",
            self.name,
            self.stock.status,
            self.stock.last_stderr_line,
            self.stock.stdout,
            self.prelude.status,
            self.prelude.last_stderr_line,
            self.prelude.stdout
        )
    }
}

/// Runs every program (name, path) under both modules, two at a time, in the given order.
pub fn compare_all(programs: &[(String, PathBuf)], prelude: &Path) -> Vec<Comparison> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Comparison>>> =
        Mutex::new(programs.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((name, path)) = programs.get(i) else {
                    break;
                };
                let comparison = Comparison {
                    name: name.clone(),
                    stock: run(path, Weakref::Stock),
                    prelude: run(path, Weakref::Prelude(prelude)),
                };
                results.lock().expect("no worker panicked")[i] = Some(comparison);
            });
        }
    });
    results
        .into_inner()
        .expect("no worker panicked")
        .into_iter()
        .map(|c| c.expect("every program ran"))
        .collect()
}

/// Fails listing every program whose two outcomes differ.
pub fn assert_all_match(comparisons: &[Comparison]) {
    let failures: Vec<String> = comparisons
        .iter()
        .filter(|c| c.stock != c.prelude)
        .map(Comparison::describe)
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} programs differ under the prelude:\n{}",
        failures.len(),
        comparisons.len(),
        failures.join("\n")
    );
}
