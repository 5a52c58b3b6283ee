//! `str.split`, `rsplit`, `splitlines`, `partition`, `rpartition`, `strip` and friends, `join`.

use super::case::is_space;
use super::error::{TextError, TextResult};

fn empty_separator() -> TextError {
    TextError::value("empty separator")
}

/// The number of splits `maxsplit` allows (negative = no limit).
fn limit(maxsplit: i64) -> usize {
    if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    }
}

/// `s.split(sep, maxsplit)`: with `sep` `None`, runs of whitespace separate and leading and
/// trailing whitespace is dropped; `ValueError: empty separator` for `""`.
pub fn split(s: &str, sep: Option<&str>, maxsplit: i64) -> TextResult<Vec<String>> {
    let max = limit(maxsplit);
    match sep {
        Some("") => Err(empty_separator()),
        Some(sep) => Ok(s
            .splitn(max.saturating_add(1), sep)
            .map(str::to_string)
            .collect()),
        None => Ok(split_whitespace(s, max)),
    }
}

/// CPython's `split_whitespace`: at most `max` splits; the rest keeps its trailing spaces.
fn split_whitespace(s: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut left = max;
    while left > 0 {
        rest = rest.trim_start_matches(is_space);
        if rest.is_empty() {
            return out;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        out.push(rest[..end].to_string());
        rest = &rest[end..];
        left -= 1;
    }
    let rest = rest.trim_start_matches(is_space);
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// `s.rsplit(sep, maxsplit)`: like [`split`], splitting from the right.
pub fn rsplit(s: &str, sep: Option<&str>, maxsplit: i64) -> TextResult<Vec<String>> {
    let max = limit(maxsplit);
    let mut out: Vec<String> = match sep {
        Some("") => return Err(empty_separator()),
        Some(sep) => s
            .rsplitn(max.saturating_add(1), sep)
            .map(str::to_string)
            .collect(),
        None => {
            let mut out = Vec::new();
            let mut rest = s;
            let mut left = max;
            while left > 0 {
                rest = rest.trim_end_matches(is_space);
                if rest.is_empty() {
                    break;
                }
                let start = rest.rfind(is_space).map_or(0, |i| i + char_width(rest, i));
                out.push(rest[start..].to_string());
                rest = &rest[..start];
                left -= 1;
            }
            let rest = rest.trim_end_matches(is_space);
            if !rest.is_empty() {
                out.push(rest.to_string());
            }
            out
        }
    };
    out.reverse();
    Ok(out)
}

/// The UTF-8 length of the character at byte `i` of `s`.
fn char_width(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(1, char::len_utf8)
}

/// Whether `c` ends a line for `str.splitlines`.
fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `s.splitlines(keepends)`: `\r\n` is one break; `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, U+2028 and
/// U+2029 break lines too.
pub fn splitlines(s: &str, keepends: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let (line_end, next) = match rest.find(is_linebreak) {
            None => (rest.len(), rest.len()),
            Some(i) => {
                let width = if rest[i..].starts_with("\r\n") {
                    2
                } else {
                    char_width(rest, i)
                };
                (i, i + width)
            }
        };
        out.push(rest[..if keepends { next } else { line_end }].to_string());
        rest = &rest[next..];
    }
    out
}

/// `s.partition(sep)`: `(before, sep, after)` at the first `sep`, or `(s, "", "")`.
pub fn partition(s: &str, sep: &str) -> TextResult<(String, String, String)> {
    if sep.is_empty() {
        return Err(empty_separator());
    }
    Ok(match s.split_once(sep) {
        Some((a, b)) => (a.to_string(), sep.to_string(), b.to_string()),
        None => (s.to_string(), String::new(), String::new()),
    })
}

/// `s.rpartition(sep)`: `(before, sep, after)` at the last `sep`, or `("", "", s)`.
pub fn rpartition(s: &str, sep: &str) -> TextResult<(String, String, String)> {
    if sep.is_empty() {
        return Err(empty_separator());
    }
    Ok(match s.rsplit_once(sep) {
        Some((a, b)) => (a.to_string(), sep.to_string(), b.to_string()),
        None => (String::new(), String::new(), s.to_string()),
    })
}

/// `s.strip(chars)`: removes leading and trailing whitespace, or any of `chars`.
pub fn strip(s: &str, chars: Option<&str>) -> String {
    match chars {
        None => s.trim_matches(is_space).to_string(),
        Some(set) => s.trim_matches(|c| set.contains(c)).to_string(),
    }
}

/// `s.lstrip(chars)`.
pub fn lstrip(s: &str, chars: Option<&str>) -> String {
    match chars {
        None => s.trim_start_matches(is_space).to_string(),
        Some(set) => s.trim_start_matches(|c| set.contains(c)).to_string(),
    }
}

/// `s.rstrip(chars)`.
pub fn rstrip(s: &str, chars: Option<&str>) -> String {
    match chars {
        None => s.trim_end_matches(is_space).to_string(),
        Some(set) => s.trim_end_matches(|c| set.contains(c)).to_string(),
    }
}

/// `sep.join(parts)` once the VM has checked every part is a `str` (else CPython says
/// `sequence item 1: expected str instance, int found`).
pub fn join<S: AsRef<str>>(sep: &str, parts: &[S]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// `str.removeprefix(prefix)`.
pub fn removeprefix(s: &str, prefix: &str) -> String {
    s.strip_prefix(prefix).unwrap_or(s).to_string()
}

/// `str.removesuffix(suffix)`.
pub fn removesuffix(s: &str, suffix: &str) -> String {
    s.strip_suffix(suffix).unwrap_or(s).to_string()
}
