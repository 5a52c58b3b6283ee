//! The book's browser widgets.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Mounts the widgets.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn start() {
    web_sys::console::log_1(&"weaklink widgets".into());
}
