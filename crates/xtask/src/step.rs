//! Running one named cargo command in the workspace root, streaming its
//! output, and turning a failure into an error that names the step.

use std::{env, ffi::OsString, path::PathBuf, process::Command, time::Instant};

use anyhow::{bail, Context, Result};

/// One cargo invocation that a subcommand runs, with a name for messages.
pub struct Step {
    /// Short name used in progress lines and in the error on failure.
    pub name: &'static str,
    /// Arguments passed to cargo, e.g. `["fmt", "--all"]`.
    pub args: &'static [&'static str],
    /// What to try when the step fails, if there is something useful to say.
    pub hint: Option<&'static str>,
}

impl Step {
    /// Runs the step with inherited stdin/stdout/stderr, so its output streams
    /// as it is produced; fails if cargo cannot start or exits unsuccessfully.
    /// Progress lines on stderr frame the step's output.
    pub fn run(&self) -> Result<()> {
        let start = Instant::now();
        self.run_unframed()?;
        eprintln!("xtask: <== {} ok in {:.1?}", self.name, start.elapsed());
        Ok(())
    }

    /// Like [`Step::run`], but only a starting line precedes the output and nothing follows
    /// it on success, so the step's own last line stays the last one printed.
    pub fn run_unframed(&self) -> Result<()> {
        let shown = format!("cargo {}", self.args.join(" "));
        eprintln!("xtask: ==> {}: {shown}", self.name);
        let status = Command::new(cargo())
            .args(self.args)
            .current_dir(workspace_root())
            .status()
            .with_context(|| format!("step `{}` could not start `{shown}`", self.name))?;
        if !status.success() {
            let hint = self
                .hint
                .map(|h| format!("\n  hint: {h}"))
                .unwrap_or_default();
            bail!("step `{}` failed ({status}): {shown}{hint}", self.name);
        }
        Ok(())
    }
}

/// The cargo that started us (cargo sets `$CARGO`), else `cargo` from `PATH`.
fn cargo() -> OsString {
    env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// This crate's manifest directory. `cargo xtask` (`cargo run`) sets `CARGO_MANIFEST_DIR` when
/// it starts us; the path compiled in is only a fallback, since a build reused from another
/// checkout of the workspace would carry that checkout's path.
pub fn manifest_dir() -> PathBuf {
    env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// The workspace root: two levels above this crate's manifest directory.
pub fn workspace_root() -> PathBuf {
    manifest_dir()
        .ancestors()
        .nth(2)
        .expect("crates/xtask sits two levels below the workspace root")
        .to_path_buf()
}
