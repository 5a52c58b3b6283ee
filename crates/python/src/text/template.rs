//! `str.format` templates: literal text, `{field!conversion:spec}` replacement fields, `{{` and
//! `}}`, automatic and manual numbering, nested fields in specs. CPython's `MarkupIterator`
//! and `render_field`, including the order in which errors surface.

use super::error::{TextError, TextResult};
use super::repr::decimal_value;

/// The argument a field names: `{0}`/`{}` (positional) or `{name}` (keyword).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldArg {
    /// A positional argument (explicit or automatically numbered).
    Index(usize),
    /// A keyword argument.
    Name(String),
}

/// One `.attr` or `[key]` after the argument in a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accessor {
    /// `.name`: an attribute.
    Attr(String),
    /// `[digits]`: an item with an integer key.
    Index(usize),
    /// `[text]`: an item with a `str` key.
    Key(String),
}

/// The `!r`, `!s` and `!a` conversions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// `!s`: `str(value)`.
    Str,
    /// `!r`: `repr(value)`.
    Repr,
    /// `!a`: `ascii(value)`.
    Ascii,
}

/// What `str.format` asks of the VM while rendering a template.
pub trait TemplateHost {
    /// A Python value.
    type Value;
    /// The VM's exception (built from a [`TextError`] for template errors).
    type Error: From<TextError>;
    /// Positional argument `index`; a missing one is
    /// [`replacement_index_error`].
    fn positional(&mut self, index: usize) -> Result<Self::Value, Self::Error>;
    /// Keyword argument `name`; a missing one is `KeyError` ([`TextError::key`]).
    fn keyword(&mut self, name: &str) -> Result<Self::Value, Self::Error>;
    /// `getattr(value, name)`.
    fn attribute(&mut self, value: Self::Value, name: &str) -> Result<Self::Value, Self::Error>;
    /// `value[key]` for an [`Accessor::Index`] or [`Accessor::Key`].
    fn item(&mut self, value: Self::Value, key: &Accessor) -> Result<Self::Value, Self::Error>;
    /// `str`, `repr` or `ascii` of `value`, as a value.
    fn convert(
        &mut self,
        value: Self::Value,
        conversion: Conversion,
    ) -> Result<Self::Value, Self::Error>;
    /// `format(value, spec)`.
    fn format(&mut self, value: Self::Value, spec: &str) -> Result<String, Self::Error>;
}

/// `IndexError: Replacement index 2 out of range for positional args tuple`.
pub fn replacement_index_error(index: usize) -> TextError {
    TextError::index(format!(
        "Replacement index {index} out of range for positional args tuple"
    ))
}

/// Automatic (`{}`) versus manual (`{0}`) numbering, shared by a template and its nested specs.
#[derive(Default)]
struct Numbering {
    auto: Option<bool>,
    next: usize,
}

/// `template.format(...)`, rendered field by field through `host` in CPython's order: for
/// each field the argument lookup, attribute and item access, conversion, nested spec
/// expansion, then `format`.
pub fn render_template<H: TemplateHost>(template: &str, host: &mut H) -> Result<String, H::Error> {
    let mut numbering = Numbering::default();
    let chars: Vec<char> = template.chars().collect();
    build(&chars, host, 2, &mut numbering)
}

fn build<H: TemplateHost>(
    chars: &[char],
    host: &mut H,
    depth: u32,
    numbering: &mut Numbering,
) -> Result<String, H::Error> {
    if depth == 0 {
        return Err(TextError::value("Max string recursion exceeded").into());
    }
    let mut out = String::new();
    let mut pos = 0;
    while pos < chars.len() {
        let (literal, field) = next_markup(chars, &mut pos)?;
        out.extend(literal);
        let Some(field) = field else { continue };
        let (arg, rest) = split_field_name(field.name, numbering)?;
        let mut value = match arg {
            FieldArg::Index(i) => host.positional(i)?,
            FieldArg::Name(name) => host.keyword(&name)?,
        };
        // The accessors are parsed one at a time as they are applied, so a malformed one
        // surfaces only after the lookups before it succeeded.
        let mut pos = 0;
        while let Some(accessor) = next_accessor(rest, &mut pos)? {
            value = match &accessor {
                Accessor::Attr(name) => host.attribute(value, name)?,
                key => host.item(value, key)?,
            };
        }
        if let Some(c) = field.conversion {
            let conversion = match c {
                'r' => Conversion::Repr,
                's' => Conversion::Str,
                'a' => Conversion::Ascii,
                _ => {
                    let n = c as u32;
                    let shown = if n > 32 && n < 127 {
                        c.to_string()
                    } else {
                        format!("\\x{n:x}")
                    };
                    return Err(
                        TextError::value(format!("Unknown conversion specifier {shown}")).into(),
                    );
                }
            };
            value = host.convert(value, conversion)?;
        }
        let spec: String = if field.expand {
            build(field.spec, host, depth - 1, numbering)?
        } else {
            field.spec.iter().collect()
        };
        out.push_str(&host.format(value, &spec)?);
    }
    Ok(out)
}

/// A replacement field as the markup scan finds it.
struct RawField<'a> {
    name: &'a [char],
    conversion: Option<char>,
    spec: &'a [char],
    expand: bool,
}

/// CPython's `MarkupIterator_next`: literal text up to the next field (with `{{`/`}}`
/// unescaped), and that field if there is one.
fn next_markup<'a>(
    chars: &'a [char],
    pos: &mut usize,
) -> TextResult<(&'a [char], Option<RawField<'a>>)> {
    let end = chars.len();
    let start = *pos;
    let mut c = '\0';
    let mut markup = false;
    while *pos < end {
        c = chars[*pos];
        *pos += 1;
        if c == '{' || c == '}' {
            markup = true;
            break;
        }
    }
    let at_end = *pos >= end;
    let mut len = *pos - start;
    if c == '}' && markup && (at_end || chars[*pos] != '}') {
        return Err(TextError::value("Single '}' encountered in format string"));
    }
    if at_end && c == '{' && markup {
        return Err(TextError::value("Single '{' encountered in format string"));
    }
    if !at_end && markup {
        if chars[*pos] == c {
            // An escaped brace: the literal includes one of them.
            *pos += 1;
            return Ok((&chars[start..start + len], None));
        }
        len -= 1;
    }
    let literal = &chars[start..start + len];
    if !markup {
        return Ok((literal, None));
    }
    Ok((literal, Some(parse_field(chars, pos)?)))
}

/// CPython's `parse_field`: the field name up to `!`, `:` or `}`, then the conversion and
/// the spec (whose nested braces must balance).
fn parse_field<'a>(chars: &'a [char], pos: &mut usize) -> TextResult<RawField<'a>> {
    let end = chars.len();
    let name_start = *pos;
    let mut c = '\0';
    while *pos < end {
        c = chars[*pos];
        *pos += 1;
        match c {
            '{' => return Err(TextError::value("unexpected '{' in field name")),
            '[' => {
                while *pos < end && chars[*pos] != ']' {
                    *pos += 1;
                }
            }
            '}' | ':' | '!' => break,
            _ => {}
        }
    }
    let name = &chars[name_start..(*pos).saturating_sub(1).max(name_start)];
    let mut field = RawField {
        name,
        conversion: None,
        spec: &[],
        expand: false,
    };
    if c != '!' && c != ':' {
        if c != '}' {
            return Err(TextError::value("expected '}' before end of string"));
        }
        return Ok(field);
    }
    if c == '!' {
        if *pos >= end {
            return Err(TextError::value(
                "end of string while looking for conversion specifier",
            ));
        }
        field.conversion = Some(chars[*pos]);
        *pos += 1;
        if *pos < end {
            let next = chars[*pos];
            *pos += 1;
            if next == '}' {
                return Ok(field);
            }
            if next != ':' {
                return Err(TextError::value("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = *pos;
    let mut count = 1;
    while *pos < end {
        let c = chars[*pos];
        *pos += 1;
        if c == '{' {
            field.expand = true;
            count += 1;
        } else if c == '}' {
            count -= 1;
            if count == 0 {
                field.spec = &chars[spec_start..*pos - 1];
                return Ok(field);
            }
        }
    }
    Err(TextError::value("unmatched '{' in format spec"))
}

/// CPython's `get_integer`: the value of all-decimal-digit text, `None` otherwise.
fn get_integer(chars: &[char]) -> TextResult<Option<usize>> {
    if chars.is_empty() {
        return Ok(None);
    }
    let mut value: usize = 0;
    for &c in chars {
        let Some(d) = decimal_value(c) else {
            return Ok(None);
        };
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| TextError::value("Too many decimal digits in format string"))?;
    }
    Ok(Some(value))
}

/// CPython's `field_name_split`: the argument (numbering automatic fields) and the text of
/// the accessors after it.
fn split_field_name<'a>(
    name: &'a [char],
    numbering: &mut Numbering,
) -> TextResult<(FieldArg, &'a [char])> {
    let first_end = name
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(name.len());
    let first = &name[..first_end];
    let index = get_integer(first)?;
    let empty = first.is_empty();
    let arg = if empty || index.is_some() {
        let auto = *numbering.auto.get_or_insert(empty);
        if auto && !empty {
            return Err(TextError::value(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        if !auto && empty {
            return Err(TextError::value(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        if empty {
            numbering.next += 1;
            FieldArg::Index(numbering.next - 1)
        } else {
            FieldArg::Index(index.unwrap_or(0))
        }
    } else {
        FieldArg::Name(first.iter().collect())
    };
    Ok((arg, &name[first_end..]))
}

/// CPython's `FieldNameIterator_next`: the accessor at `rest[*pos..]`, if any.
fn next_accessor(rest: &[char], pos: &mut usize) -> TextResult<Option<Accessor>> {
    if *pos >= rest.len() {
        return Ok(None);
    }
    let kind = rest[*pos];
    *pos += 1;
    let start = *pos;
    let text = match kind {
        '.' => {
            while *pos < rest.len() && rest[*pos] != '.' && rest[*pos] != '[' {
                *pos += 1;
            }
            &rest[start..*pos]
        }
        '[' => {
            while *pos < rest.len() && rest[*pos] != ']' {
                *pos += 1;
            }
            if *pos == rest.len() {
                return Err(TextError::value("Missing ']' in format string"));
            }
            *pos += 1;
            &rest[start..*pos - 1]
        }
        _ => {
            return Err(TextError::value(
                "Only '.' or '[' may follow ']' in format field specifier",
            ))
        }
    };
    let index = if kind == '[' {
        get_integer(text)?
    } else {
        None
    };
    if text.is_empty() {
        return Err(TextError::value("Empty attribute in format string"));
    }
    Ok(Some(match (kind, index) {
        ('.', _) => Accessor::Attr(text.iter().collect()),
        (_, Some(i)) => Accessor::Index(i),
        (_, None) => Accessor::Key(text.iter().collect()),
    }))
}
