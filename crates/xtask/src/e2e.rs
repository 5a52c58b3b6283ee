//! The browser tests: the built book served on an ephemeral port, driven in headless Chromium
//! through chromedriver. Part of `cargo xtask test`; ends with `browser: N passed, N failed`.
//!
//! Screenshots of the chapter in each mdbook theme are written to
//! `<target>/e2e-screenshots/`.

use std::{
    fs,
    io::Write,
    path::Path,
    process::{Command, Stdio},
    time::Duration,
};

use anyhow::{bail, ensure, Context, Result};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::{
    build::{self, Workspace},
    e2e_driver::{poll, Chromedriver},
    serve,
};

/// The chapter whose listing the tests run.
const CHAPTER: &str = "reference-counting.html";

/// A page without listings.
const PLAIN_PAGE: &str = "introduction.html";

/// mdbook's five themes.
const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];

/// How long a widget may take to appear or answer.
const PATIENCE: Duration = Duration::from_secs(20);

/// Builds the site, serves it, and runs every browser test.
pub fn run() -> Result<()> {
    let site = build::run()?;
    let workspace = Workspace::locate()?;
    let address = serve::spawn(site)?;
    let base = format!("http://{address}/");
    let shots = workspace.target.join("e2e-screenshots");
    fs::create_dir_all(&shots)?;
    let profile = workspace.target.join("e2e-chromium-profile");
    let _ = fs::remove_dir_all(&profile);
    let driver = Chromedriver::start()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = driver.session(&profile).await?;
        let outcome = run_all(&client, &base, &shots).await;
        let _ = client.close().await;
        outcome
    })
}

/// Runs the tests in order, reporting each; fails if any failed.
async fn run_all(client: &Client, base: &str, shots: &Path) -> Result<()> {
    let mut passed = 0;
    let mut failed = 0;
    let mut report = |name: &str, outcome: Result<String>| match outcome {
        Ok(note) => {
            passed += 1;
            println!("browser: {name} ... ok{note}");
        }
        Err(error) => {
            failed += 1;
            println!("browser: {name} ... FAILED: {error:#}");
        }
    };
    report(
        "plain page loads no wasm",
        plain_page_loads_no_wasm(client, base).await,
    );
    report(
        "listing runs as python3 runs it",
        listing_runs_like_python(client, base).await,
    );
    report(
        "output is text, not html",
        output_is_text(client, base).await,
    );
    report(
        "syntax error is marked",
        syntax_error_is_marked(client, base).await,
    );
    report(
        "reset restores the listing",
        reset_restores(client, base).await,
    );
    report("steps with buttons and keys", stepping(client, base).await);
    report(
        "a cycle is marked unreachable",
        cycle_is_marked(client, base, shots).await,
    );
    report(
        "a panic shows the error box",
        panic_shows_error_box(client, base).await,
    );
    report(
        "themes restyle the widget",
        themes(client, base, shots).await,
    );
    report(
        "stepping into a collection shows gc_refs",
        crate::e2e_collector::step_into_collection(client, base, shots).await,
    );
    report(
        "the weak-cache exercise is checked in the page",
        crate::e2e_exercise::exercise_page(client, base, shots).await,
    );
    println!("browser: {passed} passed, {failed} failed");
    if failed > 0 {
        bail!("{failed} browser test(s) failed");
    }
    Ok(())
}

/// Opens `page` and waits for its first widget; returns the milliseconds from the start of
/// navigation to the moment the widget's Run button existed.
async fn open_widget(client: &Client, base: &str, page: &str) -> Result<f64> {
    client.goto(&format!("{base}{page}")).await?;
    let ready = poll(
        client,
        "return document.querySelector('.wl-heap .wl-run') ? performance.now() : null",
        vec![],
        PATIENCE,
    )
    .await?;
    ready.as_f64().context("performance.now() was not a number")
}

/// Replaces the first widget's editor text with `source` by typing it.
async fn type_listing(client: &Client, source: &str) -> Result<()> {
    let editor = client.find(Locator::Css(".wl-heap .wl-input")).await?;
    editor.click().await?;
    // Ctrl+A, then the new text replaces the selection.
    editor.send_keys("\u{E009}a\u{E009}").await?;
    editor.send_keys(source).await?;
    Ok(())
}

/// Clicks a control of the first widget.
async fn press(client: &Client, class: &str) -> Result<()> {
    client
        .find(Locator::Css(&format!(".wl-heap .{class}")))
        .await?
        .click()
        .await?;
    Ok(())
}

/// The first widget's console text once it is not empty.
async fn console_text(client: &Client) -> Result<String> {
    let text = poll(
        client,
        "const c = document.querySelector('.wl-heap .wl-console'); \
         return c && c.textContent ? c.textContent : null",
        vec![],
        PATIENCE,
    )
    .await?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

/// What python3 prints for `source`.
fn python3_stdout(source: &str) -> Result<String> {
    let mut child = Command::new("python3")
        .arg("-")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("could not run python3")?;
    child
        .stdin
        .take()
        .context("python3 has no stdin")?
        .write_all(source.as_bytes())?;
    let output = child.wait_with_output()?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

async fn plain_page_loads_no_wasm(client: &Client, base: &str) -> Result<String> {
    client.goto(&format!("{base}{PLAIN_PAGE}")).await?;
    let loaded = client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name)\
             .filter(n => n.endsWith('.wasm') || n.includes('weaklink_web'))",
            vec![],
        )
        .await?;
    ensure!(loaded == json!([]), "the page loaded {loaded}");
    Ok(String::new())
}

async fn listing_runs_like_python(client: &Client, base: &str) -> Result<String> {
    let interactive_ms = open_widget(client, base, CHAPTER).await?;
    let parsed_ms = client
        .execute(
            "return performance.getEntriesByType('navigation')[0].domInteractive",
            vec![],
        )
        .await?
        .as_f64()
        .unwrap_or(0.0);
    let listing = client
        .execute(
            "return document.querySelector('.wl-heap .wl-input').value",
            vec![],
        )
        .await?;
    let listing = listing
        .as_str()
        .context("the editor has no text")?
        .to_string();
    ensure!(
        listing.contains("getrefcount"),
        "unexpected listing: {listing:?}"
    );
    press(client, "wl-run").await?;
    let shown = console_text(client).await?;
    let expected = python3_stdout(&listing)?;
    ensure!(
        shown == expected,
        "the widget printed {shown:?}, python3 printed {expected:?}"
    );
    // The diagram's reference count at the end, for the name the listing's last
    // `getrefcount(name)` reads, equals the last count python3 printed.
    let name = listing
        .lines()
        .rev()
        .find_map(|line| line.split("getrefcount(").nth(1)?.split(')').next())
        .context("no getrefcount(name) in the listing")?;
    let described = client
        .execute(
            "const held = new RegExp('held by ' + arguments[0] + '( |,|;|$)'); \
             return [...document.querySelectorAll('.wl-heap .wl-describe li')]\
             .map(li => li.textContent).find(t => held.test(t)) || null",
            vec![json!(name)],
        )
        .await?;
    let described = described
        .as_str()
        .with_context(|| format!("no object is held by {name}"))?;
    let refcount = described
        .split("refcount ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .context("no refcount in the description")?;
    let printed = expected.lines().last().unwrap_or_default();
    ensure!(
        refcount == printed,
        "the diagram says {described:?}, python3 printed {printed}"
    );
    Ok(format!(
        " (widget interactive {interactive_ms:.0} ms after navigation; page parsed at \
         {parsed_ms:.0} ms)"
    ))
}

async fn output_is_text(client: &Client, base: &str) -> Result<String> {
    open_widget(client, base, CHAPTER).await?;
    type_listing(client, "print('<b>bold</b> &amp; <script>x</script>')\n").await?;
    press(client, "wl-run").await?;
    let shown = console_text(client).await?;
    ensure!(
        shown == "<b>bold</b> &amp; <script>x</script>\n",
        "console shows {shown:?}"
    );
    let elements = client
        .execute(
            "return document.querySelector('.wl-heap .wl-console').children.length",
            vec![],
        )
        .await?;
    ensure!(
        elements == json!(0),
        "the console holds {elements} elements"
    );
    Ok(String::new())
}

async fn syntax_error_is_marked(client: &Client, base: &str) -> Result<String> {
    open_widget(client, base, CHAPTER).await?;
    type_listing(client, "x = 1\ny = = 2\n").await?;
    let message = poll(
        client,
        "const e = document.querySelector('.wl-heap .wl-syntax-error'); \
         return e ? e.textContent : null",
        vec![],
        PATIENCE,
    )
    .await?;
    let message = message.as_str().unwrap_or_default();
    ensure!(
        message == "Line 2, column 5: SyntaxError: invalid syntax",
        "message {message:?}"
    );
    let marked = client
        .execute(
            "return [document.querySelector('.wl-heap .wl-error-mark').textContent, \
             document.querySelector('.wl-heap .wl-lineno.wl-error-line').textContent]",
            vec![],
        )
        .await?;
    ensure!(marked == json!(["=", "2"]), "marked {marked}");
    Ok(String::new())
}

async fn reset_restores(client: &Client, base: &str) -> Result<String> {
    open_widget(client, base, CHAPTER).await?;
    let value = "return document.querySelector('.wl-heap .wl-input').value";
    let original = client.execute(value, vec![]).await?;
    type_listing(client, "print(1)\n").await?;
    press(client, "wl-reset").await?;
    let restored = client.execute(value, vec![]).await?;
    ensure!(
        restored == original,
        "after Reset the editor holds {restored}"
    );
    Ok(String::new())
}

async fn themes(client: &Client, base: &str, shots: &Path) -> Result<String> {
    open_widget(client, base, CHAPTER).await?;
    press(client, "wl-run").await?;
    console_text(client).await?;
    let mut backgrounds: Vec<Value> = Vec::new();
    for theme in THEMES {
        // The theme menu's own buttons, pressed through mdbook's click handlers.
        client
            .execute(
                "document.getElementById('mdbook-theme-toggle').click(); \
                 document.getElementById('mdbook-theme-' + arguments[0]).click(); \
                 document.body.click();",
                vec![json!(theme)],
            )
            .await?;
        let colours = client
            .execute(
                "const w = document.querySelector('.wl-heap'); \
                 return [document.documentElement.className, getComputedStyle(w).backgroundColor, \
                 getComputedStyle(document.documentElement).backgroundColor]",
                vec![],
            )
            .await?;
        ensure!(
            colours[0].as_str().unwrap_or_default().contains(theme),
            "theme {theme} not applied: {colours}"
        );
        ensure!(
            colours[1] == colours[2],
            "the widget's background does not follow theme {theme}: {colours}"
        );
        backgrounds.push(colours[1].clone());
        let png = client.screenshot().await?;
        fs::write(shots.join(format!("{theme}.png")), png)?;
    }
    backgrounds.sort_by_key(|v| v.to_string());
    backgrounds.dedup();
    ensure!(
        backgrounds.len() == THEMES.len(),
        "themes share backgrounds: {backgrounds:?}"
    );
    Ok(format!(" (screenshots in {})", shots.display()))
}

async fn panic_shows_error_box(client: &Client, base: &str) -> Result<String> {
    open_widget(client, base, CHAPTER).await?;
    // The page's own copy of the bundle (import() returns the module already loaded).
    client
        .execute(
            "import(new URL(path_to_root + 'widgets/weaklink_web.js', document.baseURI).href)\
             .then(m => m.panic_for_tests()).catch(e => { window.wlPanicError = String(e); });",
            vec![],
        )
        .await?;
    let message = poll(
        client,
        "const e = document.querySelector('.wl-heap .wl-error'); \
         return e ? e.textContent : window.wlPanicError ? 'no box: ' + window.wlPanicError : null",
        vec![],
        PATIENCE,
    )
    .await?;
    ensure!(
        message
            .as_str()
            .unwrap_or_default()
            .contains("internal error"),
        "error box says {message}"
    );
    // The page still works: mdbook's sidebar toggle still answers.
    let toggled = client
        .execute(
            "const before = document.documentElement.classList.contains('sidebar-visible'); \
             document.getElementById('mdbook-sidebar-toggle').click(); \
             return before !== document.documentElement.classList.contains('sidebar-visible')",
            vec![],
        )
        .await?;
    ensure!(toggled == json!(true), "the sidebar toggle no longer works");
    Ok(String::new())
}

/// The first widget's status line.
async fn status(client: &Client) -> Result<String> {
    let text = client
        .execute(
            "return document.querySelector('.wl-heap .wl-status').textContent",
            vec![],
        )
        .await?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

async fn stepping(client: &Client, base: &str) -> Result<String> {
    open_widget(client, base, CHAPTER).await?;
    press(client, "wl-step").await?;
    press(client, "wl-step").await?;
    let after_two = status(client).await?;
    ensure!(after_two.starts_with("Step 2 of "), "status {after_two:?}");
    let region = client
        .find(Locator::Css(".wl-heap .wl-diagram-region"))
        .await?;
    region.click().await?;
    // Arrow keys step while the diagram has focus, and mdbook does not turn the page.
    region.send_keys("\u{E014}").await?;
    let after_right = status(client).await?;
    ensure!(
        after_right.starts_with("Step 3 of "),
        "status {after_right:?}"
    );
    region.send_keys("\u{E012}\u{E012}").await?;
    let after_left = status(client).await?;
    ensure!(
        after_left.starts_with("Step 1 of "),
        "status {after_left:?}"
    );
    let url = client.current_url().await?;
    ensure!(url.as_str().ends_with(CHAPTER), "the page changed to {url}");
    region.send_keys("\u{E010}").await?;
    let at_end = status(client).await?;
    ensure!(
        at_end.contains("the program has ended"),
        "status {at_end:?}"
    );
    Ok(String::new())
}

async fn cycle_is_marked(client: &Client, base: &str, shots: &Path) -> Result<String> {
    open_widget(client, base, CHAPTER).await?;
    type_listing(client, "l1 = []\nl2 = [l1]\nl1.append(l2)\ndel l1, l2\n").await?;
    press(client, "wl-run").await?;
    let marked = poll(
        client,
        "const o = document.querySelectorAll('.wl-heap .wl-object.wl-unreachable'); \
         return o.length ? [...o].map(e => e.dataset.name + ' ' + e.dataset.refcount) : null",
        vec![],
        PATIENCE,
    )
    .await?;
    ensure!(
        marked == json!(["list #1 2", "list #2 2"]),
        "unreachable objects: {marked}"
    );
    let png = client.screenshot().await?;
    fs::write(shots.join("cycle.png"), png)?;
    Ok(String::new())
}
