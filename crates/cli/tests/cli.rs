//! The `weaklink` binary, run as a learner runs it, compared live with python3 where the
//! two should agree.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `program` with `args`, feeding `stdin`.
fn run_with(program: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("finished")
}

fn weaklink(args: &[&str], stdin: &str) -> Output {
    run_with(env!("CARGO_BIN_EXE_weaklink"), args, stdin)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes `source` to a fresh file; returns its path.
fn program_file(source: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("weaklink-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("p{}.py", COUNT.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, source).expect("write program");
    path
}

const PROGRAMS: &[(&str, &str)] = &[
    ("print", "print('hello', 1, 2.5, [None, True])\n"),
    (
        "refcounts",
        "import sys\na = []\nb = [a, a]\nprint(sys.getrefcount(a))\ndel b\nprint(sys.getrefcount(a))\n",
    ),
    (
        "uncaught",
        "def f(d):\n    return d['missing']\nprint('before')\nf({})\nprint('after')\n",
    ),
    ("syntax error", "print('a'\nx = 1\n"),
    (
        "cycle and __del__",
        "import gc\nclass N:\n    def __del__(self):\n        print('del', self.name)\n\
         a = N(); a.name = 'a'\nb = N(); b.name = 'b'\na.other = b; b.other = a\ndel a, b\n\
         print('collected', gc.collect())\n",
    ),
    (
        "weakref callback and shutdown",
        "import weakref\nclass C:\n    pass\nc = C()\n\
         r = weakref.ref(c, lambda w: print('callback', w() is None))\ndel c\n\
         class D:\n    def __del__(self):\n        print('D at exit')\nd = D()\n",
    ),
];

#[test]
fn run_matches_python3() {
    for (name, source) in PROGRAMS {
        let path = program_file(source);
        let path = path.to_str().expect("utf-8 path");
        let ours = weaklink(&["run", path], "");
        let theirs = run_with("python3", &[path], "");
        assert_eq!(text(&ours.stdout), text(&theirs.stdout), "stdout of {name}");
        assert_eq!(ours.status.code(), theirs.status.code(), "status of {name}");
        let last_line = |o: &Output| text(&o.stderr).lines().last().map(str::to_string);
        assert_eq!(last_line(&ours), last_line(&theirs), "stderr of {name}");
    }
}

#[test]
fn command_line_mistakes_exit_with_status_2() {
    let missing = std::env::temp_dir().join("weaklink-cli-no-such-file.py");
    let missing = missing.to_str().expect("utf-8 path");
    let cannot_open =
        format!("weaklink: can't open file '{missing}': [Errno 2] No such file or directory\n");
    let table: &[(&[&str], &str)] = &[
        (&["run", missing], &cannot_open),
        (&["trace", missing], &cannot_open),
        (&[], "weaklink: no command given\n"),
        (&["fly"], "weaklink: unknown command 'fly'\n"),
        (
            &["run", "--fast", "x.py"],
            "weaklink: unknown option '--fast'\n",
        ),
        (&["run"], "weaklink: run: missing FILE\n"),
        (
            &["run", "--python", "2.7", "x.py"],
            "weaklink: --python: unknown version '2.7' (choose 3.3, 3.11 or 3.12)\n",
        ),
    ];
    for (args, first_line) in table {
        let out = weaklink(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(first_line), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // Usage errors show the usage; a missing file does not.
    assert!(text(&weaklink(&["fly"], "").stderr).contains("usage: weaklink"));
    assert!(!text(&weaklink(&["run", missing], "").stderr).contains("usage:"));
}

#[test]
fn help_prints_usage() {
    for args in [&["--help"][..], &["help"], &["run", "-h"]] {
        let out = weaklink(args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(text(&out.stdout).starts_with("usage: weaklink"), "{args:?}");
    }
}

#[test]
fn step_budget_stops_an_infinite_loop() {
    let path = program_file("print('start')\nn = 0\nwhile True:\n    n += 1\n");
    let path = path.to_str().expect("utf-8 path");
    for command in ["run", "trace"] {
        let started = std::time::Instant::now();
        let out = weaklink(&[command, "--max-steps", "5000", path], "");
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert!(text(&out.stdout).contains("start"), "{command}");
        assert!(
            text(&out.stderr).contains("weaklink stopped the program after 5000 steps"),
            "{command}: {}",
            text(&out.stderr)
        );
        assert!(started.elapsed().as_secs() < 5, "{command}");
    }
}

#[test]
fn python_version_modes() {
    let path =
        program_file("import sys\nprint(sys.getrefcount(None))\nprint(sys.getrefcount(7))\n");
    let path = path.to_str().expect("utf-8 path");
    let counts = |version: &str| -> Vec<i64> {
        let out = weaklink(&["run", "--python", version, path], "");
        assert_eq!(out.status.code(), Some(0), "{version}");
        text(&out.stdout)
            .lines()
            .map(|l| l.parse().expect("a count"))
            .collect()
    };
    let immortal = weaklink_heap::IMMORTAL_REFCOUNT;
    assert_eq!(counts("3.12"), [immortal, immortal]);
    for version in ["3.11", "3.3"] {
        for count in counts(version) {
            assert!(count > weaklink_heap::STATIC_BASE, "{version}: {count}");
            assert_ne!(count, immortal, "{version}");
        }
    }
}

const TRACED: &str = "import sys\na = [1]\nb = [a]\nprint(sys.getrefcount(a))\ndel b\n\
                      def f(x):\n    return len(x)\nf(a)\n";

#[test]
fn trace_text_shows_steps_objects_and_changes() {
    let path = program_file(TRACED);
    let out = weaklink(&["trace", path.to_str().expect("utf-8 path")], "");
    assert_eq!(out.status.code(), Some(0));
    let trace = text(&out.stdout);
    let markers = [
        "step 0 | call <module> | line 1\n",
        "step 3 | line | line 3\n    b = [a]\n  frame <module> (line 3): sys=module, a=#1\n",
        "  #1 list of 1 refcount=2 [0]->1\n",
        "  changed: new #2, #1 refcount 2->3\n  printed: 3\n",
        "  changed: #1 refcount 3->2, gone #2\n",
        "| call f | line 7\n    return len(x)\n",
        "  frame f (line 7): x=#1\n",
        "| return f | line 7\n",
        "| end | line 8\n",
        "steps; finished\n",
    ];
    for marker in markers {
        assert!(trace.contains(marker), "{marker:?} not in\n{trace}");
    }
}

#[test]
fn trace_json_is_valid_json() {
    let sources = [
        TRACED,
        "s = 'quote \" backslash \\\\ tab \\t'\nprint(s)\nprint('line\\nbreak')\n1/0\n",
    ];
    let check = "import json, sys\nrun = json.load(sys.stdin)\n\
                 print(run['outcome'], len(run['steps']) > 3, run['steps'][0]['kind'])\n\
                 print(''.join(s['printed'] for s in run['steps']) == run['stdout'])\n";
    let expected = [
        "finished True call\nTrue\n",
        "uncaught exception True call\nTrue\n",
    ];
    for (source, expected) in sources.iter().zip(expected) {
        let path = program_file(source);
        let out = weaklink(&["trace", "--json", path.to_str().expect("utf-8 path")], "");
        let json = text(&out.stdout);
        let parsed = run_with("python3", &["-c", check], &json);
        assert_eq!(text(&parsed.stderr), "", "{json}");
        assert_eq!(text(&parsed.stdout), expected, "{json}");
    }
}

const SESSIONS: &[(&str, &str)] = &[
    ("echo", "x = [1, 2]\nx\n'text'\nNone\n3 * 7\n_\n"),
    (
        "traceback and recovery",
        "1/0\ndef f():\n    return {}['k']\n\nf()\nprint('still here')\n",
    ),
    (
        "echo in blocks and the underscore's reference",
        "import sys\na = []\na\nsys.getrefcount(a)\nfor i in range(3):\n    i * 2\n\nb = 1; b\n",
    ),
    (
        "continuation lines",
        "x = [1,\n2,\n3]\nx\nif x:\n    print('yes')\nelse:\n    print('no')\n\n",
    ),
    ("syntax error", "1 +\nprint('after')\n"),
    (
        "__del__ at exit",
        "class A:\n    def __del__(self):\n        print('bye')\n\na = A()\n",
    ),
];

#[test]
fn repl_matches_python3_interactive() {
    for (name, session) in SESSIONS {
        let ours = weaklink(&["repl"], session);
        let theirs = run_with("python3", &["-q", "-i"], session);
        assert_eq!(text(&ours.stdout), text(&theirs.stdout), "stdout of {name}");
        assert_eq!(text(&ours.stderr), text(&theirs.stderr), "stderr of {name}");
        assert_eq!(ours.status.code(), Some(0), "{name}");
    }
}

#[test]
fn repl_sessions_only_weaklink_runs() {
    let table: &[(&[&str], &str, &str, &str)] = &[
        (
            &["repl", "--max-steps", "10000"],
            "def f():\n    while True: pass\n\nf()\nprint('alive')\n",
            "alive\n",
            "weaklink stopped the program after 10000 steps",
        ),
        (
            &["repl"],
            "x = 3\nexit()\nprint('not run')\n",
            "",
            ">>> >>> ",
        ),
        (
            &["repl", "--python", "3.12"],
            "import sys\nsys.getrefcount(None)\n",
            "4294967295\n",
            ">>> ",
        ),
    ];
    for (args, session, stdout, in_stderr) in table {
        let out = weaklink(args, session);
        assert_eq!(text(&out.stdout), *stdout, "{args:?} {session:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(in_stderr), "{args:?} {session:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn a_session_keeps_the_heap_consistent() {
    use weaklink_python::vm::{Outcome, Vm};
    let snippets: &[(&str, Outcome)] = &[
        ("a = [1, 2]\n", Outcome::Finished),
        ("a\n", Outcome::Finished),
        ("b = [a, _]\nb\n", Outcome::Finished),
        ("1/0\n", Outcome::Uncaught),
        ("for i in range(2):\n    [i]\n", Outcome::Finished),
        ("x = (\n", Outcome::SyntaxError),
        ("del a\n_\n", Outcome::Finished),
    ];
    let mut vm = Vm::new(Default::default());
    for (source, outcome) in snippets {
        assert_eq!(&vm.run_snippet(source, "<stdin>"), outcome, "{source:?}");
        if let Err(problems) = vm.heap.check(&vm.roots()) {
            panic!("after {source:?}: {}", problems[0]);
        }
    }
    vm.finish();
    assert_eq!(vm.stdout, "[1, 2]\n[[1, 2], [1, 2]]\n[0]\n[1]\n[1]\n");
    if let Err(problems) = vm.heap.check(&vm.roots()) {
        panic!("after finish: {}", problems[0]);
    }
}

/// The weak-cache exercise's folder.
fn weak_cache() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../exercises/weak-cache").to_string()
}

#[test]
fn check_runs_an_exercise_against_a_file() {
    let dir = weak_cache();
    let solution = format!("{dir}/solution.py");
    let missing = format!("{dir}/no-such-file.py");
    let bad_info = program_file("name = \"x\"\n");
    let bad_dir = bad_info
        .parent()
        .expect("a folder")
        .to_string_lossy()
        .into_owned();
    // (arguments, exit status, lines of stdout starting PASS, starting FAIL, stderr has)
    let table: Vec<(Vec<&str>, i32, usize, usize, &str)> = vec![
        (vec!["check", &dir], 1, 2, 4, ""),
        (vec!["check", &dir, &solution], 0, 6, 0, ""),
        (vec!["check", &dir, &missing], 2, 0, 0, "cannot read"),
        (vec!["check", "/no/such/exercise"], 2, 0, 0, "info.toml"),
        (vec!["check", &bad_dir], 2, 0, 0, "info.toml"),
    ];
    for (args, status, passes, fails, stderr) in table {
        let out = weaklink(&args, "");
        let stdout = text(&out.stdout);
        let count = |prefix: &str| stdout.lines().filter(|l| l.starts_with(prefix)).count();
        assert_eq!(out.status.code(), Some(status), "{args:?}: {stdout}");
        assert_eq!(
            (count("PASS "), count("FAIL ")),
            (passes, fails),
            "{args:?}: {stdout}"
        );
        assert!(
            text(&out.stderr).contains(stderr),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = weaklink(&["check", &dir], "");
    assert!(text(&out.stdout).contains(
        "FAIL same_object_while_held: get('grass') returned a different object while a client \
         still held the first one"
    ));
}
