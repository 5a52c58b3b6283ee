//! Ints beyond 64 bits in the interpreter: results that overflow `i64` become
//! [`Body::Long`] objects, and operators, comparisons, hashing and conversions accept them.

use std::cmp::Ordering;

use weaklink_heap::{Body, LongInt, ObjId};

use super::{PyResult, Vm};
use crate::compile::{BinOp, UnaryOp};
use crate::text::{BigInt, TextError, INT_OVERFLOW};

/// Whether a text rule failed only because the result does not fit 64 bits.
pub(crate) fn is_int_overflow(error: &TextError) -> bool {
    error.message == INT_OVERFLOW
}

impl Vm {
    /// The value of an `int` (or `bool`, or instance extending `int`) of any size.
    pub(crate) fn big_value(&self, obj: ObjId) -> Option<BigInt> {
        let body = match self.heap.body(obj) {
            Body::Instance(inst) => inst.base.as_deref()?,
            body => body,
        };
        match body {
            Body::Int(v) => Some(BigInt::from_i64(*v)),
            Body::Bool(b) => Some(BigInt::from_i64(i64::from(*b))),
            Body::Long(long) => Some(BigInt::from_parts(long.negative, long.digits.clone())),
            _ => None,
        }
    }

    /// Whether `obj` is an int beyond 64 bits (or an instance extending one).
    pub(crate) fn is_long(&self, obj: ObjId) -> bool {
        match self.heap.body(obj) {
            Body::Long(_) => true,
            Body::Instance(inst) => matches!(inst.base.as_deref(), Some(Body::Long(_))),
            _ => false,
        }
    }

    /// A new `int` of any size (a 64-bit one when it fits).
    pub(crate) fn new_big(&mut self, value: BigInt) -> ObjId {
        if let Some(small) = value.to_i64() {
            return self.new_int(small);
        }
        let obj = self.heap.alloc_owning(Body::Long(Box::new(LongInt {
            negative: value.negative,
            digits: value.digits,
        })));
        self.settle();
        obj
    }

    /// `int(text, base)` of any size: the text rules check the spelling, and a value beyond
    /// 64 bits is read again as a big int.
    pub(crate) fn int_from_text(&mut self, text: &str, base: u32) -> PyResult<ObjId> {
        match crate::text::int_from_str(text, base) {
            Ok(value) => Ok(self.new_int(value)),
            Err(e) if is_int_overflow(&e) => {
                let trimmed = text.trim();
                let (negative, rest) = match trimmed.as_bytes().first() {
                    Some(b'-') => (true, &trimmed[1..]),
                    Some(b'+') => (false, &trimmed[1..]),
                    _ => (false, trimmed),
                };
                let lower = rest.to_ascii_lowercase();
                let (radix, digits) = match lower.get(..2) {
                    Some("0x") if base == 0 || base == 16 => (16, &lower[2..]),
                    Some("0o") if base == 0 || base == 8 => (8, &lower[2..]),
                    Some("0b") if base == 0 || base == 2 => (2, &lower[2..]),
                    _ => (if base == 0 { 10 } else { base }, &lower[..]),
                };
                let digits: String = digits.chars().filter(|&c| c != '_').collect();
                let value = self.text_result(BigInt::parse_digits(negative, &digits, radix))?;
                Ok(self.new_big(value))
            }
            Err(e) => self.text_result(Err(e)),
        }
    }

    /// `int(x)` for a float beyond 64 bits (finite ones; the text rule reports the others).
    pub(crate) fn int_from_float(&mut self, x: f64) -> PyResult<ObjId> {
        match crate::text::float_to_int(x) {
            Ok(value) => Ok(self.new_int(value)),
            Err(e) if is_int_overflow(&e) => Ok(self.new_big(BigInt::from_f64(x))),
            Err(e) => self.text_result(Err(e)),
        }
    }

    /// The nearest float to a big int, or CPython's `OverflowError`.
    pub(crate) fn big_to_float(&mut self, value: &BigInt) -> PyResult<f64> {
        match value.to_f64() {
            Some(f) => Ok(f),
            None => self.raise("OverflowError", "int too large to convert to float"),
        }
    }

    /// `a op b` on ints of any size.
    pub(crate) fn big_binary(&mut self, op: BinOp, a: BigInt, b: BigInt) -> PyResult<ObjId> {
        let zero_division = |vm: &mut Vm, message: &str| vm.raise("ZeroDivisionError", message);
        let result = match op {
            BinOp::Add => a.add(&b),
            BinOp::Sub => a.sub(&b),
            BinOp::Mul => self.text_result(a.mul(&b))?,
            BinOp::FloorDiv | BinOp::Mod => {
                let Some((q, r)) = a.divmod(&b) else {
                    let message = if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    };
                    return zero_division(self, message);
                };
                if op == BinOp::Mod {
                    r
                } else {
                    q
                }
            }
            BinOp::TrueDiv => {
                if b.is_zero() {
                    return zero_division(self, "division by zero");
                }
                let (x, y) = (a.to_f64(), b.to_f64());
                let quotient = match (x, y) {
                    (Some(x), Some(y)) => x / y,
                    _ => {
                        // Too large for floats on their own: divide first, then convert.
                        let (q, _) = a.divmod(&b).expect("a nonzero divisor");
                        self.big_to_float(&q)?
                    }
                };
                return Ok(self.new_float(quotient));
            }
            BinOp::Pow => {
                if b.negative {
                    let (x, y) = (self.big_to_float(&a)?, self.big_to_float(&b)?);
                    let f = self.text_result(crate::text::float_pow(x, y))?;
                    return Ok(self.new_float(f));
                }
                let exp = match b.to_i64() {
                    Some(e) => e as u64,
                    None if a.bit_length() <= 1 => {
                        // 0, 1 or -1 to a huge power.
                        let odd = b.digits.first().is_some_and(|d| d & 1 == 1);
                        return Ok(self.new_big(if a.negative && !odd { a.negated() } else { a }));
                    }
                    None => return self.raise("MemoryError", ""),
                };
                self.text_result(a.pow(exp))?
            }
            BinOp::LShift | BinOp::RShift => {
                if b.negative {
                    return self.value_error("negative shift count");
                }
                let bits = b.to_i64().map_or(u64::MAX, |n| n as u64);
                if op == BinOp::LShift {
                    self.text_result(a.shl(bits))?
                } else {
                    a.shr(bits)
                }
            }
            BinOp::And => a.bitwise(&b, |x, y| x & y),
            BinOp::Or => a.bitwise(&b, |x, y| x | y),
            BinOp::Xor => a.bitwise(&b, |x, y| x ^ y),
            BinOp::MatMul => {
                return self.type_error("unsupported operand type(s) for @: 'int' and 'int'")
            }
        };
        Ok(self.new_big(result))
    }

    /// `a op b` when one operand is an int beyond 64 bits and the other an int or a float
    /// (`None` otherwise: the usual rules and special methods apply).
    pub(crate) fn long_operands(
        &mut self,
        op: BinOp,
        a: ObjId,
        b: ObjId,
    ) -> Option<PyResult<ObjId>> {
        if !self.is_long(a) && !self.is_long(b) {
            return None;
        }
        if self.is_user_class(self.type_of(a)) || self.is_user_class(self.type_of(b)) {
            return None;
        }
        if let (Some(x), Some(y)) = (self.big_value(a), self.big_value(b)) {
            return Some(self.big_binary(op, x, y));
        }
        let float = |vm: &Vm, obj: ObjId| match vm.heap.body(obj) {
            Body::Float(f) => Some(Ok(*f)),
            _ => vm.big_value(obj).map(Err),
        };
        let (x, y) = (float(self, a)?, float(self, b)?);
        Some(self.long_float_binary(op, x, y))
    }

    /// `a op b` for a big int and a float: as floats, as CPython converts the int.
    fn long_float_binary(
        &mut self,
        op: BinOp,
        x: Result<f64, BigInt>,
        y: Result<f64, BigInt>,
    ) -> PyResult<ObjId> {
        use crate::text as t;
        let x = match x {
            Ok(f) => f,
            Err(n) => self.big_to_float(&n)?,
        };
        let y = match y {
            Ok(f) => f,
            Err(n) => self.big_to_float(&n)?,
        };
        let result = match op {
            BinOp::Add => Ok(x + y),
            BinOp::Sub => Ok(x - y),
            BinOp::Mul => Ok(x * y),
            BinOp::TrueDiv => t::float_div(x, y),
            BinOp::FloorDiv => t::float_floordiv(x, y),
            BinOp::Mod => t::float_mod(x, y),
            BinOp::Pow => t::float_pow(x, y),
            _ => {
                let symbol = match op {
                    BinOp::LShift => "<<",
                    BinOp::RShift => ">>",
                    BinOp::And => "&",
                    BinOp::Or => "|",
                    BinOp::Xor => "^",
                    _ => "@",
                };
                return self.type_error(format!(
                    "unsupported operand type(s) for {symbol}: 'int' and 'float'"
                ));
            }
        };
        let v = self.text_result(result)?;
        Ok(self.new_float(v))
    }

    /// `-x`, `+x` or `~x` for an int beyond 64 bits (`None` for anything else).
    pub(crate) fn long_unary(&mut self, op: UnaryOp, v: ObjId) -> Option<PyResult<ObjId>> {
        if !self.is_long(v) || self.is_user_class(self.type_of(v)) {
            return None;
        }
        let n = self.big_value(v)?;
        let result = match op {
            UnaryOp::Neg => n.negated(),
            UnaryOp::Invert => n.add(&BigInt::from_i64(1)).negated(),
            _ => n,
        };
        Some(Ok(self.new_big(result)))
    }

    /// Compares two numbers when one of them is an int beyond 64 bits: `Ok(None)` if either
    /// is not a number, `Err` when the other is a NaN (unordered with every int).
    pub(crate) fn big_compare(&mut self, a: ObjId, b: ObjId) -> Result<Option<Ordering>, ()> {
        if let (Some(x), Some(y)) = (self.big_value(a), self.big_value(b)) {
            return Ok(Some(x.compare(&y)));
        }
        let float = |vm: &Vm, obj: ObjId| match vm.heap.body(obj) {
            Body::Float(f) => Some(*f),
            _ => vm.big_value(obj).map(|n| {
                n.to_f64().unwrap_or(if n.negative {
                    f64::NEG_INFINITY
                } else {
                    f64::INFINITY
                })
            }),
        };
        let (Some(x), Some(y)) = (float(self, a), float(self, b)) else {
            return Ok(None);
        };
        x.partial_cmp(&y).map(Some).ok_or(())
    }
}
