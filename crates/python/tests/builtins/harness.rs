//! Table tests compared live with python3: every snippet of a table runs under python3 (all
//! snippets in one process, each in a fresh namespace and a fresh empty directory) and on a
//! fresh weaklink VM, and the two must print the same lines. Exceptions are printed as
//! `!! TypeError message`, so error cases compare too. After each snippet the heap's
//! invariants must hold.
//!
//! A snippet is a line that does not start with white space, with the indented lines after
//! it (a `class`, `def` or `with`); `#` lines and blank lines are skipped. `sys` and `gc` are
//! imported.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use weaklink_python::vm::{Options, Vm};

/// One snippet and where it comes from.
pub struct Case {
    /// `iter.txt:12`.
    pub place: String,
    /// The snippet's source.
    pub source: String,
}

/// How a table runs.
pub struct Table {
    /// The file under `tests/builtins/`.
    pub file: &'static str,
    /// The limit of open descriptors (`RLIMIT_NOFILE` under python3, `max_open_files` on
    /// weaklink), if the table sets one.
    pub fd_limit: Option<usize>,
}

/// The snippets of a table, in file order.
pub fn cases(file: &str) -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/builtins")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("table file");
    let mut cases: Vec<Case> = Vec::new();
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
                place: format!("{file}:{}", n + 1),
                source: line.to_string(),
            }),
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

/// python3 runs each snippet in a new empty directory, with the descriptor limit set
/// while it runs, and collects garbage after it so the next starts with descriptor 3 free.
const DRIVER: &str = "import sys, os, gc, tempfile, resource
d, n, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
for i in range(n):
    with open(os.path.join(d, f'{i}.py')) as f:
        src = f.read()
    os.chdir(tempfile.mkdtemp(dir=d))
    print('\\x1e')
    if limit:
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    try:
        exec(compile(src, '<test>', 'exec'), {'__name__': '__main__'})
    except BaseException as e:
        print('uncaught', type(e).__name__, e)
    gc.collect()
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    sys.stdout.flush()
";

/// Runs every snippet under python3 in one process; the output of each.
fn python_outputs(cases: &[Case], fd_limit: Option<usize>) -> Vec<String> {
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "weaklink-builtins-{}-{}",
        std::process::id(),
        cases
            .first()
            .map_or("", |c| c.place.as_str())
            .replace(':', "-")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    for (i, case) in cases.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.py")), wrap(&case.source)).expect("snippet file");
    }
    let output = Command::new("python3")
        .arg("-c")
        .arg(DRIVER)
        .arg(&dir)
        .arg(cases.len().to_string())
        .arg(fd_limit.unwrap_or(0).to_string())
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
fn weaklink_output(source: &str, options: Options) -> (String, Vec<String>) {
    let mut vm = Vm::new(options);
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

/// Runs a table on both and returns a report of the differences (empty when none).
pub fn differences(table: &Table) -> String {
    let cases = cases(table.file);
    assert!(!cases.is_empty(), "{} has snippets", table.file);
    let expected = python_outputs(&cases, table.fd_limit);
    let options = Options {
        max_open_files: table.fd_limit.unwrap_or(Options::default().max_open_files),
        ..Options::default()
    };
    let sources: Vec<String> = cases.iter().map(|c| c.source.clone()).collect();
    let got = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            sources
                .iter()
                .map(|s| weaklink_output(s, options.clone()))
                .collect::<Vec<_>>()
        })
        .expect("thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
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
    report
}

/// Fails with the report unless the table prints the same as python3 and keeps the heap's
/// invariants.
pub fn assert_matches(file: &'static str, fd_limit: Option<usize>) {
    let report = differences(&Table { file, fd_limit });
    assert!(report.is_empty(), "differences:\n{report}");
}
