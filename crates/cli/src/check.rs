//! `weaklink check DIR [FILE]`: an exercise's checks against a learner's file.

use std::path::Path;

use weaklink_exercises::{load, run_checks};

use crate::USAGE_STATUS;

/// Runs the checks of the exercise in folder `dir` against `file` (the exercise's starter
/// file when `None`); prints one line per check and returns the exit status: 0 when every
/// check passes, 1 when one fails, 2 when the exercise or the file cannot be read.
pub fn check(dir: &str, file: Option<&str>) -> anyhow::Result<u8> {
    let exercise = match load(Path::new(dir)) {
        Ok(exercise) => exercise,
        Err(error) => {
            eprintln!("weaklink: {dir}: {error}");
            return Ok(USAGE_STATUS);
        }
    };
    let (learner, shown) = match file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => (text, path.to_string()),
            Err(error) => {
                eprintln!("weaklink: cannot read {path}: {error}");
                return Ok(USAGE_STATUS);
            }
        },
        None => {
            let path = Path::new(dir).join(&exercise.starter_file);
            match std::fs::read_to_string(&path) {
                Ok(text) => (text, path.display().to_string()),
                Err(error) => {
                    eprintln!("weaklink: cannot read {}: {error}", path.display());
                    return Ok(USAGE_STATUS);
                }
            }
        }
    };
    println!("{}: checking {shown}", exercise.title);
    let results = run_checks(&exercise, &learner);
    let passed = results.iter().filter(|r| r.passed).count();
    for result in &results {
        let name = result.name.strip_prefix("check_").unwrap_or(&result.name);
        if result.passed {
            println!("PASS {name}");
        } else {
            println!("FAIL {name}: {}", result.message);
        }
    }
    println!("{passed} of {} checks pass", results.len());
    Ok(if passed == results.len() { 0 } else { 1 })
}
