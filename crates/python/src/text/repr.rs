//! `repr(str)` and the Unicode predicates of `str` (`isprintable`, `isdecimal`, …).

use super::tables;

/// Whether `table` (sorted, disjoint inclusive ranges) contains `c`.
fn in_ranges<T: Copy + Into<u32>>(table: &[(T, T)], c: u32) -> bool {
    let i = table.partition_point(|&(_, hi)| hi.into() < c);
    i < table.len() && table[i].0.into() <= c
}

/// CPython's `Py_UNICODE_ISPRINTABLE`: false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs
/// other than the space.
pub fn is_printable(c: char) -> bool {
    let c = c as u32;
    if c < 0x7f {
        return c >= 0x20;
    }
    match u16::try_from(c) {
        Ok(_) => !in_ranges(tables::NONPRINTABLE_BMP, c),
        Err(_) => !in_ranges(tables::NONPRINTABLE_ASTRAL, c),
    }
}

/// `c.isdecimal()`: category Nd.
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(tables::DECIMAL, c as u32)
}

/// The value of a decimal digit (`c.isdecimal()`), as `unicodedata.decimal(c)`.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let n = c as u32;
    let i = tables::DECIMAL.partition_point(|&(_, hi)| hi < n);
    let &(lo, _) = tables::DECIMAL.get(i).filter(|&&(lo, _)| lo <= n)?;
    Some((n - lo) % 10)
}

/// `c.isdigit()`: decimal digits plus superscripts, circled digits and the like.
pub fn is_digit(c: char) -> bool {
    is_decimal(c) || (!c.is_ascii() && in_ranges(tables::DIGIT_EXTRA, c as u32))
}

/// `c.isnumeric()`: digits plus every other character with a numeric value (fractions, Roman
/// numerals, CJK numerals).
pub fn is_numeric(c: char) -> bool {
    is_digit(c) || (!c.is_ascii() && in_ranges(tables::NUMERIC_EXTRA, c as u32))
}

/// Python's `repr(s)`: single quotes unless `s` contains `'` and no `"`; backslash escapes for
/// `\\`, the quote, `\t`, `\n`, `\r`; `\xhh`, `\uhhhh` or `\Uhhhhhhhh` for other characters that
/// are not printable.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        push_repr_char(&mut out, c, quote);
    }
    out.push(quote);
    out
}

/// Appends the `repr` spelling of one character inside a string quoted with `quote`.
pub(crate) fn push_repr_char(out: &mut String, c: char, quote: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ if c == quote => {
            out.push('\\');
            out.push(c);
        }
        _ if is_printable(c) => out.push(c),
        _ => push_hex_escape(out, c),
    }
}

/// Appends `\xhh`, `\uhhhh` or `\Uhhhhhhhh`, the shortest that holds `c`.
fn push_hex_escape(out: &mut String, c: char) {
    let n = c as u32;
    if n <= 0xff {
        out.push_str(&format!("\\x{n:02x}"));
    } else if n <= 0xffff {
        out.push_str(&format!("\\u{n:04x}"));
    } else {
        out.push_str(&format!("\\U{n:08x}"));
    }
}

/// Python's `ascii(s)`: like [`str_repr`], then every non-ASCII character escaped.
pub fn str_ascii(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        if c.is_ascii() {
            push_repr_char(&mut out, c, quote);
        } else {
            push_hex_escape(&mut out, c);
        }
    }
    out.push(quote);
    out
}
