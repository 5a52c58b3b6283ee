//! The command line, parsed by hand: `weaklink COMMAND [OPTIONS] [FILE]`.

use std::fmt;

use weaklink_heap::PythonVersion;

/// The usage text of `weaklink --help`.
pub const USAGE: &str = "\
usage: weaklink <command> [options] [FILE]

Runs Python programs on weaklink, a simulation of CPython 3.11's memory management.

commands:
  run FILE       run a program, as `python3 FILE`: its output, a traceback on stderr
                 and exit status 1 on an uncaught exception
  trace FILE     run a program and print every step: line, frames, objects with their
                 reference counts, what changed, and the output printed
  repl           an interactive prompt (reads lines from stdin until end of input)
  check DIR [FILE]
                 run the checks of the exercise in folder DIR against FILE (by
                 default the exercise's starter.py, which you edit): one line per
                 check, exit status 0 when all pass, 1 otherwise
  help           show this text

options:
  --python VERSION   the heap's rules: 3.3, 3.11 (the default) or 3.12
  --max-steps N      stop the program after N instructions (an infinite loop)
  --json             (trace) print the steps as JSON
  -h, --help         show this text
";

/// What to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Run a file.
    Run(String),
    /// Print the step-by-step trace of a file.
    Trace(String),
    /// The interactive prompt.
    Repl,
    /// Check an exercise (its folder) against a file (the exercise's starter when `None`).
    Check(String, Option<String>),
    /// Print the usage text.
    Help,
}

/// A parsed command line.
#[derive(Clone, Debug)]
pub struct Invocation {
    /// The command.
    pub command: Command,
    /// `--python`.
    pub version: PythonVersion,
    /// `--max-steps`.
    pub max_steps: Option<u64>,
    /// `--json`.
    pub json: bool,
}

/// A command line that cannot be followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn error<T>(message: impl Into<String>) -> Result<T, UsageError> {
    Err(UsageError(message.into()))
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Invocation, UsageError> {
    let mut command_name: Option<&str> = None;
    let mut operands: Vec<&str> = Vec::new();
    let mut version = PythonVersion::default();
    let mut max_steps = None;
    let mut json = false;
    let mut help = false;
    let mut rest = args.iter().map(String::as_str);
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if arg.starts_with("--") => (flag, Some(value)),
            _ => (arg, None),
        };
        let mut value = |name: &str| -> Result<&str, UsageError> {
            match inline.or_else(|| rest.next()) {
                Some(v) => Ok(v),
                None => error(format!("option {name} needs a value")),
            }
        };
        match flag {
            "-h" | "--help" => help = true,
            "--json" => json = true,
            "--python" => {
                let text = value("--python")?;
                version = match PythonVersion::parse(text) {
                    Some(v) => v,
                    None => {
                        return error(format!(
                            "--python: unknown version '{text}' (choose 3.3, 3.11 or 3.12)"
                        ))
                    }
                };
            }
            "--max-steps" => {
                let text = value("--max-steps")?;
                max_steps = match text.parse::<u64>() {
                    Ok(n) if n > 0 => Some(n),
                    _ => {
                        return error(format!(
                            "--max-steps: expected a positive number, got '{text}'"
                        ))
                    }
                };
            }
            "-" => operands.push(arg),
            _ if arg.starts_with('-') => return error(format!("unknown option '{arg}'")),
            _ if command_name.is_none() => command_name = Some(arg),
            _ => operands.push(arg),
        }
    }
    let command = match (command_name, help) {
        (_, true) | (Some("help"), _) => Command::Help,
        (None, false) => return error("no command given"),
        (Some(name @ ("run" | "trace")), false) => {
            let file = match operands.as_slice() {
                [file] => file.to_string(),
                [] => return error(format!("{name}: missing FILE")),
                [_, extra, ..] => return error(format!("{name}: unexpected argument '{extra}'")),
            };
            if name == "run" {
                Command::Run(file)
            } else {
                Command::Trace(file)
            }
        }
        (Some("check"), false) => match operands.as_slice() {
            [dir] => Command::Check(dir.to_string(), None),
            [dir, file] => Command::Check(dir.to_string(), Some(file.to_string())),
            [] => return error("check: missing exercise folder"),
            [_, _, extra, ..] => return error(format!("check: unexpected argument '{extra}'")),
        },
        (Some("repl"), false) => match operands.first() {
            None => Command::Repl,
            Some(extra) => return error(format!("repl: unexpected argument '{extra}'")),
        },
        (Some(other), false) => return error(format!("unknown command '{other}'")),
    };
    if json && !matches!(command, Command::Trace(_) | Command::Help) {
        return error("--json goes with the trace command");
    }
    Ok(Invocation {
        command,
        version,
        max_steps,
        json,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Invocation, UsageError> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse(&args)
    }

    #[test]
    fn commands_and_options() {
        let table: &[(&str, Command)] = &[
            ("run a.py", Command::Run("a.py".into())),
            ("run --python 3.12 a.py", Command::Run("a.py".into())),
            ("--max-steps=10 run a.py", Command::Run("a.py".into())),
            ("trace --json a.py", Command::Trace("a.py".into())),
            ("repl", Command::Repl),
            (
                "check exercises/weak-cache",
                Command::Check("exercises/weak-cache".into(), None),
            ),
            (
                "check ex mine.py",
                Command::Check("ex".into(), Some("mine.py".into())),
            ),
            ("help", Command::Help),
            ("--help", Command::Help),
            ("run -h", Command::Help),
        ];
        for (line, expected) in table {
            assert_eq!(&parse_line(line).unwrap().command, expected, "{line}");
        }
        let inv = parse_line("run --python 3.3 --max-steps 5 a.py").unwrap();
        assert_eq!(inv.version, PythonVersion::V3_3);
        assert_eq!(inv.max_steps, Some(5));
    }

    #[test]
    fn mistakes() {
        let table = [
            ("", "no command given"),
            ("fly", "unknown command 'fly'"),
            ("run", "run: missing FILE"),
            ("run a.py b.py", "run: unexpected argument 'b.py'"),
            ("run --bogus a.py", "unknown option '--bogus'"),
            (
                "run --python 2.7 a.py",
                "--python: unknown version '2.7' (choose 3.3, 3.11 or 3.12)",
            ),
            (
                "run --max-steps x a.py",
                "--max-steps: expected a positive number, got 'x'",
            ),
            ("run a.py --python", "option --python needs a value"),
            ("run --json a.py", "--json goes with the trace command"),
            ("check", "check: missing exercise folder"),
            ("check ex a.py b.py", "check: unexpected argument 'b.py'"),
        ];
        for (line, expected) in table {
            assert_eq!(parse_line(line).unwrap_err().0, expected, "{line:?}");
        }
    }
}
