//! Object sizes as CPython 3.11's `sys.getsizeof` reports them on a 64-bit build.

use crate::body::{Body, Class, Kind};

/// `sys.getsizeof` of an `int`: 24 bytes plus 4 per 30-bit digit (at least one).
pub fn int_size(value: i64) -> usize {
    let bits = 64 - value.unsigned_abs().leading_zeros() as usize;
    24 + 4 * bits.div_ceil(30).max(1)
}

/// `sys.getsizeof` of a `str`: a compact header plus 1, 2 or 4 bytes per character.
pub fn str_size(text: &str) -> usize {
    let max = text.chars().map(u32::from).max().unwrap_or(0);
    let n = text.chars().count();
    match max {
        0..=0x7f => 49 + n,
        0x80..=0xff => 73 + n,
        0x100..=0xffff => 74 + 2 * n,
        _ => 76 + 4 * n,
    }
}

/// Size of objects of a kind whose size does not depend on their contents.
pub fn fixed_size(kind: Kind) -> usize {
    match kind {
        Kind::None => 16,
        Kind::Bool => 28,
        Kind::Float => 24,
        Kind::Function => 152,
        Kind::BuiltinFunction => 72,
        Kind::Method => 64,
        Kind::Cell => 40,
        Kind::Module => 72,
        Kind::Code => 120,
        Kind::Ref | Kind::Proxy | Kind::CallableProxy => 80,
        Kind::Iterator => 48,
        Kind::Generator => 208,
        Kind::Frame => 112,
        Kind::File => 208,
        Kind::Class => 1688,
        Kind::Int => 28,
        Kind::Str => 49,
        Kind::Tuple => 40,
        Kind::List => 56,
        Kind::Dict => 64,
        Kind::Set | Kind::FrozenSet => 216,
        Kind::Instance | Kind::Other => 48,
    }
}

/// `sys.getsizeof` of a body; instances need their class.
pub fn size_of(body: &Body, class: Option<&Class>) -> usize {
    match body {
        Body::Int(v) => int_size(*v),
        Body::Long(long) => 24 + 4 * long.digits.len(),
        Body::Bool(_) | Body::None | Body::Float(_) => fixed_size(body.kind()),
        Body::Str(s) => str_size(s),
        Body::Tuple(items) => 40 + 8 * items.len(),
        Body::List(list) => 56 + 8 * list.allocated,
        Body::Dict(dict) => dict.size_bytes(),
        Body::Set(set) => {
            216 + if set.table_size > 8 {
                16 * set.table_size
            } else {
                0
            }
        }
        Body::Instance(inst) => {
            let (slots, weak, dict) = class
                .map(|c| (c.slot_count, c.weakrefable, c.has_dict))
                .unwrap_or((0, true, true));
            let extras = 8 * slots + if weak { 8 } else { 0 } + if dict { 16 } else { 0 };
            match &inst.base {
                Some(base) => size_of(base, None) + extras,
                None => 32 + extras,
            }
        }
        Body::Class(_) | Body::WeakRef(_) | Body::Record(_) => fixed_size(body.kind()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each value, and what `sys.getsizeof` prints for it under python3.11.
    #[test]
    fn atom_sizes() {
        for (value, size) in [(0, 28), (1, 28), (1 << 30, 32), (1 << 60, 36), (-5, 28)] {
            assert_eq!(int_size(value), size, "int {value}");
        }
        for (text, size) in [("", 49), ("a", 50), ("é", 74), ("€", 76), ("😀", 80)] {
            assert_eq!(str_size(text), size, "str {text:?}");
        }
    }
}
