//! The weakref prelude (`prelude/weakref.py`, `prelude/_weakrefset.py`) is plain Python, so
//! CPython 3.11 can run it in place of its own Lib/weakref.py and Lib/_weakrefset.py. Every
//! program here runs twice, under stock python3 and with the prelude swapped in, and must
//! print the same: reference counts, collector results, callback order and exit-time
//! finalizers included. Programs come from the tables in `tests/prelude/cases_*.rs` and from
//! the differential corpus `tests/cpython/*.py` (those that import weakref).

#[path = "prelude/harness.rs"]
mod harness;

#[path = "prelude/cases_key_dicts_and_sets.rs"]
mod cases_key_dicts_and_sets;
#[path = "prelude/cases_method_and_finalize.rs"]
mod cases_method_and_finalize;
#[path = "prelude/cases_module.rs"]
mod cases_module;
#[path = "prelude/cases_value_dicts.rs"]
mod cases_value_dicts;

use harness::{Scratch, Weakref};
use std::path::PathBuf;

/// Every table of programs.
fn all_cases() -> Vec<(&'static str, &'static str)> {
    [
        cases_value_dicts::CASES,
        cases_key_dicts_and_sets::CASES,
        cases_method_and_finalize::CASES,
        cases_module::CASES,
    ]
    .concat()
}

/// A program telling which files its weakref modules came from.
const WHICH_MODULES: &str = "import weakref, _weakrefset
print(weakref.__file__)
print(_weakrefset.__file__)
print(weakref.WeakSet is _weakrefset.WeakSet)
";

#[test]
fn the_prelude_is_what_runs() {
    let scratch = Scratch::new("which");
    let program = scratch.write("which", WHICH_MODULES);
    let prelude = harness::prelude_dir();
    let expected = format!(
        "{}\n{}\nTrue\n",
        prelude.join("weakref.py").display(),
        prelude.join("_weakrefset.py").display()
    );
    let with_prelude = harness::run(&program, Weakref::Prelude(&prelude));
    assert_eq!(with_prelude.stdout, expected, "{with_prelude:?}");
    let stock = harness::run(&program, Weakref::Stock);
    assert_eq!(stock.status, Some(0), "{stock:?}");
    assert!(
        !stock.stdout.contains(&*prelude.display().to_string()),
        "stock python3 must use its own weakref: {stock:?}"
    );
}

#[test]
fn own_programs_match_stock_cpython() {
    let cases = all_cases();
    let mut names: Vec<&str> = cases.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");

    let scratch = Scratch::new("own");
    let programs: Vec<(String, PathBuf)> = cases
        .iter()
        .map(|(name, source)| (name.to_string(), scratch.write(name, source)))
        .collect();
    let comparisons = harness::compare_all(&programs, &harness::prelude_dir());
    for c in &comparisons {
        assert!(
            !c.stock.stdout.trim().is_empty(),
            "{}: a program that prints nothing checks nothing",
            c.name
        );
        assert_eq!(
            c.stock.status,
            Some(0),
            "{}: the program fails under stock python3\n{}",
            c.name,
            c.describe()
        );
    }
    println!("{} own programs", comparisons.len());
    harness::assert_all_match(&comparisons);
}

#[test]
fn corpus_programs_that_import_weakref_match_stock_cpython() {
    let folder = harness::package_dir().join("tests").join("cpython");
    let mut programs: Vec<(String, PathBuf)> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
            .filter(|path| {
                std::fs::read_to_string(path).is_ok_and(|source| {
                    source.lines().any(|line| {
                        let line = line.trim_start();
                        (line.starts_with("import ") || line.starts_with("from "))
                            && line.contains("weakref")
                    })
                })
            })
            .map(|path| (path.display().to_string(), path))
            .collect(),
        Err(_) => Vec::new(),
    };
    programs.sort();
    assert!(
        !programs.is_empty() || !folder.exists(),
        "the corpus in {} has programs importing weakref",
        folder.display()
    );
    let comparisons = harness::compare_all(&programs, &harness::prelude_dir());
    println!("{} corpus programs import weakref", comparisons.len());
    harness::assert_all_match(&comparisons);
}

/// (what changes, prelude file, text replaced, replacement, the case that must notice)
const MUTANTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "exit finalizers run oldest first",
        "weakref.py",
        "f = pending.pop()",
        "f = pending.pop(0)",
        "fin_at_exit",
    ),
    (
        "WeakSet's len ignores pending removals",
        "_weakrefset.py",
        "return len(self.data) - len(self._pending_removals)",
        "return len(self.data)",
        "ws_iteration",
    ),
    (
        "WeakValueDictionary's callback deletes the key whatever it holds",
        "weakref.py",
        "_atomic_removal(self.data, wr.key)",
        "del self.data[wr.key]",
        "wvd_replace_value",
    ),
    (
        "WeakKeyDictionary's del leaves _dirty_len alone",
        "weakref.py",
        "self._dirty_len = True\n        del self.data[ref(key)]",
        "del self.data[ref(key)]",
        "wkd_pending_len",
    ),
    (
        "WeakMethod's callback holds the method strongly",
        "weakref.py",
        "self_wr = ref(self)",
        "self_wr = lambda: self",
        "wm_structure",
    ),
];

#[test]
fn a_changed_prelude_is_noticed() {
    let cases = all_cases();
    let scratch = Scratch::new("mutants");
    let mut programs = Vec::new();
    for (i, (what, file, from, to, case)) in MUTANTS.iter().enumerate() {
        let folder = scratch.path().join(format!("mutant{i}"));
        std::fs::create_dir_all(&folder).expect("create a mutant folder");
        for name in ["weakref.py", "_weakrefset.py"] {
            let mut text = std::fs::read_to_string(harness::prelude_dir().join(name))
                .expect("read the prelude");
            if name == *file {
                assert_eq!(
                    text.matches(from).count(),
                    1,
                    "{what}: {from:?} occurs once"
                );
                text = text.replace(from, to);
            }
            std::fs::write(folder.join(name), text).expect("write a mutant");
        }
        let source = cases
            .iter()
            .find(|(name, _)| name == case)
            .map(|(_, source)| *source)
            .expect("the mutant's case exists");
        let program = scratch.write(&format!("mutant{i}_{case}"), source);
        programs.push((what, folder, program));
    }
    for (what, folder, program) in &programs {
        let stock = harness::run(program, Weakref::Stock);
        let mutant = harness::run(program, Weakref::Prelude(folder));
        assert_ne!(stock, mutant, "the mutant \"{what}\" went unnoticed");
    }
}
