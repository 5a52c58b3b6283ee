//! Table tests of the methods of `str`, `list`, `tuple`, `dict` and `set`: every snippet in
//! `tests/methods/*.txt` runs under python3 (live, all snippets in one process, each in a
//! fresh namespace) and on a fresh weaklink VM, and the two must print the same lines.
//! Exceptions are printed as `!! TypeError message`, so error cases compare too. After each
//! snippet the heap's invariants must hold.
//!
//! A snippet is a line that does not start with white space, with the indented lines after
//! it (a `class` or `def`); `#` lines and blank lines are skipped. `sys` and `gc` are imported.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use weaklink_python::vm::{Options, Vm};

/// One snippet and where it comes from.
struct Case {
    /// `list.txt:12`.
    place: String,
    /// The snippet's source.
    source: String,
}

fn table_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/methods")
}

/// The snippets of every table, in file order.
fn cases() -> Vec<Case> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(table_dir())
        .expect("tests/methods")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut cases: Vec<Case> = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).expect("table file");
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let continued = line.starts_with(char::is_whitespace);
            match cases.last_mut() {
                Some(case) if continued => {
                    case.source.push('\n');
                    case.source.push_str(line);
                }
                _ => cases.push(Case {
                    place: format!("{name}:{}", n + 1),
                    source: line.to_string(),
                }),
            }
        }
    }
    cases
}

/// The program run for a snippet: errors are caught and printed.
fn wrap(source: &str) -> String {
    let mut program = String::from("import sys, gc\ntry:\n");
    for line in source.lines() {
        let _ = writeln!(program, "    {line}");
    }
    program.push_str("except Exception as e:\n    print('!!', type(e).__name__, e)\n");
    program
}

/// Runs every snippet under python3 in one process; the output of each.
fn python_outputs(cases: &[Case]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("weaklink-methods-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    for (i, case) in cases.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.py")), wrap(&case.source)).expect("snippet file");
    }
    let driver = "import sys, os\n\
        d, n = sys.argv[1], int(sys.argv[2])\n\
        for i in range(n):\n\
        \x20   src = open(os.path.join(d, f'{i}.py')).read()\n\
        \x20   print('\\x1e')\n\
        \x20   try:\n\
        \x20       exec(compile(src, '<test>', 'exec'), {'__name__': '__main__'})\n\
        \x20   except BaseException as e:\n\
        \x20       print('uncaught', type(e).__name__, e)\n";
    let output = Command::new("python3")
        .arg("-c")
        .arg(driver)
        .arg(&dir)
        .arg(cases.len().to_string())
        .env("PYTHONHASHSEED", "0")
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut parts: Vec<String> = stdout.split("\x1e\n").map(str::to_string).collect();
    assert_eq!(
        parts.remove(0),
        "",
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(parts.len(), cases.len(), "python3 ran every snippet");
    parts
}

/// Runs one snippet on a fresh VM: what it printed, and any broken heap invariants.
fn weaklink_output(source: &str) -> (String, Vec<String>) {
    let mut vm = Vm::new(Options::default());
    vm.run_program(&wrap(source), "<test>");
    let mut out = vm.stdout.clone();
    if !vm.stderr.is_empty() {
        let last = vm.stderr.lines().last().unwrap_or("");
        let _ = writeln!(out, "uncaught {}", last.replacen(": ", " ", 1));
    }
    let problems = match vm.heap.check(&vm.roots()) {
        Ok(()) => Vec::new(),
        Err(violations) => violations.iter().take(3).map(|v| v.to_string()).collect(),
    };
    (out, problems)
}

fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[test]
fn methods_match_cpython() {
    let cases = cases();
    assert!(cases.len() >= 100, "{} snippets", cases.len());
    let expected = python_outputs(&cases);
    let sources: Vec<String> = cases.iter().map(|c| c.source.clone()).collect();
    let got = with_big_stack(move || {
        sources
            .iter()
            .map(|s| weaklink_output(s))
            .collect::<Vec<_>>()
    });
    let mut report = String::new();
    for ((case, want), (out, problems)) in cases.iter().zip(&expected).zip(&got) {
        if out != want {
            let _ = writeln!(
                report,
                "{}: {}\n  python3:  {want:?}\n  weaklink: {out:?}",
                case.place, case.source
            );
        }
        if !problems.is_empty() {
            let _ = writeln!(report, "{}: heap: {}", case.place, problems.join("; "));
        }
    }
    assert!(report.is_empty(), "differences:\n{report}");
}
