//! The differential corpus: every program in `tests/cpython/` runs under python3 (live, in a
//! fresh empty directory) and on weaklink's VM, and the two must print the same bytes on
//! stdout and end with the same exit status. After each program the heap's invariants must
//! hold: every reference count equals the references the heap and the interpreter hold.
//!
//! `KNOWN_DIFFERENCES` lists programs weaklink does not yet run as CPython does; the test
//! fails if one of them starts to match (so the list only shrinks) or if any other differs.

mod differential;

use std::path::{Path, PathBuf};

use differential::{first_line_difference, run_python3, with_big_stack};
use weaklink_python::vm::{Options, Outcome, Vm};

/// Programs whose output does not match CPython's yet.
const KNOWN_DIFFERENCES: &[&str] = &["generations_automatic"];

/// What a run printed and how it ended.
#[derive(Debug, PartialEq)]
struct Run {
    stdout: String,
    status: i32,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython")
}

fn corpus() -> Vec<PathBuf> {
    let mut programs: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    programs
}

fn name_of(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn run_cpython(path: &Path) -> Run {
    let output = run_python3(path, &name_of(path));
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        status: output.status.code().unwrap_or(-1),
    }
}

/// Runs a program on weaklink's VM; the second value lists broken heap invariants.
fn run_weaklink(path: &Path) -> (Run, Vec<String>) {
    let source = std::fs::read_to_string(path).expect("corpus program");
    let mut vm = Vm::new(Options::default());
    let outcome = vm.run_program(&source, &path.display().to_string());
    let problems = match vm.heap.check(&vm.roots()) {
        Ok(()) => Vec::new(),
        Err(violations) => violations.iter().take(5).map(|v| v.to_string()).collect(),
    };
    let status = match outcome {
        Outcome::Finished => 0,
        _ => 1,
    };
    let run = Run {
        stdout: vm.stdout.clone(),
        status,
    };
    (run, problems)
}

#[test]
fn corpus_matches_cpython() {
    let programs = corpus();
    assert!(
        programs.len() >= 150,
        "corpus has {} programs",
        programs.len()
    );
    let mut differ = Vec::new();
    let mut now_match = Vec::new();
    let mut broken = Vec::new();
    for path in &programs {
        let name = name_of(path);
        let expected = run_cpython(path);
        let owned = path.clone();
        let result = std::panic::catch_unwind(|| with_big_stack(move || run_weaklink(&owned)));
        let (got, problems) = match result {
            Ok(r) => r,
            Err(_) => {
                differ.push(format!("{name}: the VM panicked"));
                continue;
            }
        };
        let known = KNOWN_DIFFERENCES.contains(&name.as_str());
        if !problems.is_empty() && !known {
            broken.push(format!("{name}: {}", problems.join("; ")));
        }
        if got == expected {
            if known {
                now_match.push(name);
            }
        } else if !known {
            differ.push(first_difference(&name, &expected, &got));
        }
    }
    let passed = programs.len() - differ.len() - KNOWN_DIFFERENCES.len() + now_match.len();
    eprintln!("corpus: {passed}/{} programs match python3", programs.len());
    assert!(
        differ.is_empty() && now_match.is_empty() && broken.is_empty(),
        "differ from python3:\n{}\n\nnow match (remove from KNOWN_DIFFERENCES):\n{}\n\nheap invariants broken:\n{}",
        differ.join("\n"),
        now_match.join("\n"),
        broken.join("\n")
    );
}

/// The first line where two runs part, for the failure message.
fn first_difference(name: &str, expected: &Run, got: &Run) -> String {
    if expected.status != got.status {
        return format!(
            "{name}: exit status {} (python3 {})",
            got.status, expected.status
        );
    }
    format!(
        "{name}: {}",
        first_line_difference(&expected.stdout, &got.stdout, "weaklink")
    )
}

/// Checks the heap's invariants at every event the VM reports (each new line, call, return
/// and exception) while no built-in function is running, up to a limit per program.
struct InvariantWatch {
    checks: usize,
    problems: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
}

impl weaklink_python::vm::Observer for InvariantWatch {
    fn event(&mut self, vm: &Vm, event: weaklink_python::vm::VmEvent) {
        if self.checks >= 400 || !vm.is_quiescent() {
            return;
        }
        self.checks += 1;
        if let Err(violations) = vm.heap.check(&vm.roots()) {
            let mut problems = self.problems.borrow_mut();
            if problems.is_empty() {
                problems.push(format!("at {event:?}: {}", violations[0]));
            }
        }
    }
}

#[test]
fn heap_invariants_hold_at_every_step() {
    let mut broken = Vec::new();
    for path in corpus() {
        let name = name_of(&path);
        if KNOWN_DIFFERENCES.contains(&name.as_str()) {
            continue;
        }
        let problems = with_big_stack(move || {
            let source = std::fs::read_to_string(&path).expect("corpus program");
            let problems = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
            let mut vm = Vm::new(Options::default());
            vm.set_observer(Box::new(InvariantWatch {
                checks: 0,
                problems: problems.clone(),
            }));
            vm.run_program(&source, "<corpus>");
            let found = problems.borrow().clone();
            found
        });
        if let Some(first) = problems.first() {
            broken.push(format!("{name}: {first}"));
        }
    }
    assert!(
        broken.is_empty(),
        "invariants broken:\n{}",
        broken.join("\n")
    );
}
