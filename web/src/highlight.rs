//! Syntax highlighting for the editor's overlay, from the Python crate's tokenizer, and the
//! position of the listing's syntax error, from its parser.
//!
//! Pieces carry highlight.js class names, so the colours come from the stylesheet of whichever
//! mdbook theme is active.

use weaklink_python::syntax::{self, Keyword, TokenKind};

/// A run of source text drawn in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The highlight.js class, if the text is coloured.
    pub class: Option<&'static str>,
    /// The text itself.
    pub text: String,
    /// The text is where the syntax error points.
    pub error: bool,
}

/// A syntax error found in the listing, placed for the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorMark {
    /// The line, from 1.
    pub line: u32,
    /// The column in characters, from 1 (as CPython's `offset`).
    pub column: u32,
    /// The exception and message, e.g. `SyntaxError: invalid syntax`.
    pub message: String,
}

/// The syntax error CPython 3.11 would report when compiling `source`, if any.
pub fn syntax_error(source: &str) -> Option<ErrorMark> {
    let error = syntax::parse_and_validate(source).err()?;
    Some(ErrorMark {
        line: error.lineno.max(1),
        column: u32::try_from(error.offset).unwrap_or(0).max(1),
        message: format!("{}: {}", error.kind.name(), error.msg),
    })
}

/// The class for a token, or `None` for plain text.
fn class_of(kind: TokenKind, after_definer: bool) -> Option<&'static str> {
    match kind {
        TokenKind::Keyword(Keyword::True | Keyword::False | Keyword::None) => Some("hljs-literal"),
        TokenKind::Keyword(_) => Some("hljs-keyword"),
        TokenKind::Number => Some("hljs-number"),
        TokenKind::String => Some("hljs-string"),
        TokenKind::Name if after_definer => Some("hljs-title"),
        _ => None,
    }
}

/// Pushes untokenized text (spaces, comments, line continuations): a `#` starts a comment that
/// runs to the end of its line.
fn push_gap(pieces: &mut Vec<Piece>, gap: &str) {
    let mut rest = gap;
    while !rest.is_empty() {
        match rest.find('#') {
            Some(hash) => {
                push(pieces, None, &rest[..hash]);
                let end = rest[hash..].find('\n').map_or(rest.len(), |n| hash + n);
                push(pieces, Some("hljs-comment"), &rest[hash..end]);
                rest = &rest[end..];
            }
            None => {
                push(pieces, None, rest);
                rest = "";
            }
        }
    }
}

/// Pushes a piece, merging it into the previous one when the style is the same.
fn push(pieces: &mut Vec<Piece>, class: Option<&'static str>, text: &str) {
    if text.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some(last) if last.class == class && !last.error => last.text.push_str(text),
        _ => pieces.push(Piece {
            class,
            text: text.to_string(),
            error: false,
        }),
    }
}

/// The source cut into styled pieces whose texts join back into `source` (with line endings
/// as `\n`). When `error` is given, the character it points at (or a space after the line's end)
/// becomes its own piece, marked.
pub fn highlight(source: &str, error: Option<&ErrorMark>) -> Vec<Piece> {
    let text = source.replace("\r\n", "\n").replace('\r', "\n");
    let tokens = syntax::tokenize(&text).unwrap_or_default();
    let mut pieces = Vec::new();
    let mut at = 0;
    let mut after_definer = false;
    for token in tokens {
        let (start, end) = (token.start.min(text.len()), token.end.min(text.len()));
        let layout_only = matches!(
            token.kind,
            TokenKind::Newline
                | TokenKind::Indent
                | TokenKind::Dedent
                | TokenKind::EndMarker
                | TokenKind::Error
        );
        // Layout tokens can span a comment: their text stays in the gaps.
        if layout_only || start < at || start >= end {
            continue;
        }
        push_gap(&mut pieces, &text[at..start]);
        push(
            &mut pieces,
            class_of(token.kind, after_definer),
            &text[start..end],
        );
        after_definer = matches!(
            token.kind,
            TokenKind::Keyword(Keyword::Def | Keyword::Class)
        );
        at = end;
    }
    push_gap(&mut pieces, &text[at..]);
    match error.and_then(|e| char_offset(&text, e.line, e.column)) {
        Some(offset) => mark(pieces, offset),
        None => pieces,
    }
}

/// The byte offset of character `column` (from 1) of line `line` (from 1); a column past the
/// line's end gives the offset of its end.
fn char_offset(text: &str, line: u32, column: u32) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line as usize - 2)?.0 + 1
    };
    let line_text = &text[line_start..];
    let line_len = line_text.find('\n').unwrap_or(line_text.len());
    let within = line_text[..line_len]
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(line_len, |(i, _)| i);
    Some(line_start + within)
}

/// Splits the pieces so that the character at byte `offset` is a piece of its own, marked as
/// the error; at a line's end a marked space is inserted.
fn mark(pieces: Vec<Piece>, offset: usize) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len() + 2);
    let mut at = 0;
    let mut marked = false;
    for piece in pieces {
        let end = at + piece.text.len();
        if marked || offset < at || offset >= end {
            at = end;
            out.push(piece);
            continue;
        }
        let local = offset - at;
        let ch_len = piece.text[local..].chars().next().map_or(0, char::len_utf8);
        let (before, rest) = piece.text.split_at(local);
        let (target, after) = rest.split_at(ch_len);
        let part = |text: &str, error: bool| Piece {
            class: piece.class,
            text: text.to_string(),
            error,
        };
        if !before.is_empty() {
            out.push(part(before, false));
        }
        if target == "\n" {
            out.push(part(" ", true));
            out.push(part("\n", false));
        } else {
            out.push(part(target, true));
        }
        if !after.is_empty() {
            out.push(part(after, false));
        }
        marked = true;
        at = end;
    }
    if !marked {
        out.push(Piece {
            class: None,
            text: " ".into(),
            error: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(source: &str) -> Vec<(Option<&'static str>, String, bool)> {
        let error = syntax_error(source);
        highlight(source, error.as_ref())
            .into_iter()
            .map(|p| (p.class, p.text, p.error))
            .collect()
    }

    #[test]
    fn pieces_join_back_into_the_source() {
        for source in [
            "x = 1\n",
            "def f(a):  # comment\n    return 'a#b'\n",
            "print((1,\n",
            "s = 'open\n",
            "x = \"é\" + 1 +\n",
        ] {
            let joined: String = styled(source).into_iter().map(|p| p.1).collect();
            let trimmed = joined.trim_end_matches(' ');
            assert!(
                trimmed == source || joined.replace(" \n", "\n") == source,
                "{source:?} -> {joined:?}"
            );
        }
    }

    #[test]
    fn classes_tokens() {
        let cases: &[(&str, Option<&str>)] = &[
            ("def", Some("hljs-keyword")),
            ("f", Some("hljs-title")),
            ("None", Some("hljs-literal")),
            ("12", Some("hljs-number")),
            ("'s'", Some("hljs-string")),
            ("# note", Some("hljs-comment")),
        ];
        let pieces = styled("def f(x=None, y=12, z='s'):  # note\n    pass\n");
        for (text, class) in cases {
            let piece = pieces.iter().find(|p| p.1 == *text);
            assert_eq!(piece.map(|p| p.0), Some(*class), "{text}");
        }
    }

    #[test]
    fn marks_the_syntax_error() {
        let cases: &[(&str, u32, u32, &str)] = &[
            ("x = = 1\n", 1, 5, "="),
            ("x = 1\ny = (\n", 2, 5, "("),
            ("print 'a'\n", 1, 1, "print 'a'"),
        ];
        for (source, line, column, marked) in cases {
            let error = syntax_error(source).expect(source);
            assert_eq!((error.line, error.column), (*line, *column), "{source:?}");
            let pieces = highlight(source, Some(&error));
            let target = pieces.iter().find(|p| p.error).expect("a marked piece");
            assert!(marked.starts_with(&target.text), "{source:?}: {target:?}");
        }
        assert_eq!(syntax_error("x = [1]\n"), None);
    }
}
