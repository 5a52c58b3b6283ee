//! CPython 3.11's text rules as pure functions over plain Rust values.
//!
//! Nothing here touches the heap or the VM: the VM's builtins call these with Rust values and
//! turn a [`TextError`] into the Python exception its [`ErrorKind`] names. Every function
//! matches CPython 3.11 byte for byte (checked live against `python3` by `tests/text.rs`).
//!
//! # Numbers as text
//! - [`float_repr`]: `repr(float)` and `str(float)`.
//!
//! # Strings as text
//! - [`str_repr`]: `repr(str)`; [`str_ascii`]: `ascii(str)`.
//! - [`is_printable`], [`is_decimal`], [`is_digit`], [`is_numeric`]: the per-character
//!   Unicode predicates behind `str.isprintable()` and friends.

mod error;
mod float_repr;
mod repr;
mod tables;

pub use error::{ErrorKind, TextError, TextResult};
pub use float_repr::float_repr;
pub use repr::{is_decimal, is_digit, is_numeric, is_printable, str_ascii, str_repr};
