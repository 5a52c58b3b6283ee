//! weaklink's exercises: the format an exercise is written in, and its checks, run on the
//! simulated heap.
//!
//! An exercise is a folder with an `info.toml` (see `exercises/README.md`) naming its prompt,
//! starter code, reference solution and checks. [`Exercise::parse`] reads it from texts, so
//! the browser (which gets the files embedded in the page) and the `weaklink check` command
//! (which reads them from disk, [`load`]) share one reader. [`run_checks`] runs every check
//! against a learner's code.

mod checks;
pub mod info;

use std::fmt;

pub use checks::{run_checks, CheckResult};
use info::{InfoError, Value};

/// An exercise, with the texts of its files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// The folder's name; also the key learners' progress is saved under.
    pub name: String,
    /// The title shown above the prompt.
    pub title: String,
    /// Raised when the starter changes, so saved work of an older version is set aside.
    pub version: u32,
    /// The task, in markdown.
    pub prompt: String,
    /// The code a learner starts from.
    pub starter: String,
    /// The starter's file name (the file a learner edits on the command line).
    pub starter_file: String,
    /// A reference solution.
    pub solution: String,
    /// Hints, from a nudge to almost the answer.
    pub hints: Vec<String>,
    /// The checks' Python source (every `check_*` function is one check).
    pub checks_source: String,
    /// The checks, in the order they are written.
    pub checks: Vec<Check>,
}

/// One check: a `check_*` function of the checks file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// The function's name (`check_same_object_while_held`).
    pub name: String,
    /// The first line of its docstring.
    pub description: String,
}

/// Why an exercise cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// `info.toml` is not in the format.
    Info(InfoError),
    /// A key the format needs is missing or of the wrong type.
    Key(String),
    /// A file the info names cannot be read.
    MissingFile(String),
    /// The checks file defines no `check_*` function.
    NoChecks,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Info(e) => write!(f, "info.toml, {e}"),
            FormatError::Key(message) => write!(f, "info.toml: {message}"),
            FormatError::MissingFile(name) => write!(f, "cannot read {name}"),
            FormatError::NoChecks => write!(f, "the checks file defines no check_* function"),
        }
    }
}

impl std::error::Error for FormatError {}

impl Exercise {
    /// Reads an exercise from the text of its `info.toml`; `file` gives the text of each
    /// file the info names.
    pub fn parse(
        info: &str,
        file: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Exercise, FormatError> {
        let doc = info::parse(info).map_err(FormatError::Info)?;
        let text = |key: &str| -> Result<String, FormatError> {
            match doc.top.iter().find(|(k, _)| k == key) {
                Some((_, Value::Str(s))) => Ok(s.clone()),
                Some(_) => Err(FormatError::Key(format!("`{key}` must be a string"))),
                None => Err(FormatError::Key(format!("`{key}` is missing"))),
            }
        };
        let read = |key: &str| -> Result<String, FormatError> {
            let name = text(key)?;
            file(&name).ok_or(FormatError::MissingFile(name))
        };
        let version = match doc.top.iter().find(|(k, _)| k == "version") {
            Some((_, Value::Int(v))) if *v >= 1 && *v <= i64::from(u32::MAX) => *v as u32,
            Some(_) => {
                return Err(FormatError::Key(
                    "`version` must be a whole number from 1".into(),
                ))
            }
            None => return Err(FormatError::Key("`version` is missing".into())),
        };
        let mut hints = Vec::new();
        for (table, keys) in &doc.tables {
            if table != "hint" {
                return Err(FormatError::Key(format!("unknown table [[{table}]]")));
            }
            match keys.iter().find(|(k, _)| k == "text") {
                Some((_, Value::Str(s))) => hints.push(s.clone()),
                _ => return Err(FormatError::Key("a [[hint]] needs a `text` string".into())),
            }
        }
        let checks_source = read("checks")?;
        let checks = checks::find(&checks_source);
        if checks.is_empty() {
            return Err(FormatError::NoChecks);
        }
        Ok(Exercise {
            name: text("name")?,
            title: text("title")?,
            version,
            prompt: read("prompt")?,
            starter: read("starter")?,
            starter_file: text("starter")?,
            solution: read("solution")?,
            hints,
            checks_source,
            checks,
        })
    }
}

/// Why an exercise folder cannot be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// `info.toml` cannot be read.
    Io(std::path::PathBuf, std::io::Error),
    /// The exercise is not in the format.
    Format(FormatError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            LoadError::Format(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads the exercise in folder `dir` from disk.
pub fn load(dir: &std::path::Path) -> Result<Exercise, LoadError> {
    let info_path = dir.join("info.toml");
    let info = std::fs::read_to_string(&info_path).map_err(|e| LoadError::Io(info_path, e))?;
    Exercise::parse(&info, &|name| std::fs::read_to_string(dir.join(name)).ok())
        .map_err(LoadError::Format)
}
