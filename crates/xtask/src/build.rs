//! `cargo xtask build`: the book as one static site, its widgets compiled to WebAssembly.
//!
//! 1. The widget crate `weaklink-web` is compiled for `wasm32-unknown-unknown` with the
//!    size-tuned `wasm-release` profile. `cargo rustc --crate-type cdylib` is used because a
//!    plain `cargo build` of a `cdylib` + `rlib` crate silently skips LTO.
//! 2. `wasm-bindgen` (its library, pinned to the same version as the crate's `wasm-bindgen`)
//!    writes the JavaScript glue.
//! 3. mdbook (its library) renders `book/`, with [`HeapListings`] turning listings into widget
//!    placeholders; the glue and the wasm are copied into the site's `widgets/` folder.

use std::{
    env,
    ffi::OsString,
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

use anyhow::{bail, Context, Result};
use mdbook_driver::{config::Config, MDBook};
use wasm_bindgen_cli_support::Bindgen;

use crate::exercise_pages::ExercisePages;
use crate::listings::HeapListings;

/// The widget crate's name as wasm-bindgen writes it (`<name>.js`, `<name>_bg.wasm`).
pub const BUNDLE_NAME: &str = "weaklink_web";

/// The folder of the site that holds the widgets' files.
pub const WIDGETS_DIR: &str = "widgets";

/// Where the workspace is and where cargo puts its build output.
pub struct Workspace {
    /// The workspace root (holds `book/`).
    pub root: PathBuf,
    /// Cargo's target directory (honours `CARGO_TARGET_DIR`).
    pub target: PathBuf,
}

impl Workspace {
    /// Asks `cargo metadata` where the workspace and its target directory are.
    pub fn locate() -> Result<Workspace> {
        let output = cargo()
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .current_dir(crate::step::manifest_dir())
            .output()
            .context("could not run `cargo metadata`")?;
        if !output.status.success() {
            bail!(
                "`cargo metadata` failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
            .context("`cargo metadata` printed something that is not JSON")?;
        let path = |key: &str| -> Result<PathBuf> {
            metadata[key]
                .as_str()
                .map(PathBuf::from)
                .with_context(|| format!("`cargo metadata` gave no `{key}`"))
        };
        Ok(Workspace {
            root: path("workspace_root")?,
            target: path("target_directory")?,
        })
    }

    /// The folder the static site is written to.
    pub fn site(&self) -> PathBuf {
        self.target.join("site")
    }
}

/// A cargo command: the cargo that started us (cargo sets `$CARGO`), else `cargo`.
fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Builds the whole site and returns its folder.
pub fn run() -> Result<PathBuf> {
    let start = Instant::now();
    let workspace = Workspace::locate()?;
    let wasm = compile_wasm(&workspace)?;
    let glue = workspace.target.join("wasm-bindgen");
    bindgen(&wasm, &glue)?;
    let site = workspace.site();
    render_book(&workspace.root.join("book"), &site)?;
    let widgets = site.join(WIDGETS_DIR);
    fs::create_dir_all(&widgets).with_context(|| format!("creating {}", widgets.display()))?;
    for name in [
        format!("{BUNDLE_NAME}.js"),
        format!("{BUNDLE_NAME}_bg.wasm"),
    ] {
        fs::copy(glue.join(&name), widgets.join(&name))
            .with_context(|| format!("copying {name} into the site"))?;
    }
    eprintln!(
        "xtask: build: site ready in {:.1?}: {}",
        start.elapsed(),
        site.display()
    );
    Ok(site)
}

/// Compiles the widget crate to wasm and returns the `.wasm` file.
fn compile_wasm(workspace: &Workspace) -> Result<PathBuf> {
    let start = Instant::now();
    eprintln!("xtask: build: compiling the widgets to wasm (wasm-release profile)");
    let status = cargo()
        .args([
            "rustc",
            "--package",
            "weaklink-web",
            "--lib",
            "--crate-type",
            "cdylib",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ])
        .current_dir(&workspace.root)
        .status()
        .context("could not start cargo")?;
    if !status.success() {
        bail!(
            "compiling weaklink-web to wasm failed ({status})\n  hint: the target needs \
             `rustup target add wasm32-unknown-unknown`"
        );
    }
    let wasm = workspace
        .target
        .join("wasm32-unknown-unknown/wasm-release")
        .join(format!("{BUNDLE_NAME}.wasm"));
    eprintln!("xtask: build: wasm compiled in {:.1?}", start.elapsed());
    Ok(wasm)
}

/// Writes the JavaScript glue and the final `.wasm` for the browser into `out`.
fn bindgen(wasm: &Path, out: &Path) -> Result<()> {
    Bindgen::new()
        .input_path(wasm)
        .web(true)?
        .omit_default_module_path(false)
        .typescript(false)
        // Function names only help debuggers; they are a tenth of the download.
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))
}

/// Renders the book in `book_root` into `site` with mdbook.
fn render_book(book_root: &Path, site: &Path) -> Result<()> {
    let start = Instant::now();
    let mut config = Config::from_disk(book_root.join("book.toml"))
        .with_context(|| format!("reading {}/book.toml", book_root.display()))?;
    config.build.build_dir = site.to_path_buf();
    let mut book = MDBook::load_with_config(book_root, config)
        .with_context(|| format!("loading the book in {}", book_root.display()))?;
    book.with_preprocessor(HeapListings);
    book.with_preprocessor(ExercisePages);
    book.build().context("rendering the book")?;
    eprintln!("xtask: build: book rendered in {:.1?}", start.elapsed());
    Ok(())
}
