//! The book's exercise pages: a line `{{#exercise NAME}}` in a chapter becomes the
//! exercise's prompt (as markdown) followed by a placeholder the exercise widget mounts on.
//!
//! The placeholder carries the exercise's files (`info.toml` and every file it names) as
//! attributes of hidden elements, so the widget reads them with the same reader
//! (`weaklink_exercises::Exercise::parse`) the `weaklink check` command uses on disk.
//! Attributes keep each file on one line of HTML, so a blank line in Python code cannot end
//! the HTML block early.

use std::path::Path;

use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// The class of an exercise placeholder; the page's loader looks for it.
pub const PLACEHOLDER_CLASS: &str = "wl-exercise";

/// The mdbook preprocessor that expands `{{#exercise NAME}}`.
pub struct ExercisePages;

impl Preprocessor for ExercisePages {
    fn name(&self) -> &str {
        "weaklink-exercise-pages"
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_driver::errors::Result<Book> {
        let exercises = ctx.root.join("../exercises");
        let mut failure = None;
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                match expand(&chapter.content, &exercises) {
                    Ok(content) if content != chapter.content => {
                        chapter.content = crate::listings::with_early_start(content);
                    }
                    Ok(_) => {}
                    Err(error) => {
                        failure.get_or_insert(format!("{}: {error}", chapter.name));
                    }
                }
            }
        });
        match failure {
            Some(error) => Err(mdbook_driver::errors::Error::msg(error)),
            None => Ok(book),
        }
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_driver::errors::Result<bool> {
        Ok(renderer == "html")
    }
}

/// Expands every `{{#exercise NAME}}` line of `markdown` with the exercises in `dir`.
pub fn expand(markdown: &str, dir: &Path) -> Result<String, String> {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let Some(name) = directive(line) else {
            out.push_str(line);
            continue;
        };
        let folder = dir.join(name);
        let read = |file: &str| {
            std::fs::read_to_string(folder.join(file))
                .map_err(|e| format!("exercise {name}: cannot read {file}: {e}"))
        };
        let info = read("info.toml")?;
        let exercise = weaklink_exercises::Exercise::parse(&info, &|file| read(file).ok())
            .map_err(|e| format!("exercise {name}: {e}"))?;
        out.push_str(&exercise.prompt);
        out.push_str("\n\n");
        out.push_str(&format!(
            "<div class=\"{PLACEHOLDER_CLASS}\" data-wl-exercise=\"{}\">\n",
            escape(name)
        ));
        for file in files_named(&info) {
            let text = read(&file)?;
            out.push_str(&format!(
                "<span hidden data-wl-file=\"{}\" data-wl-text=\"{}\"></span>\n",
                escape(&file),
                escape(&text)
            ));
        }
        out.push_str(&format!(
            "<span hidden data-wl-file=\"info.toml\" data-wl-text=\"{}\"></span>\n",
            escape(&info)
        ));
        out.push_str("<p class=\"wl-exercise-loading\">The exercise loads…</p>\n</div>\n");
    }
    Ok(out)
}

/// The exercise named by a `{{#exercise NAME}}` line.
fn directive(line: &str) -> Option<&str> {
    let name = line
        .trim()
        .strip_prefix("{{#exercise ")?
        .strip_suffix("}}")?
        .trim();
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then_some(name)
}

/// The files an `info.toml` names (its string values that end in `.md` or `.py`).
fn files_named(info: &str) -> Vec<String> {
    let Ok(doc) = weaklink_exercises::info::parse(info) else {
        return Vec::new();
    };
    doc.top
        .into_iter()
        .filter_map(|(_, value)| match value {
            weaklink_exercises::info::Value::Str(s) if s.ends_with(".md") || s.ends_with(".py") => {
                Some(s)
            }
            _ => None,
        })
        .collect()
}

/// Escapes text for a double-quoted HTML attribute, newlines included.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        let cases = [
            ("{{#exercise weak-cache}}\n", Some("weak-cache")),
            ("  {{#exercise  a_b }}", Some("a_b")),
            ("{{#exercise}}\n", None),
            ("{{#exercise ../etc}}\n", None),
            ("{{#include x}}\n", None),
            ("text {{#exercise a}}\n", None),
        ];
        for (line, expected) in cases {
            assert_eq!(directive(line), expected, "{line:?}");
        }
    }

    #[test]
    fn the_weak_cache_page_embeds_every_file_on_one_line_each() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../exercises");
        let page = expand("# Title\n\n{{#exercise weak-cache}}\n\nAfter.\n", &dir).unwrap();
        assert!(page.starts_with("# Title\n\nSome objects are large"));
        assert!(page.ends_with("</div>\n\nAfter.\n"));
        let block = &page[page.find("<div class=\"wl-exercise\"").unwrap()..];
        let block = &block[..block.find("</div>").unwrap()];
        assert!(
            !block.contains("\n\n"),
            "a blank line would end the HTML block"
        );
        for file in [
            "prompt.md",
            "starter.py",
            "solution.py",
            "checks.py",
            "info.toml",
        ] {
            assert!(
                block.contains(&format!("data-wl-file=\"{file}\"")),
                "{file}"
            );
        }
        assert!(expand("{{#exercise missing}}\n", &dir).is_err());
    }

    #[test]
    fn escapes() {
        assert_eq!(escape("a\"<b>&\nc"), "a&quot;&lt;b&gt;&amp;&#10;c");
    }
}
