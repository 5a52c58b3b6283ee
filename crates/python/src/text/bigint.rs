//! Arbitrary-precision ints, stored as CPython stores them: a sign and a magnitude of 30-bit
//! digits, least significant first. The interpreter keeps ints that fit in 64 bits as plain
//! `i64`; these functions take over when a result does not fit.

use std::cmp::Ordering;

use super::digits::{
    add_mag, bit_length, cmp_mag, divmod_mag, divmod_small, mul_mag, mul_small_add, sub_mag, MASK,
    SHIFT,
};
use super::{TextError, TextResult};

/// The largest magnitude made, in bits (about 315,000 decimal digits): beyond it the
/// interpreter raises `MemoryError` instead of computing for minutes.
pub const MAX_BITS: u64 = 1 << 20;

/// CPython 3.11's limit on decimal digits converted to or from text.
pub const MAX_STR_DIGITS: usize = 4300;

/// An int of any size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigInt {
    /// Whether the value is below zero (never for zero).
    pub negative: bool,
    /// Digits of the magnitude, least significant first, with no zero digit at the top.
    pub digits: Vec<u32>,
}

fn too_big() -> TextError {
    TextError::memory()
}

impl BigInt {
    /// Zero.
    pub fn zero() -> BigInt {
        BigInt {
            negative: false,
            digits: Vec::new(),
        }
    }

    /// The value of an `i128`.
    pub fn from_i128(value: i128) -> BigInt {
        let negative = value < 0;
        let mut rest = value.unsigned_abs();
        let mut digits = Vec::new();
        while rest > 0 {
            digits.push((rest as u64 & MASK) as u32);
            rest >>= SHIFT;
        }
        BigInt { negative, digits }
    }

    /// The value of an `i64`.
    pub fn from_i64(value: i64) -> BigInt {
        BigInt::from_i128(i128::from(value))
    }

    /// A value from its sign and digits (normalized here).
    pub fn from_parts(negative: bool, digits: Vec<u32>) -> BigInt {
        let mut n = BigInt { negative, digits };
        n.normalize();
        n
    }

    fn normalize(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.negative = false;
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.digits.len() > 3 {
            return None;
        }
        let mut magnitude: i128 = 0;
        for &d in self.digits.iter().rev() {
            magnitude = (magnitude << SHIFT) | i128::from(d);
        }
        let value = if self.negative { -magnitude } else { magnitude };
        i64::try_from(value).ok()
    }

    /// The number of bits of the magnitude.
    pub fn bit_length(&self) -> u64 {
        bit_length(&self.digits)
    }

    /// `-self`.
    pub fn negated(mut self) -> BigInt {
        self.negative = !self.negative && !self.is_zero();
        self
    }

    /// Compares two values.
    pub fn compare(&self, other: &BigInt) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.digits, &other.digits),
            (true, true) => cmp_mag(&other.digits, &self.digits),
        }
    }

    /// `self + other`.
    pub fn add(&self, other: &BigInt) -> BigInt {
        if self.negative == other.negative {
            return BigInt::from_parts(self.negative, add_mag(&self.digits, &other.digits));
        }
        match cmp_mag(&self.digits, &other.digits) {
            Ordering::Less => {
                BigInt::from_parts(other.negative, sub_mag(&other.digits, &self.digits))
            }
            _ => BigInt::from_parts(self.negative, sub_mag(&self.digits, &other.digits)),
        }
    }

    /// `self - other`.
    pub fn sub(&self, other: &BigInt) -> BigInt {
        self.add(&other.clone().negated())
    }

    /// `self * other`.
    pub fn mul(&self, other: &BigInt) -> TextResult<BigInt> {
        if self.bit_length() + other.bit_length() > MAX_BITS {
            return Err(too_big());
        }
        Ok(BigInt::from_parts(
            self.negative != other.negative,
            mul_mag(&self.digits, &other.digits),
        ))
    }

    /// Floor division and modulo (`divmod`), the remainder taking the divisor's sign;
    /// `None` for a zero divisor.
    pub fn divmod(&self, other: &BigInt) -> Option<(BigInt, BigInt)> {
        if other.is_zero() {
            return None;
        }
        let (q, r) = divmod_mag(&self.digits, &other.digits);
        let mut q = BigInt::from_parts(self.negative != other.negative, q);
        let mut r = BigInt::from_parts(self.negative, r);
        if !r.is_zero() && r.negative != other.negative {
            q = q.sub(&BigInt::from_i64(1));
            r = r.add(other);
        }
        Some((q, r))
    }

    /// `self ** exp` for `exp >= 0`.
    pub fn pow(&self, exp: u64) -> TextResult<BigInt> {
        if self.bit_length().saturating_mul(exp) > MAX_BITS && self.bit_length() > 1 {
            return Err(too_big());
        }
        let mut result = BigInt::from_i64(1);
        let mut base = self.clone();
        let mut exp = exp;
        while exp > 0 {
            if exp & 1 == 1 {
                result = result.mul(&base)?;
            }
            exp >>= 1;
            if exp > 0 {
                base = base.mul(&base)?;
            }
        }
        Ok(result)
    }

    /// `self << bits`.
    pub fn shl(&self, bits: u64) -> TextResult<BigInt> {
        if self.is_zero() {
            return Ok(BigInt::zero());
        }
        if self.bit_length() + bits > MAX_BITS {
            return Err(too_big());
        }
        let whole = (bits / u64::from(SHIFT)) as usize;
        let part = (bits % u64::from(SHIFT)) as u32;
        let mut digits = vec![0; whole];
        let mut carry = 0u64;
        for &d in &self.digits {
            let v = (u64::from(d) << part) | carry;
            digits.push((v & MASK) as u32);
            carry = v >> SHIFT;
        }
        digits.push(carry as u32);
        Ok(BigInt::from_parts(self.negative, digits))
    }

    /// `self >> bits`, rounding towards minus infinity.
    pub fn shr(&self, bits: u64) -> BigInt {
        let (q, r) = self.shr_mag(bits);
        let q = BigInt::from_parts(self.negative, q);
        if self.negative && r {
            q.sub(&BigInt::from_i64(1))
        } else {
            q
        }
    }

    /// The magnitude shifted right, and whether any 1 bit fell off.
    fn shr_mag(&self, bits: u64) -> (Vec<u32>, bool) {
        let whole = (bits / u64::from(SHIFT)) as usize;
        if whole >= self.digits.len() {
            return (Vec::new(), !self.is_zero());
        }
        let part = (bits % u64::from(SHIFT)) as u32;
        let mut lost = self.digits[..whole].iter().any(|&d| d != 0);
        lost |= part > 0 && self.digits[whole] & ((1 << part) - 1) != 0;
        let mut digits = Vec::with_capacity(self.digits.len() - whole);
        for i in whole..self.digits.len() {
            let low = u64::from(self.digits[i]) >> part;
            let high = self
                .digits
                .get(i + 1)
                .map_or(0, |&d| (u64::from(d) << (SHIFT - part)) & MASK);
            digits.push(((low | high) & MASK) as u32);
        }
        (digits, lost)
    }

    /// `&`, `|` or `^` on the two's complement forms, as Python defines them for negatives.
    pub fn bitwise(&self, other: &BigInt, op: fn(u32, u32) -> u32) -> BigInt {
        let len = self.digits.len().max(other.digits.len()) + 1;
        let (a, b) = (self.twos(len), other.twos(len));
        let mut out: Vec<u32> = a
            .iter()
            .zip(&b)
            .map(|(&x, &y)| op(x, y) & MASK as u32)
            .collect();
        let negative = out.last().is_some_and(|&top| top & (1 << (SHIFT - 1)) != 0);
        if negative {
            // Back from two's complement: invert and add one.
            for d in &mut out {
                *d = !*d & MASK as u32;
            }
            let magnitude = add_mag(&out, &[1]);
            return BigInt::from_parts(true, magnitude);
        }
        BigInt::from_parts(false, out)
    }

    /// The value in two's complement over `len` digits.
    fn twos(&self, len: usize) -> Vec<u32> {
        let mut digits = self.digits.clone();
        digits.resize(len, 0);
        if self.negative {
            for d in &mut digits {
                *d = !*d & MASK as u32;
            }
            digits = add_mag(&digits, &[1]);
            digits.truncate(len);
        }
        digits
    }

    /// The magnitude's digits in base 2, 8 or 16 (lower case), without prefix or sign.
    pub fn magnitude_in_radix(&self, radix: u32) -> String {
        if self.is_zero() {
            return "0".to_string();
        }
        let bits_per = radix.trailing_zeros() as u64;
        let total = self.bit_length();
        let count = total.div_ceil(bits_per);
        let bit = |i: u64| (self.digits[(i / 30) as usize] >> (i % 30)) & 1;
        (0..count)
            .rev()
            .map(|place| {
                let value = (0..bits_per)
                    .filter(|&k| place * bits_per + k < total)
                    .fold(0, |acc, k| acc | (bit(place * bits_per + k) << k));
                char::from_digit(value, radix).unwrap_or('0')
            })
            .collect()
    }

    /// The decimal text, with CPython's limit on its length.
    pub fn to_decimal(&self) -> TextResult<String> {
        // More than 14,300 bits is more than 4,300 decimal digits: no need to convert.
        if self.bit_length() <= 14_300 {
            let text = self.to_decimal_unlimited();
            if text.len() - usize::from(self.negative) <= MAX_STR_DIGITS {
                return Ok(text);
            }
        }
        Err(TextError::value(
            "Exceeds the limit (4300 digits) for integer string conversion; use \
             sys.set_int_max_str_digits() to increase the limit",
        ))
    }

    /// Parses digits (already checked: digits of `base` only, no sign, no underscores).
    pub fn parse_digits(negative: bool, digits: &str, base: u32) -> TextResult<BigInt> {
        if base == 10 && digits.len() > MAX_STR_DIGITS {
            return Err(TextError::value(format!(
                "Exceeds the limit (4300 digits) for integer string conversion: value \
                     has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                digits.len()
            )));
        }
        if digits.len() as u64 * 5 > MAX_BITS {
            return Err(too_big());
        }
        let mut magnitude: Vec<u32> = Vec::new();
        for c in digits.chars() {
            let d = c.to_digit(base).unwrap_or(0);
            magnitude = mul_small_add(&magnitude, base, d);
        }
        Ok(BigInt::from_parts(negative, magnitude))
    }

    /// The nearest `f64` (ties to even), or `None` when it is too large for a float.
    pub fn to_f64(&self) -> Option<f64> {
        if self.bit_length() > 1100 {
            return None;
        }
        // The decimal text parses correctly rounded.
        let text = self.to_decimal_unlimited();
        let value: f64 = text.parse().ok()?;
        value.is_finite().then_some(value)
    }

    fn to_decimal_unlimited(&self) -> String {
        let mut chunks = Vec::new();
        let mut rest = self.digits.clone();
        while !rest.is_empty() {
            let (q, r) = divmod_small(&rest, 1_000_000_000);
            chunks.push(r);
            rest = q;
        }
        let mut text = if self.negative {
            "-".to_string()
        } else {
            String::new()
        };
        text.push_str(&chunks.pop().unwrap_or(0).to_string());
        for chunk in chunks.iter().rev() {
            text.push_str(&format!("{chunk:09}"));
        }
        text
    }

    /// The exact value of a finite float, rounded towards zero to an integer.
    pub fn from_f64(value: f64) -> BigInt {
        let value = value.trunc();
        let bits = value.to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i64;
        let mantissa = if exponent == 0 {
            (bits & ((1 << 52) - 1)) << 1
        } else {
            (bits & ((1 << 52) - 1)) | (1 << 52)
        };
        let shift = exponent - 1075;
        let magnitude = BigInt::from_i128(i128::from(mantissa));
        let magnitude = if shift >= 0 {
            magnitude
                .shl(shift as u64)
                .unwrap_or_else(|_| BigInt::zero())
        } else {
            magnitude.shr((-shift) as u64)
        };
        if value < 0.0 {
            magnitude.negated()
        } else {
            magnitude
        }
    }

    /// CPython's hash of an int: the value modulo the Mersenne prime `2**61 - 1`, with the
    /// sign, and -1 turned into -2.
    pub fn hash(&self) -> i64 {
        const BITS: u32 = 61;
        const MODULUS: u64 = (1 << BITS) - 1;
        let mut x: u64 = 0;
        for &d in self.digits.iter().rev() {
            x = ((x << SHIFT) & MODULUS) | (x >> (BITS - SHIFT));
            x += u64::from(d);
            if x >= MODULUS {
                x -= MODULUS;
            }
        }
        let h = if self.negative { -(x as i64) } else { x as i64 };
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(text: &str) -> BigInt {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        BigInt::parse_digits(negative, digits, 10).unwrap()
    }

    fn show(n: &BigInt) -> String {
        n.to_decimal().unwrap()
    }

    /// Values python3 computes (`python3 -c "print(...)"`).
    #[test]
    fn arithmetic_as_python3_computes_it() {
        let two64 = big("18446744073709551616");
        let cases: &[(&str, String, &str)] = &[
            (
                "2**64 + 1",
                show(&two64.add(&BigInt::from_i64(1))),
                "18446744073709551617",
            ),
            (
                "2**64 - 2**65",
                show(&two64.sub(&two64.add(&two64))),
                "-18446744073709551616",
            ),
            (
                "2**64 * -3",
                show(&two64.mul(&BigInt::from_i64(-3)).unwrap()),
                "-55340232221128654848",
            ),
            (
                "2**64 // 3",
                show(&two64.divmod(&BigInt::from_i64(3)).unwrap().0),
                "6148914691236517205",
            ),
            (
                "-2**64 // 3",
                show(
                    &two64
                        .clone()
                        .negated()
                        .divmod(&BigInt::from_i64(3))
                        .unwrap()
                        .0,
                ),
                "-6148914691236517206",
            ),
            (
                "-2**64 % 7",
                show(
                    &two64
                        .clone()
                        .negated()
                        .divmod(&BigInt::from_i64(7))
                        .unwrap()
                        .1,
                ),
                "5",
            ),
            (
                "2**64 % -7",
                show(&two64.divmod(&BigInt::from_i64(-7)).unwrap().1),
                "-5",
            ),
            (
                "10**30 // 10**12",
                show(
                    &big("1000000000000000000000000000000")
                        .divmod(&big("1000000000000"))
                        .unwrap()
                        .0,
                ),
                "1000000000000000000",
            ),
            (
                "3**100",
                show(&BigInt::from_i64(3).pow(100).unwrap()),
                "515377520732011331036461129765621272702107522001",
            ),
            (
                "-2**64 >> 3",
                show(&two64.clone().negated().shr(3)),
                "-2305843009213693952",
            ),
            (
                "1 << 70",
                show(&BigInt::from_i64(1).shl(70).unwrap()),
                "1180591620717411303424",
            ),
            (
                "-(2**65) ^ 5",
                show(
                    &two64
                        .add(&two64)
                        .negated()
                        .bitwise(&BigInt::from_i64(5), |a, b| a ^ b),
                ),
                "-36893488147419103227",
            ),
            (
                "-(2**70) & 0xFFFF",
                show(
                    &BigInt::from_i64(1)
                        .shl(70)
                        .unwrap()
                        .negated()
                        .bitwise(&BigInt::from_i64(0xFFFF), |a, b| a & b),
                ),
                "0",
            ),
            (
                "int(1e30)",
                show(&BigInt::from_f64(1e30)),
                "1000000000000000019884624838656",
            ),
            (
                "int(-1.5e20)",
                show(&BigInt::from_f64(-1.5e20)),
                "-150000000000000000000",
            ),
        ];
        for (expr, got, want) in cases {
            assert_eq!(got, want, "{expr}");
        }
    }

    #[test]
    fn hashes_floats_and_limits_as_python3() {
        let two = BigInt::from_i64(2);
        assert_eq!(two.pow(61).unwrap().hash(), 1);
        assert_eq!(two.pow(61).unwrap().negated().hash(), -2);
        assert_eq!(two.pow(64).unwrap().hash(), 8);
        assert_eq!(
            big("1000000000000000000000000000000").hash(),
            465258685558744706
        );
        assert_eq!(two.pow(64).unwrap().to_f64(), Some(1.8446744073709552e19));
        assert_eq!(BigInt::from_i64(10).pow(400).unwrap().to_f64(), None);
        assert!(BigInt::from_i64(10)
            .pow(5000)
            .unwrap()
            .to_decimal()
            .is_err());
        assert!(BigInt::from_i64(2).pow(1 << 21).is_err());
    }
}
