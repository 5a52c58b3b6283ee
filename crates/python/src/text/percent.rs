//! `%`-formatting of a `str` (`"%5.2f items" % x`): CPython's `PyUnicode_Format`.

use super::error::{TextError, TextResult};
use super::float_repr::{double_to_string, float_repr, DtoaFlags};
use super::format::char_of;
use super::repr::{str_ascii, str_repr};

/// One value on the right of `%`, as far as `%`-formatting looks into it.
#[derive(Clone, Debug, PartialEq)]
pub enum PercentArg {
    /// An `int`.
    Int(i64),
    /// A `bool` (an `int` that writes `True`/`False` for `%s`).
    Bool(bool),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(String),
    /// Any other object: `%s`, `%r` and `%a` ask the caller for its text by `id`; numeric
    /// conversions reject it with its `type_name`.
    Object {
        /// The object's type name for error messages (`list`).
        type_name: String,
        /// The caller's handle for the object, passed back to the text callback.
        id: usize,
    },
}

/// The right operand of `%`.
#[derive(Clone, Debug, PartialEq)]
pub enum PercentArgs {
    /// A tuple: its items are the arguments.
    Tuple(Vec<PercentArg>),
    /// Any other value is the single argument. `mapping` is true when it is a mapping in
    /// CPython's sense (`PyMapping_Check`: a dict, list, or anything with `__getitem__`,
    /// except `str`): then `%(key)s` looks keys up in it, and unused arguments are no error.
    Single {
        /// The value.
        value: PercentArg,
        /// Whether the value counts as a mapping.
        mapping: bool,
    },
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

/// Largest width or precision built (see `spec::MAX_FIELD`).
const MAX_FIELD: i64 = 1 << 26;

/// `format % args` where every argument is an `int`, `bool`, `float` or `str`. Objects and
/// mapping keys make it fail; see [`percent_format_with`] for those.
pub fn percent_format(format: &str, args: &PercentArgs) -> TextResult<String> {
    percent_format_with(
        format,
        args,
        |_, _| Err(TextError::type_error("object conversion needs the VM")),
        |_| Err(TextError::type_error("mapping lookup needs the VM")),
    )
}

/// The arguments' cursor, as CPython's `arglen`/`argidx` (-1/-2 for a single value).
struct Cursor<'a> {
    args: &'a PercentArgs,
    keyed: Option<PercentArg>,
    arglen: i64,
    argidx: i64,
}

impl Cursor<'_> {
    fn next(&mut self) -> TextResult<PercentArg> {
        if self.argidx < self.arglen {
            let idx = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(match (&self.keyed, self.args) {
                    (Some(v), _) => v.clone(),
                    (None, PercentArgs::Single { value, .. }) => value.clone(),
                    (None, PercentArgs::Tuple(_)) => unreachable!("tuples have a length"),
                });
            }
            if let PercentArgs::Tuple(items) = self.args {
                return Ok(items[idx as usize].clone());
            }
        }
        Err(TextError::type_error(
            "not enough arguments for format string",
        ))
    }
}

/// One conversion's options.
struct Arg {
    ch: char,
    flags: u8,
    width: i64,
    prec: i64,
    sign: bool,
}

/// `format % args` in full: `text(id, conversion)` gives `str`, `repr` or `ascii` (conversion
/// `'s'`, `'r'`, `'a'`) of an [`PercentArg::Object`]; `lookup(key)` gives `mapping[key]` for
/// `%(key)s` (raising the VM's `KeyError` itself).
pub fn percent_format_with<E: From<TextError>>(
    format: &str,
    args: &PercentArgs,
    mut text: impl FnMut(usize, char) -> Result<String, E>,
    mut lookup: impl FnMut(&str) -> Result<PercentArg, E>,
) -> Result<String, E> {
    let fmt: Vec<char> = format.chars().collect();
    // Reading past the end gives NUL, like CPython's terminated buffer.
    let at = |i: usize| fmt.get(i).copied().unwrap_or('\0');
    let (arglen, is_dict) = match args {
        PercentArgs::Tuple(items) => (items.len() as i64, false),
        PercentArgs::Single { mapping, .. } => (-1, *mapping),
    };
    let mut cur = Cursor {
        args,
        keyed: None,
        arglen,
        argidx: if arglen < 0 { -2 } else { 0 },
    };
    let mut out = String::with_capacity(format.len() + 16);
    let mut pos = 0usize;
    let mut cnt = fmt.len() as i64;
    loop {
        cnt -= 1;
        if cnt < 0 {
            break;
        }
        if at(pos) != '%' {
            let start = pos;
            pos += 1;
            while cnt >= 0 && at(pos) != '%' {
                pos += 1;
                cnt -= 1;
            }
            if cnt < 0 {
                pos -= 1;
            }
            out.extend(&fmt[start..pos.min(fmt.len())]);
            continue;
        }
        pos += 1;
        // One conversion: `%%`, or options then a conversion character.
        let mut arg = Arg {
            ch: at(pos),
            flags: 0,
            width: -1,
            prec: -1,
            sign: false,
        };
        if arg.ch == '%' {
            pos += 1;
            cnt -= 1;
            out.push('%');
            continue;
        }
        if arg.ch == '(' {
            if !is_dict {
                return Err(TextError::type_error("format requires a mapping").into());
            }
            pos += 1;
            cnt -= 1;
            let keystart = pos;
            let mut pcount = 1;
            while pcount > 0 {
                cnt -= 1;
                if cnt < 0 {
                    break;
                }
                arg.ch = at(pos);
                if arg.ch == ')' {
                    pcount -= 1;
                } else if arg.ch == '(' {
                    pcount += 1;
                }
                pos += 1;
            }
            if cnt < 0 || pcount > 0 {
                return Err(TextError::value("incomplete format key").into());
            }
            let key: String = fmt[keystart..pos - 1].iter().collect();
            cur.keyed = Some(lookup(&key)?);
            cur.arglen = -1;
            cur.argidx = -2;
        }
        // Flags.
        loop {
            cnt -= 1;
            if cnt < 0 {
                break;
            }
            arg.ch = at(pos);
            pos += 1;
            arg.flags |= match arg.ch {
                '-' => F_LJUST,
                '+' => F_SIGN,
                ' ' => F_BLANK,
                '#' => F_ALT,
                '0' => F_ZERO,
                _ => break,
            };
        }
        let read_next = |arg: &mut Arg, pos: &mut usize, cnt: &mut i64| {
            *cnt -= 1;
            if *cnt >= 0 {
                arg.ch = at(*pos);
                *pos += 1;
            }
        };
        // Width.
        if arg.ch == '*' {
            arg.width = star_value(cur.next()?)?;
            if arg.width < 0 {
                arg.flags |= F_LJUST;
                arg.width = arg.width.saturating_neg();
            }
            read_next(&mut arg, &mut pos, &mut cnt);
        } else if arg.ch.is_ascii_digit() {
            arg.width = arg.ch as i64 - '0' as i64;
            digits(&mut arg, &mut pos, &mut cnt, &at, false)?;
        }
        // Precision.
        if arg.ch == '.' {
            arg.prec = 0;
            read_next(&mut arg, &mut pos, &mut cnt);
            if arg.ch == '*' {
                let prec = star_value(cur.next()?)?;
                if i32::try_from(prec).is_err() {
                    return Err(
                        TextError::overflow("Python int too large to convert to C int").into(),
                    );
                }
                arg.prec = prec.max(0);
                read_next(&mut arg, &mut pos, &mut cnt);
            } else if arg.ch.is_ascii_digit() {
                arg.prec = arg.ch as i64 - '0' as i64;
                digits(&mut arg, &mut pos, &mut cnt, &at, true)?;
            }
        }
        if cnt >= 0 && matches!(arg.ch, 'h' | 'l' | 'L') {
            read_next(&mut arg, &mut pos, &mut cnt);
        }
        if cnt < 0 {
            return Err(TextError::value("incomplete format").into());
        }
        let value = cur.next()?;
        let body = match arg.ch {
            's' | 'r' | 'a' => match &value {
                PercentArg::Object { id, .. } => text(*id, arg.ch)?,
                v => text_of(v, arg.ch),
            },
            'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
                arg.sign = true;
                format_long(&value, &arg)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                arg.sign = true;
                let x = real(&value)?;
                let prec = if arg.prec < 0 { 6 } else { arg.prec as usize };
                let flags = DtoaFlags {
                    alt: arg.flags & F_ALT != 0,
                    ..DtoaFlags::default()
                };
                double_to_string(x, arg.ch, prec, flags)
            }
            'c' => format_char(&value)?.to_string(),
            c => {
                let n = c as u32;
                let shown = if (31..=126).contains(&n) { c } else { '?' };
                return Err(TextError::value(format!(
                    "unsupported format character '{shown}' (0x{n:x}) at index {}",
                    pos - 1
                ))
                .into());
            }
        };
        if arg.width > MAX_FIELD || arg.prec > MAX_FIELD {
            return Err(TextError::memory().into());
        }
        output(&mut out, &mut arg, &body);
        if is_dict && cur.argidx < cur.arglen {
            return Err(not_all().into());
        }
    }
    if cur.argidx < cur.arglen && !is_dict {
        return Err(not_all().into());
    }
    Ok(out)
}

fn not_all() -> TextError {
    TextError::type_error("not all arguments converted during string formatting")
}

/// Reads the rest of a width (or precision) written in digits.
fn digits(
    arg: &mut Arg,
    pos: &mut usize,
    cnt: &mut i64,
    at: &impl Fn(usize) -> char,
    precision: bool,
) -> TextResult<()> {
    loop {
        *cnt -= 1;
        if *cnt < 0 {
            return Ok(());
        }
        arg.ch = at(*pos);
        *pos += 1;
        if !arg.ch.is_ascii_digit() {
            return Ok(());
        }
        let d = arg.ch as i64 - '0' as i64;
        let (value, limit, message) = if precision {
            (&mut arg.prec, i32::MAX as i64, "precision too big")
        } else {
            (&mut arg.width, i64::MAX, "width too big")
        };
        if *value > (limit - d) / 10 {
            return Err(TextError::value(message));
        }
        *value = *value * 10 + d;
    }
}

/// The value of a `*` width or precision: an `int` (or `bool`), else `* wants int`.
fn star_value(v: PercentArg) -> TextResult<i64> {
    match v {
        PercentArg::Int(n) => Ok(n),
        PercentArg::Bool(b) => Ok(b as i64),
        _ => Err(TextError::type_error("* wants int")),
    }
}

/// `str`, `repr` or `ascii` of a value the formatter knows.
fn text_of(v: &PercentArg, conv: char) -> String {
    match (v, conv) {
        (PercentArg::Int(n), _) => n.to_string(),
        (PercentArg::Bool(b), _) => if *b { "True" } else { "False" }.to_string(),
        (PercentArg::Float(x), _) => float_repr(*x),
        (PercentArg::Str(s), 's') => s.clone(),
        (PercentArg::Str(s), 'r') => str_repr(s),
        (PercentArg::Str(s), _) => str_ascii(s),
        (PercentArg::Object { .. }, _) => unreachable!("objects are converted by the caller"),
    }
}

/// The name CPython puts in type errors.
fn type_name(v: &PercentArg) -> &str {
    match v {
        PercentArg::Int(_) => "int",
        PercentArg::Bool(_) => "bool",
        PercentArg::Float(_) => "float",
        PercentArg::Str(_) => "str",
        PercentArg::Object { type_name, .. } => type_name,
    }
}

/// `PyFloat_AsDouble` for `%e %f %g`.
fn real(v: &PercentArg) -> TextResult<f64> {
    match v {
        PercentArg::Int(n) => Ok(*n as f64),
        PercentArg::Bool(b) => Ok(*b as i64 as f64),
        PercentArg::Float(x) => Ok(*x),
        _ => Err(TextError::type_error(format!(
            "must be real number, not {}",
            type_name(v)
        ))),
    }
}

/// `%c`: an `int` code point or a one-character `str`.
fn format_char(v: &PercentArg) -> TextResult<char> {
    let wrong = || TextError::type_error("%c requires int or char");
    match v {
        PercentArg::Int(n) => char_of(*n),
        PercentArg::Bool(b) => char_of(*b as i64),
        PercentArg::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(wrong()),
            }
        }
        _ => Err(wrong()),
    }
}

/// `_PyUnicode_FormatLong`: sign, `0x`-style prefix with `#`, zeros up to the precision,
/// digits.
fn format_long(v: &PercentArg, arg: &Arg) -> TextResult<String> {
    let integer_only = matches!(arg.ch, 'o' | 'x' | 'X');
    let (negative, magnitude) = match v {
        PercentArg::Int(n) => (*n < 0, n.unsigned_abs().to_string()),
        PercentArg::Bool(b) => (false, (*b as u8).to_string()),
        PercentArg::Float(x) if !integer_only => {
            if x.is_nan() {
                return Err(TextError::value("cannot convert float NaN to integer"));
            }
            if x.is_infinite() {
                return Err(TextError::overflow(
                    "cannot convert float infinity to integer",
                ));
            }
            let t = x.trunc();
            (t < 0.0, format!("{:.0}", t.abs()))
        }
        _ => {
            let need = if integer_only {
                "an integer"
            } else {
                "a real number"
            };
            return Err(TextError::type_error(format!(
                "%{} format: {need} is required, not {}",
                arg.ch,
                type_name(v)
            )));
        }
    };
    let digits = match arg.ch {
        'o' | 'x' | 'X' => {
            let n: u64 = magnitude.parse().unwrap_or(0);
            match arg.ch {
                'o' => format!("{n:o}"),
                'x' => format!("{n:x}"),
                _ => format!("{n:X}"),
            }
        }
        _ => magnitude,
    };
    let mut s = String::with_capacity(digits.len() + 3);
    if negative {
        s.push('-');
    }
    if arg.flags & F_ALT != 0 && integer_only {
        s.push('0');
        s.push(arg.ch);
    }
    let zeros = (arg.prec.max(0) as usize).saturating_sub(digits.len());
    s.extend(std::iter::repeat_n('0', zeros));
    s.push_str(&digits);
    Ok(s)
}

/// `unicode_format_arg_output`: truncation, sign, prefix and padding around `text`.
fn output(out: &mut String, arg: &mut Arg, text: &str) {
    let fill = if arg.sign && arg.flags & F_ZERO != 0 {
        '0'
    } else {
        ' '
    };
    let mut len = text.chars().count() as i64;
    if (arg.width == -1 || arg.width <= len)
        && (arg.prec == -1 || arg.prec >= len)
        && arg.flags & (F_SIGN | F_BLANK) == 0
    {
        out.push_str(text);
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    if matches!(arg.ch, 's' | 'r' | 'a') && arg.prec >= 0 && len > arg.prec {
        len = arg.prec;
    }
    let mut pindex = 0usize;
    let mut signchar = '\0';
    if arg.sign {
        match chars.first() {
            Some(&c @ ('-' | '+')) => {
                signchar = c;
                len -= 1;
                pindex += 1;
            }
            _ if arg.flags & F_SIGN != 0 => signchar = '+',
            _ if arg.flags & F_BLANK != 0 => signchar = ' ',
            _ => arg.sign = false,
        }
    }
    if arg.width < len {
        arg.width = len;
    }
    if arg.sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if arg.width > len {
            arg.width -= 1;
        }
    }
    let prefixed = arg.flags & F_ALT != 0 && matches!(arg.ch, 'x' | 'X' | 'o');
    if prefixed {
        if fill != ' ' {
            out.push('0');
            out.push(arg.ch);
            pindex += 2;
        }
        arg.width = (arg.width - 2).max(0);
        len -= 2;
    }
    if arg.width > len && arg.flags & F_LJUST == 0 {
        out.extend(std::iter::repeat_n(fill, (arg.width - len) as usize));
        arg.width = len;
    }
    if fill == ' ' {
        if arg.sign {
            out.push(signchar);
        }
        if prefixed {
            out.push('0');
            out.push(arg.ch);
            pindex += 2;
        }
    }
    let len = len.max(0) as usize;
    out.extend(&chars[pindex.min(chars.len())..(pindex + len).min(chars.len())]);
    if arg.width > len as i64 {
        out.extend(std::iter::repeat_n(' ', (arg.width - len as i64) as usize));
    }
}
