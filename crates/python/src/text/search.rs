//! `str.find`, `rfind`, `index`, `rindex`, `count`, `startswith`, `endswith`, `replace`.
//!
//! Positions are code point indices; `start` and `end` are the optional slice bounds of the
//! Python methods (`None` when not given), clamped as CPython clamps them.

use super::error::{TextError, TextResult};
use super::slice::{adjust_indices, check_len, CharOffsets};

/// The searched range of `s` for `start`/`end`, or `None` when it is shorter than `need`
/// code points.
fn window<'a>(
    s: &'a str,
    need: usize,
    start: Option<i64>,
    end: Option<i64>,
) -> Option<(CharOffsets<'a>, usize, usize)> {
    let offsets = CharOffsets::new(s);
    let (start, end) = adjust_indices(start, end, offsets.len());
    if end - start < need as i64 {
        return None;
    }
    Some((offsets, start as usize, end as usize))
}

/// `s.find(sub, start, end)`: the lowest position of `sub`, or -1.
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let need = sub.chars().count();
    let Some((offsets, start, end)) = window(s, need, start, end) else {
        return -1;
    };
    match offsets.range(start, end).find(sub) {
        Some(b) => offsets.position(offsets.offset(start) + b) as i64,
        None => -1,
    }
}

/// `s.rfind(sub, start, end)`: the highest position of `sub`, or -1.
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let need = sub.chars().count();
    let Some((offsets, start, end)) = window(s, need, start, end) else {
        return -1;
    };
    match offsets.range(start, end).rfind(sub) {
        Some(b) => offsets.position(offsets.offset(start) + b) as i64,
        None => -1,
    }
}

/// `s.index(sub, start, end)`: like [`find`], but `ValueError: substring not found`.
pub fn index(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> TextResult<i64> {
    match find(s, sub, start, end) {
        -1 => Err(TextError::value("substring not found")),
        i => Ok(i),
    }
}

/// `s.rindex(sub, start, end)`: like [`rfind`], but `ValueError: substring not found`.
pub fn rindex(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> TextResult<i64> {
    match rfind(s, sub, start, end) {
        -1 => Err(TextError::value("substring not found")),
        i => Ok(i),
    }
}

/// `s.count(sub, start, end)`: non-overlapping occurrences (`len + 1` for an empty `sub`).
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let need = sub.chars().count();
    let Some((offsets, start, end)) = window(s, need, start, end) else {
        return 0;
    };
    let text = offsets.range(start, end);
    if sub.is_empty() {
        return (end - start + 1) as i64;
    }
    text.matches(sub).count() as i64
}

/// CPython's `tailmatch`: whether `s[start:end]` starts (`at_end` false) or ends with `affix`.
fn tailmatch(s: &str, affix: &str, start: Option<i64>, end: Option<i64>, at_end: bool) -> bool {
    let offsets = CharOffsets::new(s);
    let (start, end) = adjust_indices(start, end, offsets.len());
    let n = affix.chars().count() as i64;
    let last = end - n;
    if last < start {
        return false;
    }
    let at = if at_end { last } else { start } as usize;
    offsets.range(at, at + n as usize) == affix
}

/// `s.startswith(prefix, start, end)` for one prefix (a tuple is any of its items).
pub fn startswith(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    tailmatch(s, prefix, start, end, false)
}

/// `s.endswith(suffix, start, end)` for one suffix (a tuple is any of its items).
pub fn endswith(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    tailmatch(s, suffix, start, end, true)
}

/// `s.replace(old, new, count)`: at most `count` replacements from the left (all when
/// `count` is negative); an empty `old` inserts `new` around every character.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> TextResult<String> {
    let limit = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let hits = if old.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(old).count()
    };
    let hits = hits.min(limit) as u128;
    let grown = new.chars().count() as u128 * hits;
    check_len(s.chars().count() as u128 + grown)?;
    Ok(s.replacen(old, new, limit))
}
