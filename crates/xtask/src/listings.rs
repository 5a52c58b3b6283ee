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
                chapter.content = rewrite(&chapter.content);
            }
        });
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_driver::errors::Result<bool> {
        Ok(renderer == "html")
    }
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
    fn escapes_attributes() {
        assert_eq!(
            escape_attribute(r#"a"b<c>&'"#),
            "a&quot;b&lt;c&gt;&amp;&#39;"
        );
    }
}
