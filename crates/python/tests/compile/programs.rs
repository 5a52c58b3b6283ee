//! Every program of the differential corpus (`tests/cpython/*.py`) compiles, and every code
//! object in it keeps its stack discipline.

use super::harness::check_stacks;
use super::pyast;
use weaklink_python::compile::compile_module;

#[test]
fn corpus_compiles() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cpython");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the corpus directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    paths.sort();
    assert!(paths.len() > 10, "the corpus has programs");
    let sources: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    for (path, tree) in paths.iter().zip(pyast::parse_all(&refs)) {
        let tree =
            tree.unwrap_or_else(|e| panic!("{}: CPython cannot parse it: {e:?}", path.display()));
        let code = compile_module(&tree).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        check_stacks(&code);
    }
}
