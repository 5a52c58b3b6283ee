//! Modules written in Python that every interpreter loads at start, as CPython imports
//! `weakref` (and `_weakrefset`) while it starts up: the weak collections, `WeakMethod` and
//! `finalize` of `prelude/weakref.py` and `prelude/_weakrefset.py`.

use std::rc::Rc;

use crate::compile::{compile_module, CodeObject};
use crate::syntax::parse_module;

use super::{PyResult, SourceFile, Vm};

/// The prelude's modules in the order they load: (module name, file name, source).
const PRELUDE: &[(&str, &str, &str)] = &[
    (
        "_weakrefset",
        "<weaklink>/_weakrefset.py",
        include_str!("../../prelude/_weakrefset.py"),
    ),
    (
        "weakref",
        "<weaklink>/weakref.py",
        include_str!("../../prelude/weakref.py"),
    ),
];

thread_local! {
    /// The prelude compiled once per thread.
    static COMPILED: Vec<Rc<CodeObject>> = PRELUDE
        .iter()
        .map(|&(name, _, source)| {
            let module = parse_module(source)
                .unwrap_or_else(|e| panic!("prelude module {name} does not parse: {e}"));
            compile_module(&module)
                .unwrap_or_else(|e| panic!("prelude module {name} does not compile: {e}"))
        })
        .collect();
}

impl Vm {
    /// Remembers a source file for tracebacks; returns its index.
    pub(crate) fn add_source(&mut self, name: &str, source: &str) -> usize {
        self.sources.push(SourceFile {
            name: name.into(),
            lines: source.lines().map(str::to_string).collect(),
        });
        self.sources.len() - 1
    }

    /// Runs the prelude's modules. They are part of weaklink and known to run; a failure is
    /// a defect of weaklink itself, reported on stderr.
    pub(crate) fn load_prelude(&mut self) {
        let codes = COMPILED.with(|c| c.clone());
        for (&(name, file, source), code) in PRELUDE.iter().zip(codes) {
            if let Err(raised) = self.run_source_module(name, file, source, code) {
                self.stderr
                    .push_str(&format!("weaklink: the prelude module {name} failed:\n"));
                if let super::Raised::Exception(exc) = raised {
                    self.print_traceback(exc);
                    self.release(exc);
                }
            }
        }
    }

    fn run_source_module(
        &mut self,
        name: &str,
        file: &str,
        source: &str,
        code: Rc<CodeObject>,
    ) -> PyResult<()> {
        let (_, dict) = crate::modules::new_module(self, name);
        let file_obj = self.new_str(file);
        self.define(dict, "__file__", file_obj);
        self.release(file_obj);
        let index = self.add_source(file, source);
        self.module_sources.insert(dict, index);
        self.run_in_namespace(code, dict)
    }
}
