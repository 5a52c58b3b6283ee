//! Folding binary operators on constants, within CPython's size limits, and the
//! `'%s' % (x,)` to f-string rewrite.

use super::{constant, is_constant};
use crate::syntax::ast::{Constant, Conversion, Expr, ExprContext, Operator, Span};
use crate::text::BigInt;

/// Longest `str` a fold may produce (CPython's `MAX_STR_SIZE`).
const MAX_STR_SIZE: i64 = 4096;
/// Longest tuple a fold may produce (`MAX_COLLECTION_SIZE`).
const MAX_COLLECTION_SIZE: i64 = 256;
/// Most items a folded tuple may hold counting nested ones (`MAX_TOTAL_ITEMS`).
const MAX_TOTAL_ITEMS: i64 = 1024;

/// A constant operand.
enum V<'a> {
    Int(i64),
    /// An int beyond 64 bits, as decimal digits.
    Big(&'a str),
    Float(f64),
    Str(&'a str),
    Tuple(&'a [Expr]),
    Other,
}

fn value(e: &Expr) -> V<'_> {
    match e {
        Expr::Constant {
            value: Constant::Int(i),
            ..
        } => V::Int(*i),
        Expr::Constant {
            value: Constant::BigInt(digits),
            ..
        } => V::Big(digits),
        Expr::Constant {
            value: Constant::Bool(b),
            ..
        } => V::Int(i64::from(*b)),
        Expr::Constant {
            value: Constant::Float(f),
            ..
        } => V::Float(*f),
        Expr::Constant {
            value: Constant::Str(s),
            ..
        } => V::Str(s),
        Expr::Tuple { elts, .. } => V::Tuple(elts),
        _ => V::Other,
    }
}

fn is_bool(e: &Expr) -> Option<bool> {
    match e {
        Expr::Constant {
            value: Constant::Bool(b),
            ..
        } => Some(*b),
        _ => None,
    }
}

/// The folded form of a `BinOp` node, if it has one.
pub(super) fn fold_binop(e: &Expr) -> Option<Expr> {
    let Expr::BinOp {
        left,
        op,
        right,
        span,
    } = e
    else {
        return None;
    };
    if *op == Operator::Mod {
        if let (
            Expr::Constant {
                value: Constant::Str(fmt),
                ..
            },
            Expr::Tuple {
                elts,
                ctx: ExprContext::Load,
                ..
            },
        ) = (&**left, &**right)
        {
            if !is_constant(right) && !elts.iter().any(|x| matches!(x, Expr::Starred { .. })) {
                return optimize_format(fmt, elts, *span);
            }
        }
    }
    if !is_constant(left) || !is_constant(right) {
        return None;
    }
    if let (Some(a), Some(b)) = (is_bool(left), is_bool(right)) {
        let r = match op {
            Operator::BitAnd => Some(a & b),
            Operator::BitOr => Some(a | b),
            Operator::BitXor => Some(a ^ b),
            _ => None,
        };
        if let Some(r) = r {
            return Some(constant(Constant::Bool(r), *span));
        }
    }
    let folded = match (value(left), value(right)) {
        (V::Int(a), V::Int(b)) => int_op(*op, a, b)
            .map(Constant::Int)
            .or_else(|| big_op(*op, &big(V::Int(a))?, &big(V::Int(b))?)),
        (x @ (V::Int(_) | V::Big(_)), y @ (V::Int(_) | V::Big(_))) => {
            big_op(*op, &big(x)?, &big(y)?)
        }
        (V::Float(a), V::Float(b)) => float_op(*op, a, b).map(Constant::Float),
        (V::Int(a), V::Float(b)) => float_op(*op, a as f64, b).map(Constant::Float),
        (V::Float(a), V::Int(b)) => float_op(*op, a, b as f64).map(Constant::Float),
        (V::Str(a), V::Str(b)) if *op == Operator::Add => Some(Constant::Str(format!("{a}{b}"))),
        (V::Str(s), V::Int(n)) | (V::Int(n), V::Str(s)) if *op == Operator::Mult => {
            let len = s.chars().count() as i64;
            if len > 0 && (n < 0 || n > MAX_STR_SIZE / len) {
                return None;
            }
            Some(Constant::Str(s.repeat(n.max(0) as usize)))
        }
        (V::Tuple(a), V::Tuple(b)) if *op == Operator::Add => {
            let elts = a.iter().chain(b).cloned().collect();
            return Some(Expr::Tuple {
                elts,
                ctx: ExprContext::Load,
                span: *span,
            });
        }
        (V::Tuple(t), V::Int(n)) | (V::Int(n), V::Tuple(t)) if *op == Operator::Mult => {
            let size = t.len() as i64;
            if size > 0 {
                if n < 0 || n > MAX_COLLECTION_SIZE / size {
                    return None;
                }
                if n > 0 && complexity(t, MAX_TOTAL_ITEMS / n) < 0 {
                    return None;
                }
            }
            let mut elts = Vec::new();
            for _ in 0..n.max(0) {
                elts.extend(t.iter().cloned());
            }
            return Some(Expr::Tuple {
                elts,
                ctx: ExprContext::Load,
                span: *span,
            });
        }
        _ => None,
    };
    folded.map(|c| constant(c, *span))
}

/// CPython's `check_complexity`: the budget left after counting nested tuple items.
fn complexity(items: &[Expr], mut limit: i64) -> i64 {
    limit -= items.len() as i64;
    for item in items {
        if limit < 0 {
            break;
        }
        if let Expr::Tuple { elts, .. } = item {
            limit = complexity(elts, limit);
        }
    }
    limit
}

/// An int operation CPython's optimizer would fold, by the runtime's own rules; `None` when
/// it raises or leaves ints (so the operation stays for run time).
fn int_op(op: Operator, a: i64, b: i64) -> Option<i64> {
    use crate::text;
    match op {
        Operator::Add => a.checked_add(b),
        Operator::Sub => a.checked_sub(b),
        Operator::Mult => a.checked_mul(b),
        Operator::FloorDiv => text::int_floordiv(a, b).ok(),
        Operator::Mod => text::int_mod(a, b).ok(),
        Operator::Pow => {
            if b < 0 {
                return None;
            }
            a.checked_pow(u32::try_from(b).ok()?)
        }
        Operator::LShift => text::int_lshift(a, b).ok(),
        Operator::RShift => text::int_rshift(a, b).ok(),
        Operator::BitAnd => Some(a & b),
        Operator::BitOr => Some(a | b),
        Operator::BitXor => Some(a ^ b),
        Operator::Div | Operator::MatMult => None,
    }
}

/// The value of an int constant of any size.
fn big(v: V<'_>) -> Option<BigInt> {
    match v {
        V::Int(i) => Some(BigInt::from_i64(i)),
        V::Big(digits) => {
            let (negative, digits) = match digits.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, digits),
            };
            BigInt::parse_digits(negative, digits, 10).ok()
        }
        _ => None,
    }
}

/// CPython's optimizer folds int operations whose result stays within 128 bits for `*`,
/// `**` and `<<` (`safe_multiply`, `safe_power`, `safe_lshift`), and the others always.
const MAX_INT_BITS: u64 = 128;

/// An int operation beyond 64 bits, folded as CPython's optimizer folds it.
fn big_op(op: Operator, a: &BigInt, b: &BigInt) -> Option<Constant> {
    let (abits, bbits) = (a.bit_length(), b.bit_length());
    let result = match op {
        Operator::Add => a.add(b),
        Operator::Sub => a.sub(b),
        Operator::Mult => {
            if abits > 0 && bbits > 0 && abits + bbits > MAX_INT_BITS {
                return None;
            }
            a.mul(b).ok()?
        }
        Operator::Pow => {
            let exp = u64::try_from(b.to_i64()?).ok()?;
            if abits > 0 && exp > 0 && abits > MAX_INT_BITS / exp {
                return None;
            }
            a.pow(exp).ok()?
        }
        Operator::LShift => {
            let shift = u64::try_from(b.to_i64()?).ok()?;
            if shift > MAX_INT_BITS || abits > MAX_INT_BITS - shift {
                return None;
            }
            a.shl(shift).ok()?
        }
        Operator::RShift => a.shr(u64::try_from(b.to_i64()?).ok()?),
        Operator::FloorDiv => a.divmod(b)?.0,
        Operator::Mod => a.divmod(b)?.1,
        Operator::BitAnd => a.bitwise(b, |x, y| x & y),
        Operator::BitOr => a.bitwise(b, |x, y| x | y),
        Operator::BitXor => a.bitwise(b, |x, y| x ^ y),
        Operator::Div | Operator::MatMult => return None,
    };
    Some(match result.to_i64() {
        Some(small) => Constant::Int(small),
        None => Constant::BigInt(result.to_decimal().ok()?.into()),
    })
}

fn float_op(op: Operator, a: f64, b: f64) -> Option<f64> {
    // Integers beyond 2**53 convert inexactly; CPython's int/int division is exact there.
    let r = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => a * b,
        Operator::Div => {
            if b == 0.0 || a.abs() > 9007199254740992.0 || b.abs() > 9007199254740992.0 {
                return None;
            }
            a / b
        }
        Operator::FloorDiv => crate::text::float_floordiv(a, b).ok()?,
        Operator::Mod => crate::text::float_mod(a, b).ok()?,
        _ => return None,
    };
    r.is_finite().then_some(r)
}

/// `'%s, %r' % (a, b)` becomes `f'{a!s}, {b!r}'` when every unit is `%s`, `%r` or `%a`
/// with at most a width and precision (CPython 3.11's `optimize_format`).
fn optimize_format(fmt: &str, elts: &[Expr], span: Span) -> Option<Expr> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut pos = 0;
    let mut count = 0;
    let mut values = Vec::new();
    loop {
        let start = pos;
        let mut text = String::new();
        while pos < chars.len() {
            if chars[pos] != '%' {
                text.push(chars[pos]);
                pos += 1;
            } else if pos + 1 < chars.len() && chars[pos + 1] == '%' {
                text.push('%');
                pos += 2;
            } else {
                break;
            }
        }
        if pos != start {
            values.push(constant(Constant::Str(text), Span::default()));
        }
        if pos >= chars.len() {
            break;
        }
        let arg = elts.get(count)?;
        pos += 1;
        count += 1;
        values.push(parse_format(&chars, &mut pos, arg)?);
    }
    if count < elts.len() {
        return None;
    }
    Some(Expr::JoinedStr { values, span })
}

fn parse_format(chars: &[char], pos: &mut usize, arg: &Expr) -> Option<Expr> {
    let mut next = || -> Option<char> {
        let c = chars.get(*pos).copied();
        *pos += 1;
        c
    };
    let mut ljust = false;
    let mut ch = next()?;
    while matches!(ch, '-' | '+' | ' ' | '#' | '0') {
        ljust |= ch == '-';
        ch = next()?;
    }
    let mut width: i32 = -1;
    if ch.is_ascii_digit() {
        width = 0;
        let mut digits = 0;
        while ch.is_ascii_digit() {
            width = width * 10 + (ch as i32 - '0' as i32);
            ch = next()?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
    }
    let mut prec: i32 = -1;
    if ch == '.' {
        ch = next()?;
        prec = 0;
        let mut digits = 0;
        while ch.is_ascii_digit() {
            prec = prec * 10 + (ch as i32 - '0' as i32);
            ch = next()?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
    }
    let conversion = match ch {
        's' => Conversion::Str,
        'r' => Conversion::Repr,
        'a' => Conversion::Ascii,
        _ => return None,
    };
    let mut spec = String::new();
    if !ljust && width > 0 {
        spec.push('>');
    }
    if width >= 0 {
        spec.push_str(&width.to_string());
    }
    if prec >= 0 {
        spec.push_str(&format!(".{prec}"));
    }
    let format_spec = if spec.is_empty() {
        None
    } else {
        Some(Box::new(constant(Constant::Str(spec), Span::default())))
    };
    Some(Expr::FormattedValue {
        value: Box::new(arg.clone()),
        conversion,
        format_spec,
        span: arg.span(),
    })
}
