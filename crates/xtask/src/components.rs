//! Component tests: the web crate's `tests/` compiled to wasm and run in headless Chromium by
//! `wasm-bindgen-test-runner` (from `cargo install wasm-bindgen-cli`, the same version as the
//! `wasm-bindgen` the workspace pins). The runner reads Chromium's flags from
//! `web/webdriver.json`, since cargo runs it in the web crate's folder.

use std::{env, process::Command, time::Instant};

use anyhow::{bail, Context, Result};

/// The runner cargo starts for each wasm test binary.
const RUNNER: &str = "wasm-bindgen-test-runner";

/// The version the runner must have: the workspace's pinned `wasm-bindgen`.
const VERSION: &str = "0.2.130";

/// How to get the runner when it is missing or of another version.
const INSTALL: &str = "cargo install wasm-bindgen-cli --version 0.2.130";

/// Checks the runner, then runs `cargo test -p weaklink-web --target wasm32-unknown-unknown`.
pub fn run() -> Result<()> {
    let start = Instant::now();
    eprintln!("xtask: ==> component tests: web/tests in headless Chromium");
    let output = Command::new(RUNNER)
        .arg("--version")
        .output()
        .with_context(|| format!("could not start `{RUNNER}`; install it with `{INSTALL}`"))?;
    let version = String::from_utf8_lossy(&output.stdout);
    if !version.contains(VERSION) {
        bail!(
            "`{RUNNER} --version` printed `{}`, not {VERSION}; install it with `{INSTALL}`",
            version.trim()
        );
    }
    let chromedriver = env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let status = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "test",
            "--package",
            "weaklink-web",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "components",
        ])
        .current_dir(crate::step::workspace_root())
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", RUNNER)
        .env("CHROMEDRIVER", chromedriver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .status()
        .context("could not start cargo for the component tests")?;
    if !status.success() {
        bail!("component tests failed ({status})");
    }
    eprintln!("xtask: <== component tests ok in {:.1?}", start.elapsed());
    Ok(())
}
