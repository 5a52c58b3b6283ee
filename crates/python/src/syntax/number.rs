//! Values of number literals (the tokenizer has already checked their spelling).

use super::ast::Constant;

/// A number literal weaklink cannot represent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// An imaginary literal such as `1j`.
    Complex,
    /// An integer literal too large to build (see [`crate::text::BigInt`]'s limit).
    TooLarge,
}

/// The value of a NUMBER token's text.
pub(crate) fn parse_number(text: &str) -> Result<Constant, NumberError> {
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let lower = digits.to_ascii_lowercase();
    if lower.ends_with('j') {
        return Err(NumberError::Complex);
    }
    let radix = match lower.get(..2) {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        return u64::from_str_radix(&lower[2..], radix)
            .ok()
            .and_then(|v| i64::try_from(v).ok())
            .map(Constant::Int)
            .map_or_else(|| big_literal(&lower[2..], radix), Ok);
    }
    if lower.contains(['.', 'e']) {
        // Rust's parser rounds correctly, as CPython's does.
        return Ok(Constant::Float(lower.parse::<f64>().unwrap_or(f64::NAN)));
    }
    lower
        .parse::<i64>()
        .map(Constant::Int)
        .or_else(|_| big_literal(&lower, 10))
}

/// An integer literal beyond 64 bits, as its decimal digits.
fn big_literal(digits: &str, radix: u32) -> Result<Constant, NumberError> {
    crate::text::BigInt::parse_digits(false, digits, radix)
        .and_then(|value| value.to_decimal())
        .map(|text| Constant::BigInt(text.into()))
        .map_err(|_| NumberError::TooLarge)
}
