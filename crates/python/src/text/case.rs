//! Case mapping (`upper`, `lower`, `capitalize`, `title`, `swapcase`, `casefold`) and the
//! `str.is…()` predicates.
//!
//! Case mappings and the cased/uppercase/lowercase properties come from Rust's `char` (its
//! Unicode version may be newer than CPython 3.11's 14.0 for recently added characters).
//! `isspace`, `isdecimal`, `isdigit`, `isnumeric` and `isprintable` use CPython 3.11's exact
//! tables. `isalpha` and `isidentifier` are exact for ASCII and approximate elsewhere (Rust's
//! Alphabetic property stands in for letter categories, so some combining marks count as
//! letters).

use super::repr::{is_decimal, is_digit, is_numeric, is_printable};

/// `c.isspace()`: CPython's whitespace (categories Zs, Zl, Zp and bidirectional classes WS, B,
/// S), including `\x1c`-`\x1f` and `\x85`.
pub fn is_space(c: char) -> bool {
    matches!(
        c as u32,
        0x09..=0x0d | 0x1c..=0x20 | 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029
            | 0x202f | 0x205f | 0x3000
    )
}

/// Category Lt: the titlecase digraphs and Greek capitals with prosgegrammeni.
pub fn is_title_char(c: char) -> bool {
    matches!(
        c as u32,
        0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf
            | 0x1fbc | 0x1fcc | 0x1ffc
    )
}

/// The Lowercase property as of Unicode 14.0 (CPython 3.11), which newer versions changed for
/// a few modifier letters.
pub fn is_lower(c: char) -> bool {
    match c as u32 {
        0x295 => true,
        0x10fc | 0xa7f2..=0xa7f4 | 0xab69 => false,
        _ => c.is_lowercase(),
    }
}

/// The Uppercase property.
pub fn is_upper(c: char) -> bool {
    c.is_uppercase()
}

/// Appends the full uppercase mapping of `c` as of Unicode 14.0 (letters that gained an
/// uppercase form later keep their own).
fn push_upper(c: char, out: &mut String) {
    match c as u32 {
        0x19b | 0x264 | 0xa7d3 | 0xa7d5 => out.push(c),
        _ => out.extend(c.to_uppercase()),
    }
}

/// The Cased property: uppercase, lowercase or titlecase.
fn is_cased(c: char) -> bool {
    is_lower(c) || is_upper(c) || is_title_char(c)
}

/// `c.isalpha()` (letters; approximate outside ASCII, see the module notes).
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.is_alphabetic() && !c.is_numeric()
}

/// `c.isalnum()`: alphabetic or numeric.
pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}

/// Applies a per-character predicate as `str.isdigit()` and friends do: false for `""`.
fn all_nonempty(s: &str, pred: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
}

/// `s.isdigit()`.
pub fn str_isdigit(s: &str) -> bool {
    all_nonempty(s, is_digit)
}
/// `s.isdecimal()`.
pub fn str_isdecimal(s: &str) -> bool {
    all_nonempty(s, is_decimal)
}
/// `s.isnumeric()`.
pub fn str_isnumeric(s: &str) -> bool {
    all_nonempty(s, is_numeric)
}
/// `s.isalpha()`.
pub fn str_isalpha(s: &str) -> bool {
    all_nonempty(s, is_alpha)
}
/// `s.isalnum()`.
pub fn str_isalnum(s: &str) -> bool {
    all_nonempty(s, is_alnum)
}
/// `s.isspace()`.
pub fn str_isspace(s: &str) -> bool {
    all_nonempty(s, is_space)
}
/// `s.isprintable()`: true for `""`.
pub fn str_isprintable(s: &str) -> bool {
    s.chars().all(is_printable)
}
/// `s.isascii()`: true for `""`.
pub fn str_isascii(s: &str) -> bool {
    s.is_ascii()
}

/// `s.isupper()`: at least one cased character, and none lowercase or titlecase.
pub fn str_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_title_char(c) {
            return false;
        }
        cased |= is_upper(c);
    }
    cased
}

/// `s.islower()`: at least one cased character, and none uppercase or titlecase.
pub fn str_islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title_char(c) {
            return false;
        }
        cased |= is_lower(c);
    }
    cased
}

/// `s.istitle()`: uppercase/titlecase characters only after uncased ones, lowercase only after
/// cased ones, and at least one cased character.
pub fn str_istitle(s: &str) -> bool {
    let mut cased = false;
    let mut previous_cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title_char(c) {
            if previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    cased
}

/// `s.isidentifier()`: a letter or `_`, then letters, digits and `_` (Unicode letters and
/// digits approximate XID_Start and XID_Continue).
pub fn str_isidentifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let start = |c: char| c == '_' || c.is_alphabetic();
    start(first) && chars.all(|c| start(c) || c.is_alphanumeric() || is_decimal(c))
}

/// `s.upper()`: full uppercase mapping (`ß` becomes `SS`).
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(c, &mut out);
    }
    out
}

/// `s.lower()`: full lowercase mapping; a capital sigma at the end of a word becomes `ς`.
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Lowercase of each character of `s`, in order, with final sigma decided in context: the
/// pieces of `s.to_lowercase()` belonging to each character.
fn lower_pieces(s: &str) -> Vec<String> {
    let lowered = s.to_lowercase();
    let mut rest = lowered.as_str();
    s.chars()
        .map(|c| {
            let n = if c == 'Σ' {
                1
            } else {
                c.to_lowercase().count()
            };
            let end = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
            let (piece, tail) = rest.split_at(end);
            rest = tail;
            piece.to_string()
        })
        .collect()
}

/// CPython's `_PyUnicode_ToTitleFull` for one character.
fn title_char(c: char, out: &mut String) {
    let n = c as u32;
    match n {
        0x1c4..=0x1c6 => out.push('\u{1c5}'),
        0x1c7..=0x1c9 => out.push('\u{1c8}'),
        0x1ca..=0x1cc => out.push('\u{1cb}'),
        0x1f1..=0x1f3 => out.push('\u{1f2}'),
        0x10d0..=0x10ff => out.push(c),
        0x1f80..=0x1faf => out.extend(char::from_u32(n | 8)),
        0x1fb3 | 0x1fbc => out.push('\u{1fbc}'),
        0x1fc3 | 0x1fcc => out.push('\u{1fcc}'),
        0x1ff3 | 0x1ffc => out.push('\u{1ffc}'),
        0x1fb2 | 0x1fb4 | 0x1fb7 | 0x1fc2 | 0x1fc4 | 0x1fc7 | 0x1ff2 | 0x1ff4 | 0x1ff7 => {
            // The uppercase form ends in capital iota; the titlecase form keeps the
            // ypogegrammeni instead.
            let upper: String = c.to_uppercase().collect();
            out.push_str(upper.strip_suffix('\u{399}').unwrap_or(&upper));
            out.push('\u{345}');
        }
        0xdf | 0x587 | 0xfb00..=0xfb06 | 0xfb13..=0xfb17 => {
            // Ligatures: the first letter in uppercase, the rest lowercase.
            let mut upper = c.to_uppercase();
            out.extend(upper.next());
            for rest in upper {
                out.extend(rest.to_lowercase());
            }
        }
        _ => push_upper(c, out),
    }
}

/// `s.capitalize()`: the first character in titlecase, the rest lowercase.
pub fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, (c, low)) in s.chars().zip(lower_pieces(s)).enumerate() {
        if i == 0 {
            title_char(c, &mut out);
        } else {
            out.push_str(&low);
        }
    }
    out
}

/// `s.title()`: titlecase after an uncased character, lowercase after a cased one.
pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut previous_cased = false;
    for (c, low) in s.chars().zip(lower_pieces(s)) {
        if previous_cased {
            out.push_str(&low);
        } else {
            title_char(c, &mut out);
        }
        previous_cased = is_cased(c);
    }
    out
}

/// `s.swapcase()`: uppercase characters lowered, lowercase ones uppercased.
pub fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (c, low) in s.chars().zip(lower_pieces(s)) {
        if is_upper(c) {
            out.push_str(&low);
        } else if is_lower(c) {
            push_upper(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// `s.casefold()`: full case folding (`ß` becomes `ss`, Cherokee folds to uppercase).
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c as u32 {
            0x131 => out.push(c),
            0x13a0..=0x13fd | 0xab70..=0xabbf => out.extend(c.to_uppercase()),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => {
                for u in c.to_lowercase().flat_map(char::to_uppercase) {
                    out.extend(u.to_lowercase());
                }
            }
        }
    }
    out
}
