//! Running a listing on the Python crate's VM and turning what it reports into a
//! [`Recording`].

use weaklink_python::vm::{Options, Outcome, Vm};

use crate::model::{Recording, Step};

/// The file name tracebacks show for a listing.
pub const LISTING_FILE: &str = "<listing>";

/// Runs `source` to the end and records what it printed.
pub fn record(source: &str) -> Recording {
    let mut vm = Vm::new(Options::default());
    let outcome = vm.run_program(source, LISTING_FILE);
    let last = Step {
        stdout: std::mem::take(&mut vm.stdout),
        ..Step::default()
    };
    Recording {
        steps: vec![last],
        stderr: std::mem::take(&mut vm.stderr),
        failed: !matches!(outcome, Outcome::Finished),
    }
}
