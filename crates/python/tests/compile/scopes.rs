//! Scopes against CPython, live: for every code object of every snippet, its name, first
//! line, parameter counts and flags, local variable names (in CPython's order), cells and
//! free variables must be exactly what CPython 3.11's `compile()` gives.

use super::harness::{assert_same, compile, py_str, python, walk};
use weaklink_python::compile::CodeObject;

/// Snippets exercising the symbol table.
pub const CASES: &[&str] = &[
    "x = 1\ndel x",
    "\n\n# a module's code starts on line 1\nx = 1",
    "def f(a, b=1, *args, c, d=2, **kw):\n    e = a\n    return e",
    "def f(a, /, b, *, c):\n    pass",
    "def f():\n    x = 1\n    def g():\n        return x\n    return g",
    "def f(a):\n    def g():\n        return a\n    return g",
    "def f(a, b):\n    def g():\n        nonlocal b\n        b = a\n    return g",
    "def f():\n    global g\n    g = 1\n    return h",
    "x = 0\ndef f():\n    global x\n    x += 1",
    "def f():\n    x = 1\n    def g():\n        def h():\n            return x\n        return h\n    return g",
    "def f():\n    x = 1\n    class C:\n        y = x\n        def m(self):\n            return x\n    return C",
    "def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            return x\n    return C",
    "class C:\n    def m(self):\n        return super().m()",
    "class C:\n    def m(self):\n        return __class__",
    "class C:\n    def m(self):\n        return 1",
    "class C:\n    class D:\n        def m(self):\n            return super()",
    "def f(xs):\n    return [x * 2 for x in xs]",
    "def f(xs, k):\n    return [x * k for x in xs if x]",
    "def f(xs):\n    return {x: y for x in xs for y in x}",
    "def f(xs):\n    return (x for x in xs)",
    "def f(xs):\n    return [[y for y in x] for x in xs]",
    "def f(xs):\n    return [y := x for x in xs], y",
    "[y := x for x in range(3)]",
    "def f():\n    yield 1",
    "def f():\n    x = yield\n    yield from x",
    "lambda: 1",
    "lambda a, *b, c=1, **d: a",
    "def f(a):\n    return lambda: a",
    "def f():\n    try:\n        pass\n    except E as e:\n        pass",
    "def f():\n    import os.path\n    import a.b as c\n    from m import x, y as z",
    "def f():\n    with a as (b, c):\n        d = b\n    for i, j in x:\n        k = i",
    "def f():\n    a, *b = c\n    [d, e] = f\n    g.h = i\n    j[k] = l",
    "def f(a):\n    a += 1\n    b: int = 2\n    c: int\n    return c",
    "class C:\n    __x = 1\n    def __m(self, __a):\n        self.__y = __a\n        return __x",
    "def f():\n    def g():\n        x = 1\n        def h():\n            nonlocal x\n            x = 2\n        return h\n    return g",
    "def f():\n    x = 1\n    def g():\n        global x\n        def h():\n            return x\n        return h\n    return g",
    "def f():\n    @dec\n    def g(): pass\n    @dec\n    class C: pass\n    return g, C",
    "def f(a):\n    del a\n    b = 1\n    del b\n    def g():\n        return b",
    "def f(*, a=1, b): return a",
    "def outer():\n    def f(self): return super()\n    return f",
    "def f(x):\n    return {x for x in x}",
    "def f():\n    print(__class__ if False else 1)",
    "class C:\n    x = [i for i in range(3)]\n    y = (lambda: x)",
];

/// CPython's record of one code object.
const PYTHON: &str = r#"
import types
def walk(co):
    yield co
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            yield from walk(c)
def rec(co):
    flags = "".join(n for n, b in (("V", 4), ("K", 8), ("G", 0x20)) if co.co_flags & b)
    return "%s@%d %d/%d/%d %s [%s] cells[%s] free[%s]" % (co.co_qualname, co.co_firstlineno,
        co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, flags,
        " ".join(co.co_varnames), " ".join(co.co_cellvars), " ".join(co.co_freevars))
for src in CASES:
    print(" ; ".join(rec(c) for c in walk(compile(src, "<s>", "exec"))))
"#;

fn record(code: &CodeObject) -> String {
    let mut flags = String::new();
    for (on, c) in [
        (code.varargs, 'V'),
        (code.varkeywords, 'K'),
        (code.generator, 'G'),
    ] {
        if on {
            flags.push(c);
        }
    }
    let join = |v: &[std::rc::Rc<str>]| {
        v.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "{}@{} {}/{}/{} {} [{}] cells[{}] free[{}]",
        code.qualname,
        code.first_line,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        flags,
        join(&code.varnames),
        join(&code.cellvars),
        join(&code.freevars)
    )
}

#[test]
fn scopes_match_cpython() {
    let ours: Vec<String> = CASES
        .iter()
        .map(|src| {
            walk(&compile(src))
                .into_iter()
                .map(record)
                .collect::<Vec<_>>()
                .join(" ; ")
        })
        .collect();
    let list: Vec<String> = CASES.iter().map(|s| py_str(s)).collect();
    let script = format!("CASES = [{}]\n{PYTHON}", list.join(", "));
    let theirs: Vec<String> = python(&script).lines().map(str::to_string).collect();
    assert_same("scopes", CASES, &ours, &theirs);
}
