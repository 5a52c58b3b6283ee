//! Differential scenarios: short scripts run both on CPython 3.11 (live, the oracle) and on
//! the simulated heap; their outputs must agree line for line.
//!
//! A scenario file starts with an introduction, then holds sections:
//!
//! ```text
//! ## two instances in a cycle
//! # Comment lines explain what the scenario shows.
//! a = Obj('a')
//! b = Obj('b')
//! a.other = b
//! b.other = a
//! del a, b
//! collect          # prints what gc.collect() returns
//! ```
//!
//! The lines are Python statements over a few prelude names, or one-word commands:
//!
//! | line | Python run |
//! |---|---|
//! | `a = Obj('a')`, `Fin('a')`, `Res('a')` | instances whose `__init__` sets `self.name`; `Fin.__del__` prints `del a`; `Res.__del__` prints it and appends `self` to the list `saved` |
//! | `Fin('a', 'w')` | its `__del__` also prints `(w alive: True)`, whether the weakref bound to the name `w` still returns an object |
//! | `x = [a, 1]`, `(a, b)`, `{1: a, 'k': b}`, `None`, small ints, `'str'` | the same |
//! | `w = ref(a)`, `ref(a, 'w')`, `ref(a, 'w', drop=True)`, `proxy(...)` | `weakref.ref` / `weakref.proxy`, with a callback printing `callback w` (and, with `drop`, unbinding the global `w`) |
//! | `a.x = e`, `l[0] = e`, `d[1] = e`, `del a, a.x, l[0], d[1], l[:]` | the same |
//! | `l.append(e)`, `l.pop()`, `l.pop(0)`, `l.clear()`, `d.clear()`, `gc.garbage.clear()` | the same |
//! | `w()`, `a.x`, `l[0]`, `x is y`, `x is not y` | expressions, usable anywhere |
//! | `print(e)` | prints a str, int, bool or None |
//! | `try e` | prints `ok`, or the exception as `TypeError: message` |
//! | `collect`, `collect 0`, `collect 1` | prints `gc.collect(...)` |
//! | `refcount e`, `tracked e`, `alive w`, `weakcount e` | prints `sys.getrefcount(e)`, `gc.is_tracked(e)`, `w() is not None`, `weakref.getweakrefcount(e)` |
//! | `garbage`, `count` | prints `len(gc.garbage)`, `gc.get_count()` |
//! | `debug saveall`, `debug off` | `gc.set_debug(gc.DEBUG_SAVEALL)`, `gc.set_debug(0)` |
//!
//! The program CPython runs is generated from the parsed lines ([`Scenario::python`]), after
//! a prelude that disables automatic collection and ends with a full collection. On the heap,
//! the harness plays the interpreter: global names, the value stack and running frames are
//! its roots, and it runs `__del__` methods and callbacks when the heap asks.
//!
//! A line `#! known failure: <why>` right under a heading marks a scenario whose disagreement
//! cannot yet be blamed on either side; it must still disagree, and is reported each run.

mod eval;
mod parse;
mod python;
pub mod syntax;
mod world;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use syntax::Stmt;
use world::World;

/// One statement of a scenario and where it came from.
#[derive(Clone, Debug)]
pub struct Line {
    /// Line number in the file (1-based).
    pub number: usize,
    /// The text, without its comment.
    pub source: String,
    /// The parsed statement.
    pub stmt: Stmt,
}

/// A named scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The file it is in.
    pub file: String,
    /// Its heading.
    pub name: String,
    /// The heading's line number.
    pub number: usize,
    /// Its statements.
    pub lines: Vec<Line>,
    /// Why it is expected to disagree with CPython, if it is.
    pub known_failure: Option<String>,
}

/// The folder of scenario files.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios")
}

/// Drops a trailing `# comment` (strings never hold `#`).
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '#' if !quoted => return line[..i].trim_end(),
            _ => {}
        }
    }
    line.trim_end()
}

/// Reads and parses a scenario file; a syntax error panics with its place.
pub fn load(file: &str) -> Vec<Scenario> {
    let path = dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse_file(file, &text)
}

/// Parses the text of a scenario file named `file`.
pub fn parse_file(file: &str, text: &str) -> Vec<Scenario> {
    let mut scenarios: Vec<Scenario> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        if let Some(name) = raw.strip_prefix("## ") {
            let name = name.trim().to_string();
            assert!(
                scenarios.iter().all(|s| s.name != name),
                "{file}:{number}: a second scenario named `{name}`"
            );
            scenarios.push(Scenario {
                file: file.to_string(),
                name,
                number,
                lines: Vec::new(),
                known_failure: None,
            });
            continue;
        }
        let Some(current) = scenarios.last_mut() else {
            continue; // The file's introduction.
        };
        if let Some(why) = raw.strip_prefix("#! known failure:") {
            current.known_failure = Some(why.trim().to_string());
            continue;
        }
        let source = strip_comment(raw.trim());
        if source.is_empty() {
            continue;
        }
        let stmt = parse::parse(source)
            .unwrap_or_else(|e| panic!("{file}:{number}: cannot parse `{source}`: {e}"));
        current.lines.push(Line {
            number,
            source: source.to_string(),
            stmt,
        });
    }
    for s in &scenarios {
        assert!(
            !s.lines.is_empty(),
            "{file}:{}: `{}` is empty",
            s.number,
            s.name
        );
    }
    scenarios
}

impl Scenario {
    fn stmts(&self) -> Vec<Stmt> {
        self.lines.iter().map(|l| l.stmt.clone()).collect()
    }

    /// The Python program CPython runs.
    pub fn python(&self) -> String {
        python::program(&self.stmts())
    }

    /// What CPython prints.
    pub fn on_cpython(&self) -> Result<String, String> {
        python::run(&self.python())
    }

    /// What the simulated heap prints; a broken invariant or harness error is an `Err`.
    pub fn on_heap(&self) -> Result<String, String> {
        let stmts = self.stmts();
        let mut callbacks = Vec::new();
        for s in &stmts {
            s.callbacks(&mut callbacks);
        }
        let run = catch_unwind(AssertUnwindSafe(|| {
            let (mut world, mut heap) = World::new(&callbacks);
            for (i, line) in self.lines.iter().enumerate() {
                world.context = format!("{}:{}: `{}`", self.file, line.number, line.source);
                world.out.push(format!("{}{i}", python::MARK));
                if let Err(err) = world.exec(&mut heap, &line.stmt) {
                    world.out.push(format!("uncaught {}", err.0));
                    break;
                }
                world.check(&heap, "after the line");
            }
            world.out
        }));
        match run {
            Ok(out) => Ok(out.iter().map(|l| format!("{l}\n")).collect()),
            Err(payload) => Err(payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "the harness panicked".to_string())),
        }
    }

    /// Splits an output into what each statement printed.
    fn per_line(&self, output: &str) -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<String>> = Vec::new();
        for l in output.lines() {
            if l.starts_with(python::MARK) {
                groups.push(Vec::new());
            } else if let Some(g) = groups.last_mut() {
                g.push(l.to_string());
            } else {
                groups.push(vec![l.to_string()]);
            }
        }
        groups.resize(self.lines.len().max(groups.len()), Vec::new());
        groups
    }

    /// A side-by-side account of two outputs, statement by statement.
    pub fn report(&self, cpython: &str, heap: &str) -> String {
        let (c, h) = (self.per_line(cpython), self.per_line(heap));
        let mut text = String::new();
        let mut first = None;
        for (i, line) in self.lines.iter().enumerate() {
            let differs = c[i] != h[i];
            if differs && first.is_none() {
                first = Some(line);
            }
            text += &format!(
                "  {}{:>4} | {}\n",
                if differs { "!" } else { " " },
                line.number,
                line.source
            );
            if differs {
                text += &format!("         |     CPython:  {}\n", c[i].join(" / "));
                text += &format!("         |     weaklink: {}\n", h[i].join(" / "));
            } else {
                for out in &c[i] {
                    text += &format!("         |     {out}\n");
                }
            }
        }
        let head = match first {
            Some(l) => format!(
                "first difference at {}:{}: `{}`\n",
                self.file, l.number, l.source
            ),
            None => String::new(),
        };
        head + &text
    }
}

/// How one scenario went.
#[derive(Debug)]
pub enum Outcome {
    /// Same output as CPython.
    Agrees,
    /// A known failure that still disagrees.
    KnownFailure(String),
    /// A disagreement, a broken invariant, or a known failure that now agrees.
    Fails(String),
}

/// Runs one scenario on the heap and compares with what CPython printed (or why it could
/// not run). With `SCENARIO_VERBOSE` set in the environment, every transcript is written to
/// standard error.
pub fn run(s: &Scenario, cpython: Result<String, String>) -> Outcome {
    let title = format!("`{}` ({}:{})", s.name, s.file, s.number);
    let cpython = match cpython {
        Ok(out) => out,
        Err(e) => return Outcome::Fails(format!("{title}: CPython failed: {e}")),
    };
    let heap = match s.on_heap() {
        Ok(out) => out,
        Err(e) => return Outcome::Fails(format!("{title}: the heap run failed: {e}")),
    };
    if std::env::var_os("SCENARIO_VERBOSE").is_some() {
        eprintln!(
            "## {} ({}:{})\n{}",
            s.name,
            s.file,
            s.number,
            s.report(&cpython, &heap)
        );
    }
    compare(s, &cpython, &heap)
}

/// Judges the two outputs of a scenario.
pub fn compare(s: &Scenario, cpython: &str, heap: &str) -> Outcome {
    let title = format!("`{}` ({}:{})", s.name, s.file, s.number);
    match (cpython == heap, &s.known_failure) {
        (true, None) => Outcome::Agrees,
        (true, Some(_)) => Outcome::Fails(format!(
            "{title} is marked as a known failure but now agrees with CPython: remove the mark"
        )),
        (false, Some(why)) => Outcome::KnownFailure(format!(
            "{title}: known failure ({why})\n{}",
            s.report(cpython, heap)
        )),
        (false, None) => Outcome::Fails(format!(
            "{title} disagrees with CPython\n{}",
            s.report(cpython, heap)
        )),
    }
}

/// Runs every scenario of a file; panics listing each failure.
pub fn run_file(file: &str) {
    let scenarios = load(file);
    // The CPython runs are independent processes: start them all at once.
    let cpython: Vec<Result<String, String>> = std::thread::scope(|scope| {
        let runs: Vec<_> = scenarios
            .iter()
            .map(|s| scope.spawn(|| s.on_cpython()))
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("a CPython run"))
            .collect()
    });
    let mut failures = Vec::new();
    let mut known = 0;
    for (s, cpython) in scenarios.iter().zip(cpython) {
        match run(s, cpython) {
            Outcome::Agrees => {}
            Outcome::KnownFailure(text) => {
                known += 1;
                eprintln!("{text}");
            }
            Outcome::Fails(text) => failures.push(text),
        }
    }
    eprintln!(
        "{file}: {} scenarios, {} agree with CPython, {known} known failures, {} failures",
        scenarios.len(),
        scenarios.len() - known - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} scenarios in {file} failed:\n\n{}",
        failures.len(),
        scenarios.len(),
        failures.join("\n\n")
    );
}
