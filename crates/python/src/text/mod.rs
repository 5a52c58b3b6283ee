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
//! # Format specifications
//! - [`format_int`], [`format_int_named`], [`format_float`], [`format_str`]:
//!   `format(value, spec)`, f-strings' `{value:spec}` and `str.format` fields.
//! - [`FormatSpec`]: a parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
//!
//! # `%`-formatting
//! - [`percent_format`]: `format % args` over ints, floats and strs;
//!   [`percent_format_with`]: the same with callbacks for other objects and `%(key)s`.
//! - [`PercentArg`], [`PercentArgs`]: the right operand.
//!
//! # Strings as text
//! - [`str_repr`]: `repr(str)`; [`str_ascii`]: `ascii(str)`.
//! - [`is_printable`], [`is_decimal`], [`is_digit`], [`is_numeric`], [`decimal_value`]: the
//!   per-character Unicode predicates behind `str.isprintable()` and friends.

mod error;
mod float_repr;
mod format;
mod percent;
mod repr;
mod spec;
mod tables;

pub use error::{ErrorKind, TextError, TextResult};
pub use float_repr::float_repr;
pub use format::{format_float, format_int, format_int_named, format_str};
pub use percent::{percent_format, percent_format_with, PercentArg, PercentArgs};
pub use repr::{
    decimal_value, is_decimal, is_digit, is_numeric, is_printable, str_ascii, str_repr,
};
pub use spec::{Align, FormatSpec};
