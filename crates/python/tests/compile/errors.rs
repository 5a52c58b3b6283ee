//! Compile-time `SyntaxError`s against CPython, live: programs that parse but do not compile
//! must fail with CPython's message, line and offset (`compile()`'s `msg`, `lineno`,
//! `offset`), and programs close to them must compile.

use super::harness::{assert_same, compile_error, py_str, python};

pub const CASES: &[&str] = &[
    "return 1",
    "x = 1\nreturn",
    "class C:\n    return 1",
    "break",
    "if x:\n    break",
    "continue",
    "def f():\n    for x in y:\n        def g():\n            break",
    "for x in y:\n    pass\nelse:\n    continue",
    "while x:\n    try:\n        pass\n    finally:\n        continue",
    "while x:\n    try:\n        pass\n    except E:\n        break",
    "yield 1",
    "class C:\n    yield 1",
    "class C:\n    x = yield from y",
    "def f():\n    return [(yield x) for x in y]",
    "def f():\n    return {(yield x) for x in y}",
    "def f():\n    return {x: (yield) for x in y}",
    "def f():\n    return ((yield) for x in y)",
    "def f():\n    return [x for x in (yield y)]",
    "nonlocal x",
    "def f():\n    nonlocal x",
    "class C:\n    nonlocal x",
    "def f():\n    x = 1\n    class C:\n        nonlocal x\n        x = 2",
    "def f(a):\n    nonlocal a",
    "def f():\n    print(x)\n    global x",
    "def f():\n    x = 1\n    global x",
    "def f(x):\n    global x",
    "print(x)\nglobal x",
    "def f():\n    x: int = 1\n    global x",
    "def f():\n    global x\n    x: int = 1",
    "def f():\n    global x\n    nonlocal x",
    "def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x",
    "def f(x, x): pass",
    "def f(x, *, x): pass",
    "def f(a, b, **b): pass",
    "lambda x, x: 1",
    "def f():\n    from m import *",
    "a, *b, *c = d",
    "[*a, *b] = c",
    "x = *a",
    "print(*a)",
    "a = *b, c",
    "[i := 0 for i in range(3)]",
    "[x for x in (y := [1])]",
    "[x for x in y for z in (w := x)]",
    "class C:\n    [y := 1 for x in z]",
    "def f():\n    [y := x for x in z]\n    return y",
    "f(a=1, a=2)",
    "f(a=1, **k, a=2)",
    "class C(a=1, a=2): pass",
    "for i in x:\n    def g():\n        continue",
    "def f():\n    class C:\n        def m(self):\n            nonlocal q",
    "def f():\n    q = 1\n    class C:\n        def m(self):\n            nonlocal q\n            q = 2",
    "x = 'é'; return 1",
    "def f():\n  if x:\n    return 1\n  yield 2",
    "async_ = 1\ndef f():\n    global async_\n    async_ = 2",
    "__debug__ = 1",
    "del __debug__",
    "x.__debug__ = 1",
    "f(__debug__=1)",
    "o.m(__debug__=1)",
    "def f(__debug__): pass",
    "lambda *__debug__: 1",
    "for __debug__ in x: pass",
    "import __debug__",
    "class C:\n    __debug__ = 1",
    "print(__debug__)",
    "def f(a, a, __debug__): pass",
    "o.m(a=1, a=2)",
    "with a:\n    break",
    "try:\n    pass\nfinally:\n    with a:\n        continue",
];

const PYTHON: &str = r#"
for src in CASES:
    try:
        compile(src, "<s>", "exec")
        print("ok")
    except SyntaxError as e:
        print("%s|%s|%s" % (e.msg, e.lineno, e.offset))
"#;

#[test]
fn compile_errors_match_cpython() {
    let ours: Vec<String> = CASES
        .iter()
        .map(|src| match compile_error(src) {
            None => "ok".to_string(),
            Some(e) => format!("{}|{}|{}", e.msg, e.lineno, e.offset),
        })
        .collect();
    let list: Vec<String> = CASES.iter().map(|s| py_str(s)).collect();
    let script = format!("CASES = [{}]\n{PYTHON}", list.join(", "));
    let theirs: Vec<String> = python(&script).lines().map(str::to_string).collect();
    assert_same("compile errors", CASES, &ours, &theirs);
}

/// Blocks nest at most 20 deep in one function; recursion in deeply nested expressions is
/// bounded.
#[test]
fn nesting_limits() {
    let mut src = String::new();
    for depth in 0..21 {
        src.push_str(&" ".repeat(depth));
        src.push_str(&format!("for x{depth} in y:\n"));
    }
    src.push_str(&" ".repeat(21));
    src.push_str("pass\n");
    let e = compile_error(&src).expect("21 nested loops are too many");
    assert_eq!(e.msg, "too many statically nested blocks");
    let theirs = python(&format!(
        "try:\n    compile({}, '<s>', 'exec')\nexcept SyntaxError as e:\n    print(e.msg, e.lineno, e.offset)\n",
        py_str(&src)
    ));
    assert_eq!(format!("{} {} {}\n", e.msg, e.lineno, e.offset), theirs);
}

/// Deeply nested expressions compile within half a MiB of stack (release builds; debug
/// builds' frames are many times larger) up to the nesting limit, and fail with an error, not a
/// crash, beyond it.
#[test]
fn deep_nesting_is_bounded() {
    use weaklink_python::syntax::ast::{Constant, Expr, ExprContext, Module, Operator, Span, Stmt};
    let chain = |depth: usize| {
        let span = Span {
            lineno: 1,
            col_offset: 0,
            end_lineno: 1,
            end_col_offset: 1,
        };
        let one = || Expr::Constant {
            value: Constant::Int(1),
            kind: None,
            span,
        };
        let name = || Expr::Name {
            id: "y".into(),
            ctx: ExprContext::Load,
            span,
        };
        let mut e = name();
        for _ in 0..depth {
            e = Expr::BinOp {
                left: Box::new(e),
                op: Operator::Add,
                right: Box::new(one()),
                span,
            };
        }
        let target = Expr::Name {
            id: "x".into(),
            ctx: ExprContext::Store,
            span,
        };
        Module {
            body: vec![Stmt::Assign {
                targets: vec![target],
                value: Box::new(e),
                span,
            }],
        }
    };
    let stack = if cfg!(debug_assertions) {
        64 << 20
    } else {
        1 << 19
    };
    let run = move |depth: usize| {
        let tree = chain(depth);
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || {
                let r = weaklink_python::compile::compile_module(&tree)
                    .err()
                    .map(|e| e.msg);
                // The tree is freed iteratively-enough here: dropping it is not under test.
                std::mem::forget(tree);
                r
            })
            .unwrap()
            .join()
            .expect("compiling does not overflow the stack")
    };
    assert_eq!(run(990), None);
    let too_deep = Some("maximum recursion depth exceeded during compilation".to_string());
    assert_eq!(run(1010), too_deep);
    assert_eq!(run(2000), too_deep);
}
