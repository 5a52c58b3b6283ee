//! Finding the checks in a checks file, and running them against a learner's code.

use weaklink_python::vm::{Options, Outcome, Vm};

use crate::{Check, Exercise};

/// Instructions one check may run before it is stopped (a learner's infinite loop).
const STEP_BUDGET: u64 = 2_000_000;

/// The file name tracebacks of a check show.
const FILENAME: &str = "exercise.py";

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    /// The check function's name.
    pub name: String,
    /// What it checks (its docstring's first line).
    pub description: String,
    /// Whether it passed.
    pub passed: bool,
    /// What the check saw, in the learner's terms (or the learner's own exception); empty
    /// when it passed.
    pub message: String,
    /// The whole program that ran (the learner's code, then the checks), to replay in the
    /// heap diagram.
    pub program: String,
    /// The line of [`CheckResult::program`] where it failed, if any.
    pub failed_line: Option<u32>,
}

/// The `check_*` functions of a checks file, in order, with their descriptions.
pub(crate) fn find(source: &str) -> Vec<Check> {
    let lines: Vec<&str> = source.lines().collect();
    let mut checks = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("def check_") else {
            continue;
        };
        let Some(name_end) = rest.find("():") else {
            continue;
        };
        let name = format!("check_{}", &rest[..name_end]);
        let description = lines[i + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .and_then(|l| l.strip_prefix("\"\"\""))
            .map(|l| l.split("\"\"\"").next().unwrap_or(l).trim().to_string())
            .unwrap_or_else(|| name.clone());
        checks.push(Check { name, description });
    }
    checks
}

/// Runs every check of `exercise` against the learner's code, each in a fresh VM.
pub fn run_checks(exercise: &Exercise, learner: &str) -> Vec<CheckResult> {
    exercise
        .checks
        .iter()
        .map(|check| run_one(exercise, check, learner))
        .collect()
}

fn run_one(exercise: &Exercise, check: &Check, learner: &str) -> CheckResult {
    let mut program = learner.to_string();
    if !program.ends_with('\n') {
        program.push('\n');
    }
    let learner_lines = program.lines().count() as u32;
    program.push('\n');
    program.push_str(&exercise.checks_source);
    if !program.ends_with('\n') {
        program.push('\n');
    }
    program.push_str(&format!("{}()\n", check.name));
    let mut vm = Vm::new(Options {
        max_steps: STEP_BUDGET,
        ..Options::default()
    });
    let outcome = vm.run_program(&program, FILENAME);
    let failed_line = last_traceback_line(&vm.stderr);
    let message = match outcome {
        Outcome::Finished => String::new(),
        Outcome::Stopped => {
            format!("stopped after {STEP_BUDGET} steps: does a loop in your code never end?")
        }
        Outcome::SyntaxError | Outcome::Uncaught => {
            let last = vm.stderr.lines().last().unwrap_or("the program failed");
            let message = last.strip_prefix("AssertionError: ").unwrap_or(last);
            match failed_line {
                Some(line) if line <= learner_lines && !last.starts_with("AssertionError") => {
                    format!("{message} (line {line} of your code)")
                }
                _ => message.to_string(),
            }
        }
    };
    CheckResult {
        name: check.name.clone(),
        description: check.description.clone(),
        passed: outcome == Outcome::Finished,
        message,
        program,
        failed_line,
    }
}

/// The line of the innermost frame a traceback (or syntax error report) names.
fn last_traceback_line(stderr: &str) -> Option<u32> {
    stderr
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .strip_prefix(&format!("File \"{FILENAME}\", line "))
        })
        .filter_map(|rest| rest.split(',').next()?.trim().parse().ok())
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_are_found_with_their_descriptions() {
        let source = "import gc\n\ndef check_one():\n    \"\"\"The first.\"\"\"\n    pass\n\ndef helper():\n    pass\n\ndef check_two():\n    x = 1\n\ndef check_bad(x):\n    pass\n";
        let found: Vec<(String, String)> = find(source)
            .into_iter()
            .map(|c| (c.name, c.description))
            .collect();
        assert_eq!(
            found,
            vec![
                ("check_one".to_string(), "The first.".to_string()),
                ("check_two".to_string(), "check_two".to_string()),
            ]
        );
    }

    #[test]
    fn traceback_lines() {
        let cases = [
            ("", None),
            (
                "Traceback (most recent call last):\n  File \"exercise.py\", line 40, in <module>\n  File \"exercise.py\", line 12, in get\nNameError: x\n",
                Some(12),
            ),
            ("  File \"exercise.py\", line 3\n    x = (\nSyntaxError: '(' was never closed\n", Some(3)),
        ];
        for (stderr, line) in cases {
            assert_eq!(last_traceback_line(stderr), line, "{stderr}");
        }
    }
}
