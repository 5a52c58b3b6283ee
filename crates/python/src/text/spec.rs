//! Format specifications (`[[fill]align][sign][z][#][0][width][grouping][.precision][type]`)
//! and the padded layout of formatted numbers and strings.

use super::error::{TextError, TextResult};
use super::repr::decimal_value;

/// Where padding goes: `<` left-aligns, `>` right-aligns, `^` centres, `=` pads between the
/// sign and the digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=`
    AfterSign,
}

impl Align {
    fn from_char(c: char) -> Option<Align> {
        match c {
            '<' => Some(Align::Left),
            '>' => Some(Align::Right),
            '^' => Some(Align::Center),
            '=' => Some(Align::AfterSign),
            _ => None,
        }
    }
}

/// A parsed format specification, as CPython's `InternalFormatSpec`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The fill character (default space; `0` with the zero-padding flag).
    pub fill: char,
    /// The alignment, defaulted by the kind of value when not given.
    pub align: Align,
    /// `+`, `-` or space when given.
    pub sign: Option<char>,
    /// The `z` option: negative zero is written as zero.
    pub no_neg_0: bool,
    /// The `#` alternate form.
    pub alternate: bool,
    /// The minimum width.
    pub width: Option<usize>,
    /// The thousands separator, `,` or `_`, when given.
    pub grouping: Option<char>,
    /// The precision after `.`.
    pub precision: Option<usize>,
    /// The presentation type, defaulted by the kind of value when not given (`None` for
    /// floats' repr-like default).
    pub kind: Option<char>,
}

/// The largest width or precision formatted; CPython would try to build the string and fail
/// with `MemoryError` somewhere above it.
const MAX_FIELD: usize = 1 << 26;

/// Reads decimal digits (any Unicode decimal digit, as CPython) from `chars[*pos..]`; returns
/// how many were read and their value.
fn get_integer(chars: &[char], pos: &mut usize) -> TextResult<(usize, usize)> {
    let mut value: usize = 0;
    let mut count = 0;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| TextError::value("Too many decimal digits in format string"))?;
        *pos += 1;
        count += 1;
    }
    Ok((count, value))
}

/// `Unknown format code 'x' for object of type 'int'`.
pub(crate) fn unknown_code(code: char, type_name: &str) -> TextError {
    let n = code as u32;
    if n > 32 && n < 128 {
        TextError::value(format!(
            "Unknown format code '{code}' for object of type '{type_name}'"
        ))
    } else {
        TextError::value(format!(
            "Unknown format code '\\x{n:x}' for object of type '{type_name}'"
        ))
    }
}

impl FormatSpec {
    /// Parses `spec` as CPython's `parse_internal_render_format_spec`, with the type and
    /// alignment that apply when the spec names none (`'d'` and `>` for `int`, none and `>` for
    /// `float`, `'s'` and `<` for `str`). `type_name` goes into error messages.
    pub fn parse(
        spec: &str,
        default_kind: Option<char>,
        default_align: Align,
        type_name: &str,
    ) -> TextResult<FormatSpec> {
        let chars: Vec<char> = spec.chars().collect();
        let end = chars.len();
        let mut pos = 0;
        let mut f = FormatSpec {
            fill: ' ',
            align: default_align,
            sign: None,
            no_neg_0: false,
            alternate: false,
            width: None,
            grouping: None,
            precision: None,
            kind: default_kind,
        };
        let mut fill_given = false;
        let mut align_given = false;
        if let Some(a) = chars.get(1).copied().and_then(Align::from_char) {
            f.align = a;
            f.fill = chars[0];
            fill_given = true;
            align_given = true;
            pos = 2;
        } else if let Some(a) = chars.first().copied().and_then(Align::from_char) {
            f.align = a;
            align_given = true;
            pos = 1;
        }
        if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
            f.sign = Some(c);
            pos += 1;
        }
        if chars.get(pos) == Some(&'z') {
            f.no_neg_0 = true;
            pos += 1;
        }
        if chars.get(pos) == Some(&'#') {
            f.alternate = true;
            pos += 1;
        }
        if !fill_given && chars.get(pos) == Some(&'0') {
            f.fill = '0';
            if !align_given && default_align == Align::Right {
                f.align = Align::AfterSign;
            }
            pos += 1;
        }
        let (count, width) = get_integer(&chars, &mut pos)?;
        if count > 0 {
            f.width = Some(width);
        }
        let both = || TextError::value("Cannot specify both ',' and '_'.");
        if chars.get(pos) == Some(&',') {
            f.grouping = Some(',');
            pos += 1;
        }
        if chars.get(pos) == Some(&'_') {
            if f.grouping.is_some() {
                return Err(both());
            }
            f.grouping = Some('_');
            pos += 1;
        }
        if chars.get(pos) == Some(&',') && f.grouping == Some('_') {
            return Err(both());
        }
        if chars.get(pos) == Some(&'.') {
            pos += 1;
            let (count, precision) = get_integer(&chars, &mut pos)?;
            if count == 0 {
                return Err(TextError::value("Format specifier missing precision"));
            }
            f.precision = Some(precision);
        }
        if end - pos > 1 {
            return Err(TextError::value(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )));
        }
        if end - pos == 1 {
            f.kind = Some(chars[pos]);
        }
        if let Some(sep) = f.grouping {
            match f.kind {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
                Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
                Some(k) => {
                    let n = k as u32;
                    return Err(TextError::value(if n > 32 && n < 128 {
                        format!("Cannot specify '{sep}' with '{k}'.")
                    } else {
                        format!("Cannot specify '{sep}' with '\\x{n:x}'.")
                    }));
                }
            }
        }
        if f.width.unwrap_or(0) > MAX_FIELD || f.precision.unwrap_or(0) > MAX_FIELD {
            return Err(TextError::memory());
        }
        Ok(f)
    }

    /// The digits per group: four for `_` with `b o x X`, else three.
    fn group_size(&self) -> usize {
        match (self.grouping, self.kind) {
            (Some('_'), Some('b' | 'o' | 'x' | 'X')) => 4,
            _ => 3,
        }
    }

    /// Pads `text` (already truncated) to the width with the fill, as `calc_padding`.
    pub(crate) fn pad(&self, text: &str) -> String {
        let len = text.chars().count();
        let total = self.width.unwrap_or(0).max(len);
        let (left, right) = split_padding(self.align, total - len);
        let mut out = String::with_capacity(text.len() + left + right);
        out.extend(std::iter::repeat_n(self.fill, left));
        out.push_str(text);
        out.extend(std::iter::repeat_n(self.fill, right));
        out
    }

    /// Lays out a number as CPython's `calc_number_widths` and `fill_number`: padding, sign,
    /// prefix (`0x`), padding for `=`, grouped digits, the rest (point, fraction, exponent, `%`),
    /// padding. `body` holds the digits and rest without sign; `negative` says whether it had
    /// a minus sign; `leading_digits` is how many of its first characters are integer digits.
    pub(crate) fn layout_number(
        &self,
        negative: bool,
        prefix: &str,
        body: &str,
        leading_digits: usize,
    ) -> String {
        let sign = match (negative, self.sign) {
            (true, _) => Some('-'),
            (false, Some('+')) => Some('+'),
            (false, Some(' ')) => Some(' '),
            _ => None,
        };
        let (digits, rest) = body.split_at(leading_digits);
        let rest_len = rest.chars().count();
        let fixed = usize::from(sign.is_some()) + prefix.len() + rest_len;
        let width = self.width.unwrap_or(0);
        let grouped = match self.grouping {
            Some(sep) if !digits.is_empty() => {
                let min_width = if self.fill == '0' && self.align == Align::AfterSign {
                    width.saturating_sub(fixed)
                } else {
                    0
                };
                group_digits(digits, sep, self.group_size(), min_width)
            }
            _ => digits.to_string(),
        };
        let used = fixed + grouped.chars().count();
        let padding = width.saturating_sub(used);
        let (left, mid, right) = match self.align {
            Align::AfterSign => (0, padding, 0),
            a => {
                let (l, r) = split_padding(a, padding);
                (l, 0, r)
            }
        };
        let mut out = String::with_capacity(used + padding);
        out.extend(std::iter::repeat_n(self.fill, left));
        out.extend(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n(self.fill, mid));
        out.push_str(&grouped);
        out.push_str(rest);
        out.extend(std::iter::repeat_n(self.fill, right));
        out
    }
}

/// Left and right padding for `padding` fill characters under `align` (`=` pads left here).
fn split_padding(align: Align, padding: usize) -> (usize, usize) {
    match align {
        Align::Left => (0, padding),
        Align::Center => (padding / 2, padding - padding / 2),
        Align::Right => (padding, 0),
        Align::AfterSign => (0, padding),
    }
}

/// Inserts `sep` every `size` digits from the right, as `_PyUnicode_InsertThousandsGrouping`;
/// with `min_width`, leading zeros (grouped too) make the result at least that wide.
fn group_digits(digits: &str, sep: char, size: usize, min_width: usize) -> String {
    let digits: Vec<char> = digits.chars().collect();
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width as i64;
    let size = size as i64;
    // Groups from the right, each as (zeros, digits taken from the end).
    let mut pieces: Vec<String> = Vec::new();
    loop {
        let l = size.min(remaining.max(min_width).max(1));
        let zeros = (l - remaining).max(0);
        let chars = remaining.min(l).max(0);
        let start = (remaining - chars) as usize;
        let mut piece: String = std::iter::repeat_n('0', zeros as usize).collect();
        piece.extend(&digits[start..remaining as usize]);
        pieces.push(piece);
        remaining -= chars;
        min_width -= size;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    pieces.reverse();
    pieces.join(&sep.to_string())
}
