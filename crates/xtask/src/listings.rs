//! The book's interactive listings: a fenced block whose info string is `python,heap` becomes
//! a widget placeholder before mdbook renders the chapter.
//!
//! ````text
//! ```python,heap
//! l1 = []
//! ```
//! ````
//!
//! becomes a `<div class="wl-heap">` around an ordinary ```` ```python ```` block. Markdown
//! renders (and escapes) the listing as usual, so a page without JavaScript still shows the
//! code, and the widget reads the listing back from the block's text. Further comma-separated
//! words after `heap` are kept as the placeholder's `data-wl-options`.

use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// The class of a widget placeholder; the page's loader looks for it.
pub const PLACEHOLDER_CLASS: &str = "wl-heap";

/// The mdbook preprocessor that turns `python,heap` blocks into widget placeholders.
pub struct HeapListings;

impl Preprocessor for HeapListings {
    fn name(&self) -> &str {
        "weaklink-heap-listings"
    }

    fn run(
        &self,
        _ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_driver::errors::Result<Book> {
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                let rewritten = rewrite(&chapter.content);
                if rewritten != chapter.content {
                    chapter.content = with_early_start(rewritten);
                }
            }
        });
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_driver::errors::Result<bool> {
        Ok(renderer == "html")
    }
}

/// The words that mark the early start in a page.
const EARLY_START_MARK: &str = "weaklink-early-start";

/// The script a page with widgets begins with: the widgets' stylesheet, wasm and glue
/// module start loading while the browser still reads the page, and `mount()` starts the
/// widgets of the placeholders read so far (the first call instantiates the wasm, later
/// calls mount what has been read since). The book's print page holds every chapter, so
/// only the first copy starts anything.
const EARLY_START: &str = r#"<script>
// weaklink-early-start: the widgets start loading while the rest of the page is read.
window.weaklinkEarly = window.weaklinkEarly || (function () {
  var base = new URL(path_to_root + "widgets/", document.baseURI).href;
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = base + "heap.css";
  document.head.appendChild(css);
  var wasm = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(base + "weaklink_web_bg.wasm")).catch(function () {
        return fetch(base + "weaklink_web_bg.wasm");
      })
    : fetch(base + "weaklink_web_bg.wasm");
  var glue = import(base + "weaklink_web.js");
  var started = null;
  return {
    mount: function () {
      if (!started) {
        started = glue.then(function (bundle) {
          return bundle.default({ module_or_path: wasm }).then(function () { return bundle; });
        });
        return started;
      }
      return started.then(function (bundle) {
        bundle.mount_widgets();
        return bundle;
      });
    }
  };
})();
</script>"#;

/// The script a page with widgets ends its content with: every placeholder has been read,
/// so the widgets can start before the page's own scripts have run.
const EARLY_MOUNT: &str = "<script>window.weaklinkEarly.mount().catch(function () {});</script>";

/// Puts the early start before a chapter's markdown and the early mount after it, once.
pub fn with_early_start(markdown: String) -> String {
    if markdown.contains(EARLY_START_MARK) {
        return markdown;
    }
    format!("{EARLY_START}\n\n{markdown}\n\n{EARLY_MOUNT}\n")
}

/// An opening code fence: its indentation, its fence characters, and its info string.
struct Fence<'a> {
    indent: &'a str,
    marks: &'a str,
    info: &'a str,
}

/// Reads `line` as an opening code fence (up to three spaces, then at least three backticks
/// or tildes).
fn opening_fence(line: &str) -> Option<Fence<'_>> {
    let body = line.trim_start_matches(' ');
    let indent = &line[..line.len() - body.len()];
    if indent.len() > 3 {
        return None;
    }
    let mark = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = body.chars().take_while(|c| *c == mark).count();
    if count < 3 {
        return None;
    }
    let (marks, info) = body.split_at(count);
    Some(Fence {
        indent,
        marks,
        info: info.trim(),
    })
}

/// Whether `line` closes a block opened with `marks`.
fn closes(line: &str, marks: &str) -> bool {
    let body = line.trim_start_matches(' ');
    let mark = marks.chars().next().unwrap_or('`');
    line.len() - body.len() <= 3
        && body.trim_end().chars().all(|c| c == mark)
        && body.trim_end().len() >= marks.len()
}

/// The words after `python,heap` in an info string, if it names an interactive listing.
fn heap_options(info: &str) -> Option<Vec<&str>> {
    let mut words = info.split(',').map(str::trim);
    if words.next() != Some("python") || words.next() != Some("heap") {
        return None;
    }
    Some(words.filter(|w| !w.is_empty()).collect())
}

/// Escapes text for a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Rewrites every `python,heap` block of a chapter's markdown into a widget placeholder;
/// everything else is left as it was.
pub fn rewrite(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 256);
    let mut lines = markdown.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let Some(fence) = opening_fence(line.trim_end_matches(['\n', '\r'])) else {
            out.push_str(line);
            continue;
        };
        let marks = fence.marks.to_string();
        let Some(options) = heap_options(fence.info) else {
            // An ordinary block: copy it through unchanged, so a `python,heap` example
            // shown inside it stays text.
            out.push_str(line);
            for inner in lines.by_ref() {
                out.push_str(inner);
                if closes(inner.trim_end_matches(['\n', '\r']), &marks) {
                    break;
                }
            }
            continue;
        };
        let indent = fence.indent;
        out.push_str(&format!(
            "{indent}<div class=\"{PLACEHOLDER_CLASS}\" data-wl-options=\"{}\">\n\n",
            escape_attribute(&options.join(","))
        ));
        out.push_str(&format!("{indent}{marks}python\n"));
        let mut closed = false;
        for inner in lines.by_ref() {
            if closes(inner.trim_end_matches(['\n', '\r']), &marks) {
                closed = true;
                break;
            }
            out.push_str(inner);
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{indent}{marks}\n\n{indent}</div>\n"));
        if !closed {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_heap_blocks_only() {
        let cases: &[(&str, &str)] = &[
            ("text\n", "text\n"),
            (
                "```python\nx = 1\n```\n",
                "```python\nx = 1\n```\n",
            ),
            (
                "```python,heap\nx = [1]\nprint(x)\n```\nafter\n",
                "<div class=\"wl-heap\" data-wl-options=\"\">\n\n```python\nx = [1]\nprint(x)\n```\n\n</div>\nafter\n",
            ),
            (
                "  ~~~~python, heap, step\n</div><script>\n  ~~~~\n",
                "  <div class=\"wl-heap\" data-wl-options=\"step\">\n\n  ~~~~python\n</div><script>\n  ~~~~\n\n  </div>\n",
            ),
            (
                "````md\n```python,heap\nx\n```\n````\n",
                "````md\n```python,heap\nx\n```\n````\n",
            ),
            (
                "```python,heap\nunclosed",
                "<div class=\"wl-heap\" data-wl-options=\"\">\n\n```python\nunclosed\n```\n\n</div>\n",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(rewrite(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn early_start_wraps_a_page_once() {
        let page = with_early_start("text\n".to_string());
        assert!(page.starts_with("<script>\n// weaklink-early-start"));
        assert!(page.ends_with(&format!("text\n\n\n{EARLY_MOUNT}\n")));
        assert_eq!(with_early_start(page.clone()), page);
    }

    #[test]
    fn escapes_attributes() {
        assert_eq!(
            escape_attribute(r#"a"b<c>&'"#),
            "a&quot;b&lt;c&gt;&amp;&#39;"
        );
    }
}
