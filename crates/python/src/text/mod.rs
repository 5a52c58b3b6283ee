//! CPython 3.11's text rules as pure functions over plain Rust values.
//!
//! Nothing here touches the heap or the VM: the VM's builtins call these with Rust values and
//! turn a [`TextError`] into the Python exception its [`ErrorKind`] names, with its message.
//! Every function matches CPython 3.11 byte for byte (checked live against `python3` by
//! `tests/text.rs`).
//!
//! # Numbers as text
//! - [`float_repr`]: `repr(float)` and `str(float)`.
//!
//! - [`int_repr`], [`int_bin`], [`int_oct`], [`int_hex`]: `repr(int)`, `bin`, `oct`, `hex`.
//! - [`int_from_str`], [`float_from_str`]: `int(str, base)` and `float(str)`.
//!
//! # Arithmetic with CPython's results and errors
//! These work on 64-bit ints; a result beyond 64 bits is an error with [`INT_OVERFLOW`], on
//! which the interpreter redoes the operation with [`BigInt`], ints of any size stored in
//! 30-bit digits as CPython stores them.
//! - [`int_add`], [`int_sub`], [`int_mul`], [`int_neg`], [`int_abs`], [`int_lshift`],
//!   [`int_rshift`].
//! - [`int_floordiv`], [`int_mod`], [`int_divmod`], [`int_truediv`], [`float_div`],
//!   [`float_floordiv`], [`float_mod`], [`float_divmod`].
//! - [`int_pow`] ([`PowResult`]), [`int_pow_mod`], [`float_pow`].
//! - [`float_to_int`], [`float_round`], [`float_round_digits`], [`int_round_digits`]: `int(x)`
//!   and `round`.
//!
//! # Format specifications
//! - [`format_int`], [`format_int_named`], [`format_float`], [`format_str`]:
//!   `format(value, spec)`, f-strings' `{value:spec}` and `str.format` fields.
//! - [`render_template`]: `str.format` templates, through a [`TemplateHost`] that looks up
//!   arguments ([`FieldArg`], [`Accessor`]), converts ([`Conversion`]) and formats values;
//!   [`replacement_index_error`].
//! - [`FormatSpec`]: a parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
//!
//! # `%`-formatting
//! - [`percent_format`]: `format % args` over ints, floats and strs;
//!   [`percent_format_with`]: the same with callbacks for other objects and `%(key)s`.
//! - [`PercentArg`], [`PercentArgs`]: the right operand.
//!
//! # `str` methods
//! Positions are code point indices; optional `start`/`end`/`maxsplit` arguments are `Option`
//! or the Python default value.
//! - Searching: [`find`], [`rfind`], [`index`], [`rindex`], [`count`], [`startswith`],
//!   [`endswith`], [`replace`].
//! - Splitting and joining: [`split`], [`rsplit`], [`splitlines`], [`partition`],
//!   [`rpartition`], [`join`], [`strip`], [`lstrip`], [`rstrip`], [`removeprefix`],
//!   [`removesuffix`].
//! - Case: [`upper`], [`lower`], [`capitalize`], [`title`], [`swapcase`], [`casefold`].
//! - Predicates: [`str_isdigit`], [`str_isdecimal`], [`str_isnumeric`], [`str_isalpha`],
//!   [`str_isalnum`], [`str_isspace`], [`str_isupper`], [`str_islower`], [`str_istitle`],
//!   [`str_isidentifier`], [`str_isprintable`], [`str_isascii`]; per character [`is_space`],
//!   [`is_alpha`], [`is_alnum`], [`is_upper`], [`is_lower`], [`is_title_char`].
//! - Padding: [`center`], [`ljust`], [`rjust`], [`fill_char`], [`zfill`], [`expandtabs`],
//!   [`repeat`] (`str * n`).
//! - Indexing: [`slice_indices`] (also for lists and tuples), [`normalize_index`],
//!   [`str_index`], [`str_slice`], [`char_len`], [`str_compare`].
//!
//! # Strings as text
//! - [`str_repr`]: `repr(str)`; [`str_ascii`]: `ascii(str)`.
//! - [`is_printable`], [`is_decimal`], [`is_digit`], [`is_numeric`], [`decimal_value`]: the
//!   per-character Unicode predicates behind `str.isprintable()` and friends.

mod arith;
mod bigint;
mod case;
mod digits;
mod error;
mod float_repr;
mod format;
mod numparse;
mod pad;
mod percent;
mod repr;
mod search;
mod slice;
mod spec;
mod split;
#[rustfmt::skip]
mod tables;
mod template;

pub use arith::{
    float_div, float_divmod, float_floordiv, float_mod, float_pow, float_round, float_round_digits,
    float_to_int, int_abs, int_add, int_divmod, int_floordiv, int_lshift, int_mod, int_mul,
    int_neg, int_pow, int_pow_mod, int_round_digits, int_rshift, int_sub, int_truediv, PowResult,
};
pub use bigint::BigInt;
pub use case::{
    capitalize, casefold, is_alnum, is_alpha, is_lower, is_space, is_title_char, is_upper, lower,
    str_isalnum, str_isalpha, str_isascii, str_isdecimal, str_isdigit, str_isidentifier,
    str_islower, str_isnumeric, str_isprintable, str_isspace, str_istitle, str_isupper, swapcase,
    title, upper,
};
pub use error::{ErrorKind, TextError, TextResult};
pub use float_repr::float_repr;
pub use format::{format_big_int, format_float, format_int, format_int_named, format_str};
pub use numparse::{
    float_from_str, int_bin, int_from_str, int_hex, int_oct, int_repr, INT_OVERFLOW,
};
pub use pad::{center, expandtabs, fill_char, ljust, repeat, rjust, zfill};
pub use percent::{percent_format, percent_format_with, PercentArg, PercentArgs};
pub use repr::{
    decimal_value, is_decimal, is_digit, is_numeric, is_printable, str_ascii, str_repr,
};
pub use search::{count, endswith, find, index, replace, rfind, rindex, startswith};
pub use slice::{char_len, normalize_index, slice_indices, str_compare, str_index, str_slice};
pub use spec::{Align, FormatSpec};
pub use split::{
    join, lstrip, partition, removeprefix, removesuffix, rpartition, rsplit, rstrip, split,
    splitlines, strip,
};
pub use template::{
    render_template, replacement_index_error, Accessor, Conversion, FieldArg, TemplateHost,
};
