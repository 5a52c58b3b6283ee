//! `weaklink`: runs Python programs on weaklink's simulated CPython heap.
//!
//! `weaklink run FILE` behaves as `python3 FILE`; `weaklink trace FILE` prints every step of
//! the run with the objects and their reference counts; `weaklink repl` is an interactive
//! prompt; `weaklink check DIR [FILE]` runs an exercise's checks. See [`args::USAGE`].

mod args;
mod check;
mod json;
mod repl;
mod source;
mod trace;

use std::process::ExitCode;

use args::{Command, Invocation, USAGE};
use weaklink_python::vm::{Options, Outcome};

/// The parser and the evaluator recurse deeply on nested code: they run on a thread with
/// this much stack.
const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Exit status of a command line that cannot be followed (python3's too).
pub(crate) const USAGE_STATUS: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let invocation = match args::parse(&args) {
        Ok(invocation) => invocation,
        Err(error) => {
            eprintln!("weaklink: {error}");
            eprint!("{USAGE}");
            return ExitCode::from(USAGE_STATUS);
        }
    };
    let worker = std::thread::Builder::new()
        .name("weaklink".into())
        .stack_size(STACK_SIZE)
        .spawn(move || execute(&invocation));
    match worker.map(|handle| handle.join()) {
        Ok(Ok(Ok(status))) => ExitCode::from(status),
        Ok(Ok(Err(error))) => {
            eprintln!("weaklink: {error:#}");
            ExitCode::from(1)
        }
        Ok(Err(_panic)) => ExitCode::from(101),
        Err(error) => {
            eprintln!("weaklink: cannot start the interpreter thread: {error}");
            ExitCode::from(1)
        }
    }
}

/// Carries out a command; returns the exit status.
fn execute(invocation: &Invocation) -> anyhow::Result<u8> {
    let mut options = Options {
        version: invocation.version,
        ..Options::default()
    };
    if let Some(steps) = invocation.max_steps {
        options.max_steps = steps;
    }
    match &invocation.command {
        Command::Help => {
            print!("{USAGE}");
            Ok(0)
        }
        Command::Run(path) => run(path, options),
        Command::Trace(path) => trace::trace(path, options, invocation.json),
        Command::Repl => repl::repl(options),
        Command::Check(dir, file) => check::check(dir, file.as_deref()),
    }
}

/// `weaklink run FILE`.
fn run(path: &str, options: Options) -> anyhow::Result<u8> {
    let program = match source::load(path) {
        Ok(program) => program,
        Err(failure) => return Ok(failure.report()),
    };
    let mut vm = weaklink_python::vm::Vm::new(options);
    let outcome = vm.run_program(&program.text, &program.name);
    source::write_out(&vm.stdout, &vm.stderr)?;
    Ok(exit_status(&outcome))
}

/// python3's exit status for how a program ended.
pub(crate) fn exit_status(outcome: &Outcome) -> u8 {
    match outcome {
        Outcome::Finished => 0,
        Outcome::Uncaught | Outcome::SyntaxError | Outcome::Stopped => 1,
    }
}
