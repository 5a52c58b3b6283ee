//! The book's browser widgets: a heap explorer for each interactive listing of a chapter.
//!
//! The book's build turns each ```` ```python,heap ```` block into a placeholder element of
//! class `wl-heap` around an ordinary code block; the page's loader imports this crate's
//! wasm only when such a placeholder exists, and [`start`] mounts a [`ui::widget::Widget`] on
//! each one, with the listing read from the code block's text.
//!
//! The crate only presents: the Python runs on `weaklink_python`'s VM ([`record`]), whose
//! results become the presentation types of [`model`].

pub mod exercise;
pub mod highlight;
pub mod layout;
pub mod model;
pub mod record;
pub mod ui;

#[cfg(target_arch = "wasm32")]
mod mount;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Installs the panic box and mounts a widget on every placeholder of the page; runs when the
/// loader initializes the wasm.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn start() {
    mount::install_panic_box();
    mount::mount_all();
}

/// Mounts the widgets of placeholders the page has gained since the last mount (a page
/// starts its widgets before it has been read to the end).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn mount_widgets() {
    mount::mount_all();
}

/// Panics on purpose: lets the browser tests check that a panic shows the error box and leaves
/// the page working.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn panic_for_tests() {
    panic!("a panic requested by the browser tests");
}
