//! Compile-time `SyntaxWarning`s against CPython, live: the same warnings, lines and order as
//! `compile()` issues with every warning shown (`warnings.simplefilter("always")`).

use super::harness::{assert_same, parse, py_str, python};
use weaklink_python::compile::compile_module_with_warnings;

const CASES: &[&str] = &[
    "x = 1\nif x is 1:\n    pass",
    "y = x is not 'a'",
    "y = 1 is x",
    "y = x is None or x is True or x is ...",
    "y = x is ()\nz = x is (1, 2)\nw = x is (a, b)",
    "y = x is -1",
    "y = not x is 1",
    "y = a is b is 1",
    "if a < b is 2:\n    pass",
    "while x is not 2:\n    x = 2",
    "try:\n    pass\nfinally:\n    z = x is 'a'",
    "y = [1, 2] (3)",
    "y = (1, 2) (3)\nz = 'a' (1)\nw = f'{x}' ()\nv = {1: 2} ()\nu = {1} ()\nt = (i for i in x) ()",
    "y = 1 [0]\nz = None [0]\nw = {1} [0]\nv = (lambda: 1) [0]\nu = ... [0]",
    "y = 'abc' ['a']\nz = [1, 2] ['a']\nw = (1, 2) [1.5]\nv = (a, b) [None]",
    "y = 'abc' [0]\nz = [1][x]\nw = 'ab' [1:2]\nv = (1, 2) [True]",
    "assert (x, 'message')\nassert ()\nassert x, 'fine'",
    "def f():\n    return x is 1",
    "class C:\n    y = [i is 1 for i in x]",
    "y = x is 1 if a is 2 else b is 3",
];

const PYTHON: &str = r#"
import warnings
for src in CASES:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compile(src, "<s>", "exec")
    print(" | ".join("%d %s %s" % (w.lineno, w.category.__name__, w.message) for w in caught))
"#;

#[test]
fn warnings_match_cpython() {
    let ours: Vec<String> = CASES
        .iter()
        .map(|src| {
            let (_, warnings) = compile_module_with_warnings(&parse(src))
                .unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
            warnings
                .iter()
                .map(|w| format!("{} {} {}", w.lineno, w.category, w.message))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    let list: Vec<String> = CASES.iter().map(|s| py_str(s)).collect();
    let script = format!("CASES = [{}]\n{PYTHON}", list.join(", "));
    let theirs: Vec<String> = python(&script).lines().map(str::to_string).collect();
    assert_same("warnings", CASES, &ours, &theirs);
}
