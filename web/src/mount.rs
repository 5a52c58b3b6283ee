//! Finding the page's placeholders, mounting widgets on them, and showing a panic in the
//! widgets instead of failing silently.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::ui::widget::{Widget, WidgetProps};

/// The class of a placeholder the book's build writes.
const PLACEHOLDER: &str = "wl-heap";

/// The attribute set on a placeholder once its widget is mounted.
const MOUNTED: &str = "data-wl-mounted";

/// Mounts a widget on each placeholder not yet mounted.
pub fn mount_all() {
    let document = gloo::utils::document();
    let Ok(found) = document.query_selector_all(&format!(".{PLACEHOLDER}:not([{MOUNTED}])")) else {
        return;
    };
    for index in 0..found.length() {
        let Some(root) = found.item(index).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        // The listing is the text of the code block inside the placeholder: markdown has
        // already escaped it for the page, and reading it back as text unescapes it.
        let listing = root
            .query_selector("code")
            .ok()
            .flatten()
            .and_then(|code| code.text_content())
            .unwrap_or_default();
        let _ = root.set_attribute(MOUNTED, "");
        root.set_inner_html("");
        yew::Renderer::<Widget>::with_root_and_props(
            root,
            WidgetProps {
                listing: listing.into(),
            },
        )
        .render();
    }
}

/// Shows a panic as an error box in every widget, so the reader learns that the widget has
/// stopped while the rest of the page keeps working.
pub fn install_panic_box() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!(
            "The interactive listing stopped because of an internal error; reload the page to \
             use it again. ({info})"
        );
        web_sys::console::error_1(&message.clone().into());
        let document = gloo::utils::document();
        let Ok(roots) = document.query_selector_all(&format!(".{PLACEHOLDER}")) else {
            return;
        };
        for index in 0..roots.length() {
            let Some(root) = roots.item(index).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if let Ok(item) = document.create_element("p") {
                item.set_class_name("wl-error");
                let _ = item.set_attribute("role", "alert");
                item.set_text_content(Some(&message));
                if let Some(item) = item.dyn_ref::<HtmlElement>() {
                    let _ = root.append_child(item);
                }
            }
        }
    }));
}
