//! Tracebacks of uncaught exceptions, compared whole with python3's stderr (run live): the
//! `File` lines, the source lines and the carets under the part that failed.

mod differential;

use differential::{first_line_difference, run_python3, scratch_dir, with_big_stack};
use weaklink_python::vm::{Options, Vm};

/// Programs that end with an uncaught exception, each showing one shape of caret line.
const PROGRAMS: &[(&str, &str)] = &[
    ("name_in_call", "print(undefined_name)\n"),
    ("whole_line", "undefined_name\n"),
    ("binary_operator", "x = 1\ny = x + 'a'\n"),
    ("two_char_operator", "a = 7\nb = 0\nc = a // b\n"),
    ("whole_line_binary", "1 / 0\n"),
    ("subscript", "d = {'a': 1}\nv = d['missing']\n"),
    ("index", "items = [1, 2]\nitems[5]\n"),
    ("attribute", "class A:\n    pass\na = A()\nprint(a.size)\n"),
    (
        "nested_calls",
        "def add(a, b):\n    return a + b\n\ndef middle(x):\n    y = add(x, 's')\n    return y\n\nmiddle(1)\n",
    ),
    ("method_call", "items = []\nitems.pop()\n"),
    ("raise_statement", "def f():\n    raise ValueError('no')\nf()\n"),
    (
        "multi_line_call",
        "def f(a, b):\n    return a / b\nresult = f(\n    1,\n    0,\n)\n",
    ),
    (
        "chained",
        "try:\n    {}['k']\nexcept KeyError:\n    raise RuntimeError('while handling')\n",
    ),
    ("unicode", "café = [1]\nprint(café[3])\n"),
    ("tab_indent", "def f():\n\treturn missing\nf()\n"),
    ("recursion", "def f(n):\n    return f(n + 1)\nf(0)\n"),
    (
        "mutual_recursion",
        "def ping(n):\n    return pong(n)\ndef pong(n):\n    return ping(n)\nping(0)\n",
    ),
    (
        "in_loop",
        "for i in range(3):\n    if i == 2:\n        print(10 // (i - 2))\n",
    ),
];

#[test]
fn tracebacks_match_cpython() {
    let dir = scratch_dir("tracebacks");
    let mut problems = Vec::new();
    for &(name, source) in PROGRAMS {
        let path = dir.join(format!("{name}.py"));
        std::fs::write(&path, source).expect("program written");
        let expected = String::from_utf8_lossy(&run_python3(&path, name).stderr).into_owned();
        let shown = path.display().to_string();
        let program = source.to_string();
        let got = with_big_stack(move || {
            let mut vm = Vm::new(Options::default());
            vm.run_program(&program, &shown);
            vm.stderr
        });
        if got != expected {
            problems.push(format!(
                "{name}: {}",
                first_line_difference(&expected, &got, "weaklink")
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
