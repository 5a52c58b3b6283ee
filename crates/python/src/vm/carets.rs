//! The line of carets CPython 3.11 prints under a traceback's source line
//! (`tb_displayline` in Python/traceback.c): `^` under the part of the line that failed,
//! and for a binary operation or a subscript `~` under the operands with `^` under the
//! operator or the index. No carets when they would cover the whole line.

use crate::compile::bytecode::Position;
use crate::syntax::ast::{Expr, Stmt};
use crate::syntax::parse_module;

/// Columns the source line is indented by in a traceback.
const SOURCE_INDENT: isize = 4;

/// CPython's `IS_WHITESPACE`: the characters stripped before a traceback's source line.
fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0c')
}

/// The character offset of byte offset `byte` in `line` (CPython's
/// `_PyPegen_byte_offset_to_character_offset`).
fn char_offset(line: &str, byte: usize) -> usize {
    let byte = byte.min(line.len());
    String::from_utf8_lossy(&line.as_bytes()[..byte])
        .chars()
        .count()
}

/// The carets under `line` (as written in the file, without its newline) for the
/// instruction at `pos`, or `None` where CPython prints none.
pub(crate) fn caret_line(line: &str, pos: Position) -> Option<String> {
    let indent = line.bytes().take_while(|&b| is_whitespace(b)).count();
    let truncation = indent as isize - SOURCE_INDENT;
    let line_len = line.chars().count() as isize;
    let start = char_offset(line, pos.col as usize) as isize;
    let mut end = char_offset(line, pos.end_col as usize) as isize;
    let mut anchors = None;
    if pos.line == pos.end_line {
        anchors = anchors_in(line, start as usize, end as usize);
    } else {
        // A multi-line expression: up to the line's last non-whitespace character.
        end = line
            .bytes()
            .rposition(|b| !is_whitespace(b))
            .map_or(0, |i| i as isize + 1);
    }
    if end - start == line_len - indent as isize && anchors.is_none() {
        return None;
    }
    let (primary, secondary) = if anchors.is_some() {
        ('~', '^')
    } else {
        ('^', '^')
    };
    let mut carets = String::new();
    let mut offset = truncation;
    while {
        offset += 1;
        offset <= end
    } {
        let c = match anchors {
            _ if offset <= start => ' ',
            Some((left, right)) if left < offset && offset <= right => secondary,
            _ => primary,
        };
        carets.push(c);
    }
    Some(carets)
}

/// Where the operator of a binary operation, or the index of a subscript, lies in
/// `line[start..end]` (character offsets): CPython parses that segment on its own and
/// looks for one expression statement of those kinds.
fn anchors_in(line: &str, start: usize, end: usize) -> Option<(isize, isize)> {
    let segment: String = line
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    let module = parse_module(&segment).ok()?;
    let [Stmt::Expr { value, .. }] = module.body.as_slice() else {
        return None;
    };
    let bytes = segment.as_bytes();
    let (left, right) = match &**value {
        Expr::BinOp { left, right, .. } => {
            let from = left.span().end_col_offset as usize;
            let to = right.span().col_offset as usize;
            let i = (from..to.min(bytes.len())).find(|&i| !is_whitespace(bytes[i]))?;
            let wide = i + 1 < to && !is_whitespace(bytes[i + 1]);
            (i, i + 1 + usize::from(wide))
        }
        Expr::Subscript { value, slice, .. } => (
            value.span().end_col_offset as usize,
            slice.span().end_col_offset as usize + 1,
        ),
        _ => return None,
    };
    let to_line = |byte: usize| (char_offset(&segment, byte) + start) as isize;
    Some((to_line(left), to_line(right)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(col: u32, end_col: u32) -> Position {
        Position {
            line: 1,
            col,
            end_line: 1,
            end_col,
        }
    }

    /// `(line, start column, end column) -> carets` as python3.11 prints them.
    #[test]
    fn carets_as_cpython_prints_them() {
        let cases: &[(&str, u32, u32, Option<&str>)] = &[
            // The whole line: no carets.
            ("print(x)", 0, 8, None),
            ("    print(x)", 4, 12, None),
            // Part of a line.
            ("print(undefined)", 6, 15, Some("          ^^^^^^^^^")),
            ("    y = f(1)", 8, 12, Some("        ^^^^")),
            // A binary operation: `~` under the operands, `^` under the operator.
            ("x = 1 + 'a'", 4, 11, Some("        ~~^~~~~")),
            ("x = a // b", 4, 10, Some("        ~~^^~~")),
            // A subscript: `^` under the index and its bracket.
            ("v = d['k']", 4, 10, Some("        ~^^^^^")),
            // The whole line, but with an operator: carets all the same.
            ("a + b", 0, 5, Some("    ~~^~~")),
        ];
        for &(line, col, end_col, expected) in cases {
            assert_eq!(
                caret_line(line, at(col, end_col)).as_deref(),
                expected,
                "{line:?} {col}..{end_col}"
            );
        }
    }
}
