//! End to end on the weak-cache exercise page: the starter fails checks that explain
//! themselves and open the heap where they failed; the reference solution passes every
//! check, and the solved mark and the learner's code survive a reload.

use std::{fs, path::Path, time::Duration};

use anyhow::{ensure, Context, Result};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::e2e_driver::poll;

/// The exercise's page in the built book.
const PAGE: &str = "exercises/weak-cache.html";

/// How long a page or a run of the checks may take.
const PATIENCE: Duration = Duration::from_secs(30);

/// The exercise's folder in the workspace.
fn exercise_file(name: &str) -> Result<String> {
    let path = crate::step::workspace_root()
        .join("exercises/weak-cache")
        .join(name);
    fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
}

/// Opens the page and waits for its Check button; returns the milliseconds from the start
/// of navigation until then.
async fn open(client: &Client, base: &str) -> Result<f64> {
    client.goto(&format!("{base}{PAGE}")).await?;
    let ready = poll(
        client,
        "return document.querySelector('.wl-exercise .wl-check-button') ? performance.now() : null",
        vec![],
        PATIENCE,
    )
    .await?;
    ready.as_f64().context("performance.now() was not a number")
}

/// Puts `code` in the exercise's editor, as typing it would (an `input` event).
async fn set_code(client: &Client, code: &str) -> Result<()> {
    client
        .execute(
            "const input = document.querySelector('.wl-exercise .wl-input'); \
             input.value = arguments[0]; \
             input.dispatchEvent(new Event('input', { bubbles: true })); return null",
            vec![json!(code)],
        )
        .await?;
    Ok(())
}

/// Presses Check and waits for the summary of the run.
async fn check(client: &Client) -> Result<String> {
    client
        .find(Locator::Css(".wl-exercise .wl-check-button"))
        .await?
        .click()
        .await?;
    let summary = poll(
        client,
        "const s = document.querySelector('.wl-exercise .wl-status'); \
         return s && /checks? pass/.test(s.textContent) ? s.textContent : null",
        vec![],
        PATIENCE,
    )
    .await?;
    Ok(summary.as_str().unwrap_or_default().to_string())
}

/// The texts of every element matching `selector`.
async fn texts(client: &Client, selector: &str) -> Result<Vec<String>> {
    let value = client
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)",
            vec![json!(selector)],
        )
        .await?;
    Ok(value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default())
}

/// Saves a screenshot of the page as `name` in `shots`.
async fn screenshot(client: &Client, shots: &Path, name: &str) -> Result<()> {
    let png = client.screenshot().await?;
    fs::create_dir_all(shots)?;
    fs::write(shots.join(name), png)?;
    Ok(())
}

/// The whole exercise, as a learner goes through it.
pub async fn exercise_page(client: &Client, base: &str, shots: &Path) -> Result<String> {
    open(client, base).await?;
    client
        .execute("localStorage.clear(); return null", vec![])
        .await?;
    let ready_ms = open(client, base).await?;

    // The starter fails, and each failure says what it saw.
    set_code(client, &exercise_file("starter.py")?).await?;
    let summary = check(client).await?;
    ensure!(summary.contains("2 of 6 checks pass"), "starter: {summary}");
    let messages = texts(client, ".wl-exercise .wl-fail .wl-check-message").await?;
    ensure!(messages.len() == 4, "starter failures: {messages:?}");
    ensure!(
        messages[0].contains("returned a different object while a client still held"),
        "{messages:?}"
    );
    // A failed check opens the heap explorer where it failed.
    client
        .find(Locator::Css(".wl-exercise .wl-fail .wl-show-heap"))
        .await?
        .click()
        .await?;
    poll(
        client,
        "return document.querySelector('.wl-check-heap .wl-diagram') ? true : null",
        vec![],
        PATIENCE,
    )
    .await
    .context("the heap diagram of a failed check did not appear")?;
    screenshot(client, shots, "exercise-failing.png").await?;

    // Hints come one at a time.
    for shown in 1..=3 {
        client
            .find(Locator::Css(".wl-exercise .wl-hint-button"))
            .await?
            .click()
            .await?;
        let hints = texts(client, ".wl-exercise .wl-hint").await?;
        ensure!(hints.len() == shown, "after {shown} clicks: {hints:?}");
    }

    // The reference solution passes every check and marks the exercise solved.
    let solution = exercise_file("solution.py")?;
    set_code(client, &solution).await?;
    let summary = check(client).await?;
    ensure!(summary.contains("All 6 checks pass"), "solution: {summary}");
    ensure!(
        texts(client, ".wl-exercise .wl-fail").await?.is_empty(),
        "a check failed on the solution"
    );
    screenshot(client, shots, "exercise-solved.png").await?;

    // Progress, code and hints survive a reload.
    open(client, base).await?;
    let solved = texts(client, ".wl-exercise .wl-progress.wl-solved").await?;
    ensure!(solved.len() == 1, "no solved mark after a reload");
    let code = client
        .execute(
            "return document.querySelector('.wl-exercise .wl-input').value",
            vec![],
        )
        .await?;
    ensure!(
        code.as_str() == Some(solution.as_str()),
        "the code was not kept"
    );
    ensure!(
        texts(client, ".wl-exercise .wl-hint").await?.len() == 3,
        "the hints shown were not kept"
    );
    // The coal theme.
    client
        .execute(
            "localStorage.setItem('mdbook-theme', 'coal'); return null",
            vec![],
        )
        .await?;
    open(client, base).await?;
    screenshot(client, shots, "exercise-coal.png").await?;
    client
        .execute("localStorage.clear(); return null", vec![])
        .await?;
    Ok(format!(" (interactive after {ready_ms:.0} ms)"))
}
