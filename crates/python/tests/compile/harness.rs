//! Compiling snippets, checking what comes out, and asking python3 about the same snippets.

use std::io::Write;
use std::process::{Command, Stdio};
use std::rc::Rc;

use weaklink_python::compile::{compile_module, verify_stack, CodeObject, Const, SyntaxError};
use weaklink_python::syntax::parse_module;

/// Parses `source` with weaklink's parser, which must accept it.
pub fn parse(source: &str) -> weaklink_python::syntax::ast::Module {
    parse_module(source).unwrap_or_else(|e| panic!("{source:?} does not parse: {e:?}"))
}

/// Compiles `source` and checks the stack of every code object.
pub fn compile(source: &str) -> Rc<CodeObject> {
    let code = compile_module(&parse(source)).unwrap_or_else(|e| panic!("{source:?}: {e:?}"));
    check_stacks(&code);
    code
}

/// The compile-time error of `source`, if any.
pub fn compile_error(source: &str) -> Option<SyntaxError> {
    compile_module(&parse(source)).err()
}

/// [`verify_stack`] on a code object and every code object nested in it.
pub fn check_stacks(code: &CodeObject) {
    for c in walk(code) {
        if let Err(e) = verify_stack(c) {
            panic!("{e}\n{}", weaklink_python::compile::disassemble(code));
        }
    }
}

/// The code object and those nested in its constants, depth first, in constant order.
pub fn walk(code: &CodeObject) -> Vec<&CodeObject> {
    let mut out = vec![code];
    for c in &code.consts {
        if let Const::Code(inner) = c {
            out.extend(walk(inner));
        }
    }
    out
}

/// Runs a Python script and returns what it printed.
pub fn python(script: &str) -> String {
    let mut child = Command::new("python3")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be on PATH");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "python3 failed on:\n{script}");
    String::from_utf8(output.stdout).expect("python3 wrote UTF-8")
}

/// A Python string literal holding `s`.
pub fn py_str(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Compares line by line, reporting every mismatch with its case.
pub fn assert_same(what: &str, cases: &[&str], ours: &[String], theirs: &[String]) {
    assert_eq!(ours.len(), theirs.len(), "{what}: case counts differ");
    let mut failures = Vec::new();
    for ((case, a), b) in cases.iter().zip(ours).zip(theirs) {
        if a != b {
            failures.push(format!("{case:?}\n  weaklink: {a}\n  CPython:  {b}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{what}: {} of {} differ\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
