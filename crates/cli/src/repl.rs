//! `weaklink repl`: an interactive prompt, as `python3 -i` reads one. Prompts go to stderr
//! (as python3's do when stdin is not a terminal), so piped output holds only what the
//! program printed.

use std::io::{BufRead, IsTerminal, Write};

use weaklink_python::syntax;
use weaklink_python::vm::{Options, Vm};

/// The file name tracebacks of typed code show.
const STDIN: &str = "<stdin>";
/// The prompt for a new statement.
const PRIMARY: &str = ">>> ";
/// The prompt for the following lines of a statement.
const CONTINUATION: &str = "... ";

/// Keywords that begin a compound statement: its block ends with an empty line.
const COMPOUND: &[&str] = &[
    "if", "for", "while", "def", "class", "with", "try", "async", "match",
];

/// Whether the first line of a statement opens a compound statement (or a decorated one).
pub fn opens_block(first_line: &str) -> bool {
    let line = first_line.trim_start();
    if line.starts_with('@') {
        return true;
    }
    let word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    COMPOUND.contains(&word.as_str())
}

/// Whether `source` is an unfinished statement that more lines may complete: an open
/// bracket or triple-quoted string, or a line ending in a backslash.
pub fn unfinished(source: &str) -> bool {
    if source.trim_end_matches('\n').ends_with('\\') {
        return true;
    }
    match syntax::parse_module(source) {
        Ok(_) => false,
        Err(error) => {
            error.msg.contains("was never closed")
                || error.msg.contains("unterminated triple-quoted string")
        }
    }
}

/// What to do with the lines read so far.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// Read another line.
    More,
    /// Run the statement.
    Run,
}

/// Decides, after a line, whether the statement in `buffer` is complete.
pub fn next_step(buffer: &[String]) -> Next {
    let Some(last) = buffer.last() else {
        return Next::More;
    };
    if opens_block(&buffer[0]) {
        return if buffer.len() > 1 && last.trim().is_empty() {
            Next::Run
        } else {
            Next::More
        };
    }
    if unfinished(&buffer.concat()) {
        Next::More
    } else {
        Next::Run
    }
}

fn prompt(text: &str) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    err.write_all(text.as_bytes())?;
    err.flush()
}

/// Writes what the session printed since the last time.
fn flush_output(vm: &mut Vm) -> std::io::Result<()> {
    let stdout = std::mem::take(&mut vm.stdout);
    let stderr = std::mem::take(&mut vm.stderr);
    crate::source::write_out(&stdout, &stderr)
}

/// Runs the prompt until the end of input, then shuts the interpreter down.
pub fn repl(options: Options) -> anyhow::Result<u8> {
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let mut vm = Vm::new(options);
    if terminal {
        eprintln!("weaklink: Python 3.11's memory management, simulated. Ctrl-D leaves.");
    }
    flush_output(&mut vm)?;
    let mut lines = stdin.lock();
    let mut buffer: Vec<String> = Vec::new();
    loop {
        prompt(if buffer.is_empty() {
            PRIMARY
        } else {
            CONTINUATION
        })?;
        let mut line = String::new();
        let ended = lines.read_line(&mut line)? == 0;
        if ended {
            // python3 ends the prompt line at the end of input.
            eprintln!();
            if !buffer.is_empty() {
                vm.run_snippet(&buffer.concat(), STDIN);
                flush_output(&mut vm)?;
            }
            break;
        }
        if !line.ends_with('\n') {
            line.push('\n');
        }
        if buffer.is_empty() {
            let typed = line.trim();
            if typed.is_empty() {
                continue;
            }
            if typed == "exit()" || typed == "quit()" {
                break;
            }
        }
        buffer.push(line);
        if next_step(&buffer) == Next::Run {
            vm.run_snippet(&buffer.concat(), STDIN);
            buffer.clear();
            flush_output(&mut vm)?;
        }
    }
    vm.finish();
    flush_output(&mut vm)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_a_statement_is_complete() {
        let table: &[(&[&str], Next)] = &[
            (&["x = 1\n"], Next::Run),
            (&["x = [1,\n"], Next::More),
            (&["x = [1,\n", "2]\n"], Next::Run),
            (&["s = \"\"\"a\n"], Next::More),
            (&["x = 1 + \\\n"], Next::More),
            (&["if x:\n"], Next::More),
            (&["if x: pass\n"], Next::More),
            (&["for i in y:\n", "    i\n"], Next::More),
            (&["for i in y:\n", "    i\n", "\n"], Next::Run),
            (&["@dec\n"], Next::More),
            (&["iffy = 2\n"], Next::Run),
            (&["1 +\n"], Next::Run),
        ];
        for (lines, expected) in table {
            let buffer: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            assert_eq!(&next_step(&buffer), expected, "{lines:?}");
        }
    }
}
