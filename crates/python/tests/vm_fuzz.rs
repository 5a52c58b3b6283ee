//! Learner input is untrusted: mutated corpus programs and programs of random lines must
//! end in a Python exception, a finished run or the step budget, never a panic or a hang,
//! and leave the heap consistent.

use std::path::Path;

use weaklink_python::vm::{Options, Vm};

/// A small deterministic generator (xorshift), so a failure can be reproduced.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("program"))
        .collect()
}

/// One mutation of a program's lines: delete, duplicate, swap, or splice a line from
/// another program.
fn mutate(rng: &mut Rng, program: &str, donor: &str) -> String {
    let mut lines: Vec<String> = program.lines().map(str::to_string).collect();
    let donor: Vec<&str> = donor.lines().collect();
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(5) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let line = lines[i].clone();
                lines.insert(i, line);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            3 => lines.insert(i, donor[rng.below(donor.len())].to_string()),
            _ => {
                // Cut a line short somewhere.
                let line = &lines[i];
                let cut = rng.below(line.len() + 1);
                let cut = (0..=cut)
                    .rev()
                    .find(|&c| line.is_char_boundary(c))
                    .unwrap_or(0);
                lines[i] = line[..cut].to_string();
            }
        }
    }
    lines.join("\n") + "\n"
}

/// Runs a program with a small budget; returns a description of what went wrong.
fn run(source: String) -> Result<(), String> {
    let shown = source.clone();
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut vm = Vm::new(Options {
                max_steps: 20_000,
                ..Options::default()
            });
            vm.run_program(&source, "<fuzz>");
            vm.heap
                .check(&vm.roots())
                .map_err(|v| format!("heap invariant broken: {}", v[0]))
        })
        .expect("thread");
    match handle.join() {
        Ok(Ok(())) => Ok(()),
        Ok(Err(problem)) => Err(format!("{problem} in:\n{shown}")),
        Err(_) => Err(format!("the VM panicked on:\n{shown}")),
    }
}

#[test]
fn mutated_corpus_programs_never_panic() {
    let programs = corpus();
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let mut failures = Vec::new();
    for round in 0..600 {
        let program = &programs[round % programs.len()];
        let donor = &programs[rng.below(programs.len())];
        let source = mutate(&mut rng, program, donor);
        if let Err(problem) = run(source) {
            failures.push(problem);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 600 failed; first:\n{}",
        failures.len(),
        failures[0]
    );
}

#[test]
fn programs_of_random_lines_never_panic() {
    let programs = corpus();
    let lines: Vec<&str> = programs.iter().flat_map(|p| p.lines()).collect();
    let mut rng = Rng(0x0dd_ba11_c0ff_ee42);
    let mut failures = Vec::new();
    for _ in 0..300 {
        let count = 1 + rng.below(12);
        let source: String = (0..count)
            .map(|_| format!("{}\n", lines[rng.below(lines.len())].trim_start()))
            .collect();
        if let Err(problem) = run(source) {
            failures.push(problem);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 300 failed; first:\n{}",
        failures.len(),
        failures[0]
    );
}

/// Tokens a learner's program is made of, including the ones that open and close blocks,
/// strings and brackets, so that random streams reach the parser's error paths.
const TOKENS: &[&str] = &[
    "x",
    "y",
    "l1",
    "obj",
    "self",
    "gc",
    "sys",
    "weakref",
    "print",
    "len",
    "range",
    "0",
    "1",
    "2.5",
    "10**9",
    "'s'",
    "\"t\"",
    "'''",
    "f'{x}'",
    "f'{",
    "None",
    "True",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ".",
    ";",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "<",
    ">=",
    "+=",
    "->",
    "@",
    "\\",
    "#",
    "lambda",
    "def",
    "class",
    "return",
    "yield",
    "if",
    "elif",
    "else",
    "for",
    "in",
    "while",
    "break",
    "continue",
    "try",
    "except",
    "finally",
    "with",
    "as",
    "raise",
    "from",
    "import",
    "del",
    "global",
    "nonlocal",
    "pass",
    "assert",
    "and",
    "or",
    "not",
    "is",
    "async",
    "await",
    "match",
    "\n",
    "\n    ",
    "\n        ",
    "\t",
];

#[test]
fn random_token_streams_never_panic() {
    let mut rng = Rng(0x70c3_25ee_d00d_1e55);
    let mut failures = Vec::new();
    for _ in 0..1000 {
        let count = 1 + rng.below(40);
        let mut source = String::new();
        for _ in 0..count {
            source.push_str(TOKENS[rng.below(TOKENS.len())]);
            source.push(' ');
        }
        source.push('\n');
        if let Err(problem) = run(source) {
            failures.push(problem);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 1000 failed; first:\n{}",
        failures.len(),
        failures[0]
    );
}
