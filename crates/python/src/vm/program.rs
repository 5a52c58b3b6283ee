//! Running a whole program from source text, as `python3 FILE` does: parse, compile, run
//! in `__main__`, then shut down. A syntax error is printed as CPython prints it.

use crate::compile::compile_module;
use crate::syntax::{self, SyntaxError};

use super::{Outcome, Vm};

impl Vm {
    /// Runs `source` as the program in file `filename` (the name tracebacks show). Output
    /// goes to [`Vm::stdout`] and [`Vm::stderr`].
    pub fn run_program(&mut self, source: &str, filename: &str) -> Outcome {
        let file = self.add_source(filename, source);
        self.module_sources.insert(self.main_globals, file);
        let code = syntax::parse_module(source).and_then(|module| compile_module(&module));
        match code {
            Ok(code) => self.run_code(code),
            Err(error) => {
                let report = format_syntax_error(&error, filename, source);
                self.stderr.push_str(&report);
                Outcome::SyntaxError
            }
        }
    }
}

/// CPython's report of a syntax error in a file: the place, the line with carets under the
/// error's range, and `SyntaxError: message`.
pub fn format_syntax_error(error: &SyntaxError, filename: &str, source: &str) -> String {
    let mut out = format!("  File \"{filename}\", line {}\n", error.lineno);
    let line = source
        .split_inclusive('\n')
        .nth(error.lineno.saturating_sub(1) as usize);
    if let Some(line) = line {
        let end = if error.end_lineno == error.lineno {
            error.end_offset
        } else {
            line.trim_end_matches('\n').chars().count() as i32 + 1
        };
        out.push_str(&error_text(line, error.offset, end));
    }
    out.push_str(&format!("{}: {}\n", error.kind.name(), error.msg));
    out
}

/// The offending line without its indentation, and the caret line (CPython's
/// `print_error_text`). Offsets count characters from 1.
fn error_text(line: &str, offset: i32, end_offset: i32) -> String {
    let repeat = if end_offset > 0 && end_offset > offset {
        (end_offset - offset) as usize
    } else {
        1
    };
    let text = line.trim_start_matches([' ', '\t', '\x0c']);
    let stripped = (line.chars().count() - text.chars().count()) as i32;
    let body = text.trim_end_matches('\n');
    let offset = (offset - 1 - stripped).min(body.chars().count() as i32);
    let mut out = format!("    {body}\n");
    if offset >= 0 {
        out.push_str("    ");
        out.push_str(&" ".repeat(offset as usize));
        out.push_str(&"^".repeat(repeat));
        out.push('\n');
    }
    out
}
