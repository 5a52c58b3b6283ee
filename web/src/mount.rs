//! Finding the page's placeholders, mounting widgets on them, and showing a panic in the
//! widgets instead of failing silently.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::exercise::{ExerciseProps, ExerciseWidget};
use crate::ui::widget::{Widget, WidgetProps};

/// The class of a placeholder the book's build writes.
const PLACEHOLDER: &str = "wl-heap";

/// The class of an exercise placeholder the book's build writes.
const EXERCISE: &str = "wl-exercise";

/// The attribute set on a placeholder once its widget is mounted.
const MOUNTED: &str = "data-wl-mounted";

/// The page's elements that match `selector` and have been read to their end: while the
/// page is still being read, an element with nothing after it yet may be incomplete.
fn elements(selector: &str) -> Vec<Element> {
    let document = gloo::utils::document();
    let Ok(found) = document.query_selector_all(selector) else {
        return Vec::new();
    };
    let loading = document.ready_state() == "loading";
    (0..found.length())
        .filter_map(|index| found.item(index)?.dyn_into::<Element>().ok())
        .filter(|element| !loading || element.next_sibling().is_some())
        .collect()
}

/// Mounts an exercise widget on each exercise placeholder not yet mounted.
fn mount_exercises() {
    for root in elements(&format!(".{EXERCISE}:not([{MOUNTED}])")) {
        let mut files = std::collections::HashMap::new();
        if let Ok(found) = root.query_selector_all("[data-wl-file]") {
            for index in 0..found.length() {
                let Some(element) = found.item(index).and_then(|n| n.dyn_into::<Element>().ok())
                else {
                    continue;
                };
                if let (Some(name), Some(text)) = (
                    element.get_attribute("data-wl-file"),
                    element.get_attribute("data-wl-text"),
                ) {
                    files.insert(name, text);
                }
            }
        }
        let _ = root.set_attribute(MOUNTED, "");
        let info = files.get("info.toml").cloned().unwrap_or_default();
        match weaklink_exercises::Exercise::parse(&info, &|name| files.get(name).cloned()) {
            Ok(exercise) => {
                root.set_inner_html("");
                yew::Renderer::<ExerciseWidget>::with_root_and_props(
                    root,
                    ExerciseProps {
                        exercise: std::rc::Rc::new(exercise),
                    },
                )
                .render();
            }
            Err(error) => {
                root.set_text_content(Some(&format!("This exercise could not be read: {error}")))
            }
        }
    }
}

/// Mounts a widget on each placeholder not yet mounted.
pub fn mount_all() {
    mount_exercises();
    for root in elements(&format!(".{PLACEHOLDER}:not([{MOUNTED}])")) {
        // The listing is the text of the code block inside the placeholder: markdown has
        // already escaped it for the page, and reading it back as text unescapes it.
        let listing = root
            .query_selector("code")
            .ok()
            .flatten()
            .and_then(|code| code.text_content())
            .unwrap_or_default();
        let options = root.get_attribute("data-wl-options").unwrap_or_default();
        let events = options.split(',').any(|word| word.trim() == "events");
        let _ = root.set_attribute(MOUNTED, "");
        root.set_inner_html("");
        yew::Renderer::<Widget>::with_root_and_props(
            root,
            WidgetProps {
                listing: listing.into(),
                start_at_line: None,
                events,
            },
        )
        .render();
    }
}

/// Shows a panic as an error box in every widget, so the reader learns that the widget has
/// stopped while the rest of the page keeps working.
pub fn install_panic_box() {
    // Through yew, which would otherwise install its own hook when the first widget mounts.
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = format!(
            "The interactive listing stopped because of an internal error; reload the page to \
             use it again. ({info})"
        );
        web_sys::console::error_1(&message.clone().into());
        let document = gloo::utils::document();
        for root in elements(&format!(".{PLACEHOLDER}")) {
            if let Ok(item) = document.create_element("p") {
                item.set_class_name("wl-error");
                let _ = item.set_attribute("role", "alert");
                item.set_text_content(Some(&message));
                let _ = root.append_child(&item);
            }
        }
    }));
}
