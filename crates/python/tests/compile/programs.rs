//! Every program of the differential corpus (`tests/cpython/*.py`) compiles, every code
//! object in it keeps its stack discipline, and the trees of weaklink's parser compile to
//! exactly what CPython's own trees compile to.

use super::harness::{check_stacks, parse};
use super::{errors, pyast, scopes};
use weaklink_python::compile::{compile_module, disassemble};

fn corpus() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cpython");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the corpus directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    paths.sort();
    assert!(paths.len() > 10, "the corpus has programs");
    paths
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect()
}

#[test]
fn corpus_compiles() {
    for (path, source) in corpus() {
        let code = compile_module(&parse(&source)).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        check_stacks(&code);
    }
}

/// The compiler's output (or error) for weaklink's tree and for CPython's tree of the same
/// source: any difference is a difference between the two trees that the compiler sees.
#[test]
fn parser_trees_compile_like_cpython_trees() {
    let mut sources: Vec<(String, String)> = corpus();
    for case in scopes::CASES.iter().chain(errors::CASES) {
        sources.push((format!("{case:?}"), case.to_string()));
    }
    let refs: Vec<&str> = sources.iter().map(|(_, s)| s.as_str()).collect();
    let outcome = |tree: &weaklink_python::syntax::ast::Module| match compile_module(tree) {
        Ok(code) => disassemble(&code),
        Err(e) => format!("{} {} {}", e.msg, e.lineno, e.offset),
    };
    let mut differ = Vec::new();
    for ((name, source), theirs) in sources.iter().zip(pyast::parse_all(&refs)) {
        let theirs = theirs.unwrap_or_else(|e| panic!("{name}: CPython cannot parse it: {e:?}"));
        if outcome(&parse(source)) != outcome(&theirs) {
            differ.push(name.clone());
        }
    }
    assert!(
        differ.is_empty(),
        "compiled differently from CPython's trees: {differ:#?}"
    );
}
