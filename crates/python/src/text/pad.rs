//! `str.center`, `ljust`, `rjust`, `zfill`, `expandtabs` and `str * n`.

use super::error::{TextError, TextResult};
use super::slice::{char_len, check_len};

/// The fill argument of `center`/`ljust`/`rjust` as a character, or CPython's `TypeError`.
pub fn fill_char(fill: &str) -> TextResult<char> {
    let mut chars = fill.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(TextError::type_error(
            "The fill character must be exactly one character long",
        )),
    }
}

/// `s` with `left` and `right` fill characters around it.
fn pad(s: &str, left: usize, right: usize, fill: char) -> TextResult<String> {
    check_len(left as u128 + right as u128 + s.len() as u128)?;
    let mut out = String::with_capacity(s.len() + left + right);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(out)
}

/// How many fill characters `width` asks for beyond `s`'s length.
fn margin(s: &str, width: i64) -> usize {
    (width.max(0) as usize).saturating_sub(char_len(s))
}

/// `s.center(width, fill)`: CPython puts the odd extra fill character on the left exactly when
/// both the margin and the width are odd.
pub fn center(s: &str, width: i64, fill: char) -> TextResult<String> {
    let marg = margin(s, width);
    let left = marg / 2 + (marg & (width.max(0) as usize) & 1);
    pad(s, left, marg - left, fill)
}

/// `s.ljust(width, fill)`.
pub fn ljust(s: &str, width: i64, fill: char) -> TextResult<String> {
    pad(s, 0, margin(s, width), fill)
}

/// `s.rjust(width, fill)`.
pub fn rjust(s: &str, width: i64, fill: char) -> TextResult<String> {
    pad(s, margin(s, width), 0, fill)
}

/// `s.zfill(width)`: zeros on the left, after a leading `+` or `-`.
pub fn zfill(s: &str, width: i64) -> TextResult<String> {
    let marg = margin(s, width);
    let padded = pad(s, marg, 0, '0')?;
    if marg == 0 {
        return Ok(padded);
    }
    match s.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let mut out = String::with_capacity(padded.len());
            out.push(sign);
            out.push_str(&"0".repeat(marg));
            out.push_str(&s[1..]);
            Ok(out)
        }
        _ => Ok(padded),
    }
}

/// `s.expandtabs(tabsize)`: each tab becomes spaces up to the next multiple of `tabsize`
/// columns (removed when `tabsize <= 0`); `\n` and `\r` restart the column count.
pub fn expandtabs(s: &str, tabsize: i64) -> TextResult<String> {
    let mut total: u128 = 0;
    let mut column: u128 = 0;
    let size = tabsize.max(0) as u128;
    for c in s.chars() {
        match c {
            '\t' if size > 0 => {
                let incr = size - column % size;
                column += incr;
                total += incr;
            }
            '\t' => {}
            '\n' | '\r' => {
                column = 0;
                total += 1;
            }
            _ => {
                column += 1;
                total += 1;
            }
        }
        check_len(total)?;
    }
    let mut out = String::with_capacity(total as usize);
    let mut column = 0usize;
    for c in s.chars() {
        match c {
            '\t' if size > 0 => {
                let incr = size as usize - column % size as usize;
                out.extend(std::iter::repeat_n(' ', incr));
                column += incr;
            }
            '\t' => {}
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(out)
}

/// `s * n` (and `n * s`): empty for `n <= 0`; `MemoryError` when absurdly large.
pub fn repeat(s: &str, n: i64) -> TextResult<String> {
    if n <= 0 || s.is_empty() {
        return Ok(String::new());
    }
    check_len(char_len(s) as u128 * n as u128)?;
    Ok(s.repeat(n as usize))
}
