//! End to end: stepping into a collection. A cycle's two lists, after `gc.collect()` has
//! been stepped into, show their gc_refs and are marked tentatively unreachable.

use std::{fs, path::Path, time::Duration};

use anyhow::{ensure, Context, Result};
use fantoccini::{Client, Locator};
use serde_json::json;

use crate::e2e_driver::poll;

/// The chapter on cycles in the built book.
const PAGE: &str = "cycles.html";

/// How long the page may take.
const PATIENCE: Duration = Duration::from_secs(20);

/// A cycle the collector frees.
const LISTING: &str =
    "import gc\nl1 = []\nl2 = [l1]\nl1.append(l2)\ndel l1, l2\nprint(gc.collect())\n";

/// Runs the listing, then steps back into the collection until the diagram shows the lists
/// tentatively unreachable.
pub async fn step_into_collection(client: &Client, base: &str, shots: &Path) -> Result<String> {
    client.goto(&format!("{base}{PAGE}")).await?;
    poll(
        client,
        "return document.querySelector('.wl-heap .wl-run') ? true : null",
        vec![],
        PATIENCE,
    )
    .await?;
    client
        .execute(
            "const input = document.querySelector('.wl-heap .wl-input'); \
             input.value = arguments[0]; \
             input.dispatchEvent(new Event('input', { bubbles: true })); return null",
            vec![json!(LISTING)],
        )
        .await?;
    client
        .find(Locator::Css(".wl-heap .wl-run"))
        .await?
        .click()
        .await?;
    let back = client.find(Locator::Css(".wl-heap .wl-back")).await?;
    // Back from the end to the step after move_unreachable.
    let mut seen = None;
    for _ in 0..16 {
        back.click().await?;
        let found = client
            .execute(
                "const w = document.querySelector('.wl-heap'); \
                 if (!w.textContent.includes('collector, move_unreachable')) return null; \
                 return [w.querySelectorAll('.wl-object.wl-tentative').length, \
                         w.querySelector('.wl-gc-refs').textContent, \
                         w.querySelector('.wl-describe').textContent]",
                vec![],
            )
            .await?;
        if !found.is_null() {
            seen = Some(found);
            break;
        }
    }
    let seen = seen.context("no step showed the collector's move_unreachable phase")?;
    ensure!(
        seen[0] == json!(2),
        "two lists should be moved aside: {seen}"
    );
    ensure!(
        seen[1].as_str() == Some("gc_refs 0"),
        "gc_refs shown: {seen}"
    );
    let description = seen[2].as_str().unwrap_or_default();
    ensure!(
        description.contains("gc_refs 0; the collector has it as tentatively unreachable"),
        "{description}"
    );
    let png = client.screenshot().await?;
    fs::create_dir_all(shots)?;
    fs::write(shots.join("collector-step.png"), png)?;
    // One step back: subtract_refs, where both lists are still in the generation.
    back.click().await?;
    let before = client
        .execute(
            "const w = document.querySelector('.wl-heap'); \
             return [w.textContent.includes('collector, subtract_refs'), \
                     w.querySelectorAll('.wl-object.wl-tentative').length]",
            vec![],
        )
        .await?;
    ensure!(
        before == json!([true, 0]),
        "the step before move_unreachable: {before}"
    );
    // Steps by event: each reference taken or let go is a step with its cause.
    client
        .find(Locator::Css(".wl-heap .wl-events"))
        .await?
        .click()
        .await?;
    let mut caption = None;
    for _ in 0..40 {
        let found = client
            .execute(
                "const w = document.querySelector('.wl-heap'); \
                 const m = w.textContent.match(/list #\\d: refcount \\d+ -> \\d+, [a-z ]+/); \
                 return m ? m[0] : null",
                vec![],
            )
            .await?;
        if let Some(text) = found.as_str() {
            caption = Some(text.to_string());
            break;
        }
        back.click().await?;
    }
    let caption = caption.context("no step by event showed a reference count change")?;
    Ok(format!(" (an event step: \"{caption}\")"))
}
