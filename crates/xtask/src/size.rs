//! `cargo xtask bench size`: how many gzipped bytes a chapter page downloads for its widgets.
//!
//! Counted: the page's widget loader, the wasm-bindgen glue, the wasm and the widgets' CSS,
//! each gzipped at the default level (what a web server compressing on the fly sends), and the
//! scripts the build writes into a page with widgets (see `listings::with_early_start`).
//! mdbook's own files, which every page loads with or without widgets, are not counted.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use flate2::{write::GzEncoder, Compression};

use crate::build::{self, WIDGETS_DIR};

/// The stem of the widget loader that `book.toml` adds to every page (mdbook appends a hash).
const LOADER_STEM: &str = "heap-widgets";

/// Builds the site and prints the size of each widget file, then the total.
pub fn run() -> Result<()> {
    let site = build::run()?;
    let files = widget_files(&site)?;
    let mut total = 0;
    for file in &files {
        let bytes = fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        let packed = gzip_len(&bytes)?;
        total += packed;
        println!(
            "{:>9} bytes  {:>8} gz  {}",
            bytes.len(),
            packed,
            file.strip_prefix(&site).unwrap_or(file).display()
        );
    }
    let inline = crate::listings::with_early_start(String::new());
    let packed = gzip_len(inline.as_bytes())?;
    total += packed;
    println!(
        "{:>9} bytes  {:>8} gz  (scripts in the page)",
        inline.len(),
        packed
    );
    println!("bundle gz bytes: {total}");
    Ok(())
}

/// The files a page with a widget downloads for it.
fn widget_files(site: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for folder in [site.join("js"), site.to_path_buf()] {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(LOADER_STEM) && name.ends_with(".js") {
                files.push(entry.path());
            }
        }
    }
    let widgets = site.join(WIDGETS_DIR);
    for entry in fs::read_dir(&widgets).with_context(|| format!("listing {}", widgets.display()))? {
        files.push(entry?.path());
    }
    files.sort();
    Ok(files)
}

/// The length of `bytes` gzipped at the default level.
pub fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}
