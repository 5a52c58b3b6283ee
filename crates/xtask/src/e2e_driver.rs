//! Headless Chromium for the browser tests: chromedriver started on a free port of
//! 127.0.0.1, a WebDriver session with the flags that keep Chromium off the network, and
//! helpers the tests share.

use std::{
    net::{TcpListener, TcpStream},
    process::{Child, Command, Stdio},
    thread,
    time::{Duration, Instant},
};

use anyhow::{bail, Context, Result};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// The chromedriver program (Debian's `chromium-driver` package); `CHROMEDRIVER` overrides it.
fn chromedriver_program() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into())
}

/// The Chromium binary (Debian's `chromium` package); `CHROMIUM` overrides it.
fn chromium_program() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// A running chromedriver, stopped when dropped.
pub struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    /// Starts chromedriver on a free port and waits until it accepts connections.
    pub fn start() -> Result<Chromedriver> {
        let port = TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port();
        let child = Command::new(chromedriver_program())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context(
                "could not start chromedriver (Debian: `apt-get install chromium chromium-driver`)",
            )?;
        let driver = Chromedriver { child, port };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if start.elapsed() > Duration::from_secs(20) {
                bail!("chromedriver did not listen on port {port} within 20 s");
            }
            thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }

    /// Opens a browser session: headless Chromium with a fresh profile, 1200×900.
    pub async fn session(&self, profile: &std::path::Path) -> Result<Client> {
        let options = json!({
            "binary": chromium_program(),
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1200,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        });
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .context("could not open a WebDriver session with Chromium")?;
        Ok(client)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `script` in the page (its `arguments` are `args`) until it returns something other
/// than `null`, polling every 5 ms for up to `limit`; returns that value.
pub async fn poll(
    client: &Client,
    script: &str,
    args: Vec<Value>,
    limit: Duration,
) -> Result<Value> {
    let start = Instant::now();
    loop {
        let value = client.execute(script, args.clone()).await?;
        if !value.is_null() {
            return Ok(value);
        }
        if start.elapsed() > limit {
            bail!("waited {limit:?} in vain for: {script}");
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
