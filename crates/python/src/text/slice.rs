//! Indexing and slicing by code point with Python's rules, shared with lists and tuples.

use super::error::{TextError, TextResult};

/// The most characters a string operation builds before failing with `MemoryError` (CPython
/// would try and fail somewhere near here in a browser).
pub(crate) const MAX_LEN: usize = 1 << 28;

/// Fails with `MemoryError` when a result would have more than [`MAX_LEN`] characters.
pub(crate) fn check_len(len: u128) -> TextResult<()> {
    if len > MAX_LEN as u128 {
        return Err(TextError::memory());
    }
    Ok(())
}

/// CPython's `PySlice_Unpack` and `PySlice_AdjustIndices`: the slice `[start:stop:step]` of a
/// sequence of `len` items as concrete `(start, stop, step, slicelength)`; missing parts are
/// `None`. Fails with `ValueError: slice step cannot be zero`.
///
/// `slice_indices(5, Some(-2), None, None) == Ok((3, 5, 1, 2))`.
pub fn slice_indices(
    len: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> TextResult<(i64, i64, i64, usize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(TextError::value("slice step cannot be zero"));
    }
    let given_step = step;
    // CPython clamps the step so that negating it cannot overflow; the count is the same.
    let step = step.max(-i64::MAX);
    let len = len as i64;
    let adjust = |value: Option<i64>, default: i64| -> i64 {
        let Some(mut v) = value else { return default };
        if v < 0 {
            v += len;
            if v < 0 {
                v = if step < 0 { -1 } else { 0 };
            }
        } else if v >= len {
            v = if step < 0 { len - 1 } else { len };
        }
        v
    };
    let start = adjust(start, if step < 0 { len - 1 } else { 0 });
    let stop = adjust(stop, if step < 0 { -1 } else { len });
    let count = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, given_step, count as usize))
}

/// The position `index` (negative counts from the end) in a sequence of `len` items, or `None`
/// when it is out of range.
pub fn normalize_index(index: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let i = if index < 0 { index + len } else { index };
    (0..len).contains(&i).then_some(i as usize)
}

/// `s[index]` by code point; `IndexError: string index out of range`.
pub fn str_index(s: &str, index: i64) -> TextResult<char> {
    let out_of_range = || TextError::index("string index out of range");
    let len = char_len(s);
    let i = normalize_index(index, len).ok_or_else(out_of_range)?;
    s.chars().nth(i).ok_or_else(out_of_range)
}

/// `s[start:stop:step]` by code point.
pub fn str_slice(
    s: &str,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> TextResult<String> {
    if s.is_ascii() {
        let (start, _, step, count) = slice_indices(s.len(), start, stop, step)?;
        let bytes = s.as_bytes();
        if step == 1 {
            return Ok(s[start as usize..start as usize + count].to_string());
        }
        return Ok((0..count as i64)
            .map(|k| bytes[(start + k * step) as usize] as char)
            .collect());
    }
    let chars: Vec<char> = s.chars().collect();
    let (start, _, step, count) = slice_indices(chars.len(), start, stop, step)?;
    Ok((0..count as i64)
        .map(|k| chars[(start + k * step) as usize])
        .collect())
}

/// `len(s)`: the number of code points.
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Python's order of `str` values (`<`, `>`, `sorted`): by code point, which is the order of
/// their UTF-8 bytes.
pub fn str_compare(a: &str, b: &str) -> std::cmp::Ordering {
    a.cmp(b)
}

/// Byte offsets of code point positions in `s`: `offset(i)` for `0 <= i <= len`.
pub(crate) struct CharOffsets<'a> {
    s: &'a str,
    offsets: Option<Vec<usize>>,
}

impl<'a> CharOffsets<'a> {
    /// The offsets of `s` (computed only when `s` is not ASCII).
    pub fn new(s: &'a str) -> Self {
        let offsets = (!s.is_ascii()).then(|| {
            let mut v: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
            v.push(s.len());
            v
        });
        CharOffsets { s, offsets }
    }
    /// The number of code points.
    pub fn len(&self) -> usize {
        self.offsets.as_ref().map_or(self.s.len(), |v| v.len() - 1)
    }
    /// The byte offset of code point `i`.
    pub fn offset(&self, i: usize) -> usize {
        self.offsets.as_ref().map_or(i, |v| v[i])
    }
    /// The code point position of byte offset `b` (which must be a char boundary).
    pub fn position(&self, b: usize) -> usize {
        self.offsets
            .as_ref()
            .map_or(b, |v| v.partition_point(|&o| o < b))
    }
    /// The text between code point positions.
    pub fn range(&self, start: usize, end: usize) -> &'a str {
        &self.s[self.offset(start)..self.offset(end)]
    }
}

/// CPython's `ADJUST_INDICES` for `find`, `count`, `startswith`…: `start` and `end` (missing =
/// whole string) clamped the way those methods clamp them; `start` may exceed `len`.
pub(crate) fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut end = end.unwrap_or(i64::MAX);
    let mut start = start.unwrap_or(0);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    if start < 0 {
        start = (start + len).max(0);
    }
    (start, end)
}
