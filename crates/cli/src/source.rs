//! Reading a program file as python3 does, with its messages for a file that cannot be
//! opened or is not UTF-8.

use std::io::Write;
use std::path::Path;

use crate::USAGE_STATUS;

/// A program's source text and the name its tracebacks show.
pub struct Program {
    /// The file's absolute path, as python3 shows it in tracebacks.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Why a program could not be loaded; the message to show and the exit status.
#[derive(Debug)]
pub enum LoadFailure {
    /// The file cannot be read (python3: exit status 2).
    CannotOpen(String),
    /// The file is not UTF-8 (python3: a `SyntaxError`, exit status 1).
    NotUtf8(String),
}

impl LoadFailure {
    /// Prints the message on stderr; returns the exit status.
    pub fn report(&self) -> u8 {
        match self {
            LoadFailure::CannotOpen(message) => {
                eprintln!("{message}");
                USAGE_STATUS
            }
            LoadFailure::NotUtf8(message) => {
                eprintln!("{message}");
                1
            }
        }
    }
}

/// Reads the program at `path`.
pub fn load(path: &str) -> Result<Program, LoadFailure> {
    let name = std::path::absolute(Path::new(path))
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_string());
    let bytes = std::fs::read(path).map_err(|error| {
        let description = error.to_string();
        let description = description
            .split(" (os error")
            .next()
            .unwrap_or(&description)
            .to_string();
        let errno = error.raw_os_error().unwrap_or(2);
        LoadFailure::CannotOpen(format!(
            "weaklink: can't open file '{name}': [Errno {errno}] {description}"
        ))
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Program { name, text }),
        Err(error) => {
            let bytes = error.as_bytes();
            let at = error.utf8_error().valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(LoadFailure::NotUtf8(format!(
                "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {name} on line \
                 {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for \
                 details",
                bytes[at]
            )))
        }
    }
}

/// Writes a program's output: stdout, then stderr (python3 flushes its buffered stdout at
/// exit, after a traceback has been written to stderr; either order is lost in a pipe).
pub fn write_out(stdout: &str, stderr: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(stdout.as_bytes())?;
    out.flush()?;
    let mut err = std::io::stderr().lock();
    err.write_all(stderr.as_bytes())?;
    err.flush()
}
