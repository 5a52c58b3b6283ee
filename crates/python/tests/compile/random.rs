//! Random programs against CPython, live: a few hundred programs made of every kind of
//! statement, nested at random (loops, `try`, `with`, functions, classes, `global`,
//! `nonlocal`, `yield`, `break`, `return` in odd places), each either compiles in both or
//! fails in both with the same message, line and offset; what compiles keeps its stack
//! discipline.

use super::harness::{assert_same, check_stacks, py_str, python};
use weaklink_python::compile::compile_module;
use weaklink_python::syntax::parse_module;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NAMES: &[&str] = &["a", "b", "x", "y", "__debug__"];

fn name(r: &mut Rng) -> String {
    // `__debug__` is rare: assigning it is an error.
    if r.below(40) == 0 {
        "__debug__".into()
    } else {
        r.pick(&NAMES[..4]).into()
    }
}

fn expr(r: &mut Rng, depth: usize) -> String {
    if depth == 0 {
        return match r.below(4) {
            0 => r.below(10).to_string(),
            1 => "None".into(),
            _ => name(r),
        };
    }
    let d = depth - 1;
    match r.below(16) {
        0 => format!("{} + {}", expr(r, d), expr(r, d)),
        1 => format!("{} < {} < {}", expr(r, d), expr(r, d), expr(r, d)),
        2 => format!("{} and not {}", expr(r, d), expr(r, d)),
        3 => format!("f({}, k={}, *{})", expr(r, d), expr(r, d), name(r)),
        4 => format!("{}.attr", name(r)),
        5 => format!("{}[{}]", name(r), expr(r, d)),
        6 => format!(
            "[{} for {} in {} if {}]",
            expr(r, d),
            name(r),
            expr(r, d),
            expr(r, d)
        ),
        7 => format!("(lambda {}: {})", name(r), expr(r, d)),
        8 => format!("({} := {})", name(r), expr(r, d)),
        9 => format!("{} if {} else {}", expr(r, d), expr(r, d), expr(r, d)),
        10 => format!("{} is {}", expr(r, d), expr(r, d)),
        11 => format!("(yield {})", expr(r, d)),
        12 => format!(
            "{{{}: {} for {} in {}}}",
            name(r),
            expr(r, d),
            name(r),
            expr(r, d)
        ),
        13 => format!("o.m({}, {})", expr(r, d), expr(r, d)),
        14 => format!("({}, *{})", expr(r, d), name(r)),
        _ => format!("f'{{{}!r}}'", expr(r, d)),
    }
}

fn block(r: &mut Rng, depth: usize, indent: usize, out: &mut Vec<String>) {
    let n = 1 + r.below(3);
    for _ in 0..n {
        stmt(r, depth, indent, out);
    }
}

fn stmt(r: &mut Rng, depth: usize, indent: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    let simple = depth == 0 || r.below(3) == 0;
    if simple {
        let line = match r.below(17) {
            0 => format!("{} = {}", name(r), expr(r, 2)),
            1 => format!("{} += {}", name(r), expr(r, 1)),
            2 => format!("del {}", name(r)),
            3 => "pass".into(),
            4 => "break".into(),
            5 => "continue".into(),
            6 => format!("return {}", expr(r, 1)),
            7 => format!("yield {}", expr(r, 1)),
            8 => format!("global {}", name(r)),
            9 => format!("nonlocal {}", name(r)),
            10 => format!("{}, *{} = {}", name(r), name(r), expr(r, 1)),
            11 => format!("{}.attr = {}", name(r), expr(r, 1)),
            12 => format!("print({})", expr(r, 2)),
            13 => "raise".into(),
            14 => format!("assert {}, {}", expr(r, 1), expr(r, 1)),
            15 => format!("from m import {}", name(r)),
            _ => format!("{}: int = {}", name(r), expr(r, 1)),
        };
        out.push(format!("{pad}{line}"));
        return;
    }
    let d = depth - 1;
    let inner = indent + 4;
    match r.below(8) {
        0 => {
            out.push(format!("{pad}if {}:", expr(r, 2)));
            block(r, d, inner, out);
            if r.below(2) == 0 {
                out.push(format!("{pad}else:"));
                block(r, d, inner, out);
            }
        }
        1 => {
            out.push(format!("{pad}while {}:", expr(r, 1)));
            block(r, d, inner, out);
        }
        2 => {
            out.push(format!("{pad}for {} in {}:", name(r), expr(r, 1)));
            block(r, d, inner, out);
            if r.below(3) == 0 {
                out.push(format!("{pad}else:"));
                block(r, d, inner, out);
            }
        }
        3 => {
            out.push(format!("{pad}try:"));
            block(r, d, inner, out);
            let handlers = r.below(3);
            for _ in 0..handlers {
                // Not `__debug__`: CPython ignores the error of that store and reports a
                // later one without a line.
                out.push(format!("{pad}except E as {}:", r.pick(&NAMES[..4])));
                block(r, d, inner, out);
            }
            if handlers == 0 || r.below(2) == 0 {
                out.push(format!("{pad}finally:"));
                block(r, d, inner, out);
            }
        }
        4 => {
            out.push(format!(
                "{pad}with {} as {}, {}:",
                expr(r, 1),
                name(r),
                expr(r, 1)
            ));
            block(r, d, inner, out);
        }
        5 => {
            out.push(format!("{pad}def f({}, k={}):", name(r), expr(r, 1)));
            block(r, d, inner, out);
        }
        6 => {
            out.push(format!("{pad}class C({}):", name(r)));
            block(r, d, inner, out);
        }
        _ => {
            out.push(format!("{pad}@deco"));
            out.push(format!("{pad}def g():"));
            block(r, d, inner, out);
        }
    }
}

/// The programs: each a module of a few nested statements.
pub fn programs() -> Vec<String> {
    let mut r = Rng(0x5eed_1234_abcd_0001);
    (0..400)
        .map(|_| {
            let mut lines = Vec::new();
            block(&mut r, 3, 0, &mut lines);
            lines.join("\n") + "\n"
        })
        .collect()
}

const PYTHON: &str = r#"
import ast, warnings
warnings.simplefilter("ignore")
for src in CASES:
    try:
        ast.parse(src)
    except SyntaxError as e:
        print("parser: %s" % e.msg)
        continue
    try:
        compile(src, "<s>", "exec")
        print("ok")
    except SyntaxError as e:
        print("%s|%s|%s" % (e.msg, e.lineno, e.offset))
"#;

#[test]
fn random_programs_compile_like_cpython() {
    let sources = programs();
    let list: Vec<String> = sources.iter().map(|s| py_str(s)).collect();
    let script = format!("CASES = [{}]\n{PYTHON}", list.join(", "));
    let theirs: Vec<String> = python(&script).lines().map(str::to_string).collect();
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    let mut expected = Vec::new();
    for (source, theirs) in sources.iter().zip(theirs) {
        // Programs CPython's own parser rejects test the parser, not the compiler.
        if theirs.starts_with("parser: ") {
            continue;
        }
        let Ok(tree) = parse_module(source) else {
            continue;
        };
        let outcome = match compile_module(&tree) {
            Ok(code) => {
                check_stacks(&code);
                "ok".to_string()
            }
            Err(e) => format!("{}|{}|{}", e.msg, e.lineno, e.offset),
        };
        cases.push(source.as_str());
        ours.push(outcome);
        expected.push(theirs);
    }
    assert!(
        cases.len() > 200,
        "most random programs parse ({} did)",
        cases.len()
    );
    let compiled = expected.iter().filter(|e| *e == "ok").count();
    assert!(
        compiled > 20,
        "some random programs compile ({compiled} did)"
    );
    assert_same("random programs", &cases, &ours, &expected);
}
