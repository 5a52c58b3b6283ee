//! Component tests: the heap explorer mounted in a real page of headless Chromium, driven
//! through its DOM as a reader drives it. Run by `cargo xtask test` through
//! `wasm-bindgen-test-runner` (see `crates/xtask/src/components.rs`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use weaklink_web::ui::widget::{Widget, WidgetProps};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a widget for `listing` on a fresh element of the page and returns that element.
fn mount(listing: &str) -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<Widget>::with_root_and_props(
        root.clone(),
        WidgetProps {
            listing: listing.into(),
            start_at_line: None,
            events: false,
        },
    )
    .render();
    root
}

/// Lets the browser run yew's scheduled renders.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .expect("a timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the timer fires");
}

/// The first element under `root` matching `selector`.
fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

/// The text of the first element matching `selector`.
fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// Clicks the first element matching `selector`, then lets the widget render.
async fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
    settle().await;
}

/// Listings and the output Run shows for each: the console prints text, never HTML.
const OUTPUTS: &[(&str, &str)] = &[
    ("print(1 + 1)\n", "2\n"),
    ("print('<b>bold?</b>')\n", "<b>bold?</b>\n"),
    (
        "import sys\nl1 = []\nl2 = [l1]\nprint(sys.getrefcount(l1))\n",
        "3\n",
    ),
    (
        "import gc\nl1 = []\nl2 = [l1]\nl1.append(l2)\ndel l1, l2\nprint(gc.collect())\n",
        "2\n",
    ),
];

#[wasm_bindgen_test]
async fn run_shows_the_output_as_text() {
    for (listing, expected) in OUTPUTS {
        let root = mount(listing);
        settle().await;
        click(&root, ".wl-run").await;
        assert_eq!(text(&root, ".wl-console"), *expected, "{listing}");
        assert!(
            root.query_selector(".wl-console b").unwrap().is_none(),
            "output became HTML"
        );
    }
}

#[wasm_bindgen_test]
async fn step_back_and_forward_move_one_step() {
    let root = mount("a = []\nb = [a]\nc = [b]\n");
    settle().await;
    click(&root, ".wl-run").await;
    let at_end = text(&root, ".wl-status");
    click(&root, ".wl-back").await;
    let before = text(&root, ".wl-status");
    assert_ne!(before, at_end);
    click(&root, ".wl-step").await;
    assert_eq!(text(&root, ".wl-status"), at_end);
}

#[wasm_bindgen_test]
async fn the_diagram_draws_names_and_reference_counts() {
    let root = mount("l1 = []\nl2 = [l1]\n");
    settle().await;
    click(&root, ".wl-run").await;
    let names: Vec<String> = all_texts(&root, ".wl-name");
    assert!(names.iter().any(|n| n == "l1"), "{names:?}");
    assert!(names.iter().any(|n| n == "l2"), "{names:?}");
    // l1's list: held by the name and by l2's list, plus getrefcount's own argument.
    let description = text(&root, ".wl-describe");
    assert!(description.contains("refcount 3"), "{description}");
}

#[wasm_bindgen_test]
async fn a_syntax_error_is_marked_in_the_editor() {
    let root = mount("x = (1,\nprint(x)\n");
    settle().await;
    click(&root, ".wl-run").await;
    assert!(
        root.query_selector(".wl-error-mark").unwrap().is_some()
            || root.query_selector(".wl-syntax-error").unwrap().is_some(),
        "{}",
        root.inner_html()
    );
    assert!(text(&root, ".wl-console").contains("SyntaxError"));
}

/// The texts of every element matching `selector`.
fn all_texts(root: &Element, selector: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).expect("a valid selector");
    (0..found.length())
        .filter_map(|i| found.item(i)?.text_content())
        .collect()
}
