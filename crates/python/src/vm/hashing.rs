//! A fast hasher for the VM's internal maps (keys are small integers and handles).

pub use weaklink_heap::FastMap;

/// CPython's hash of an `int` (modulo the Mersenne prime 2**61 - 1; -1 becomes -2).
pub fn int_hash(value: i64) -> i64 {
    const MODULUS: i128 = (1 << 61) - 1;
    let v = value as i128;
    let h = if v >= 0 {
        v % MODULUS
    } else {
        -((-v) % MODULUS)
    };
    if h == -1 {
        -2
    } else {
        h as i64
    }
}

/// CPython's hash of a `float` (equal to the int hash for integral values).
pub fn float_hash(value: f64) -> i64 {
    if value.is_nan() {
        return 0;
    }
    if value.is_infinite() {
        return if value > 0.0 { 314_159 } else { -314_159 };
    }
    if value.fract() == 0.0 && value.abs() < 9.2e18 {
        return int_hash(value as i64);
    }
    const BITS: i32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    let (mut m, mut e) = frexp(value.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let mut h = x as i64;
    if value < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(value: f64) -> (f64, i32) {
    if value == 0.0 {
        return (0.0, 0);
    }
    let bits = value.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(value * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exp - 1022)
}

/// The hash of a `str`. CPython randomizes it per process, so no program can depend on
/// its value; weaklink uses FNV-1a.
pub fn str_hash(text: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython 3.11's tuple hash (xxHash-based) over the items' hashes.
pub fn tuple_hash(hashes: &[i64]) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc = P5;
    for &h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_cpython() {
        let cases: &[(i64, i64)] = &[(0, 0), (1, 1), (-1, -2), (-2, -2), (1 << 61, 1)];
        for &(value, expected) in cases {
            assert_eq!(int_hash(value), expected, "hash({value})");
        }
        assert_eq!(float_hash(1.5), 1_152_921_504_606_846_977);
        assert_eq!(float_hash(-0.5), -1_152_921_504_606_846_976);
        assert_eq!(float_hash(2.0), 2);
        assert_eq!(tuple_hash(&[1, 2]), -3_550_055_125_485_641_917);
        assert_eq!(tuple_hash(&[]), 5_740_354_900_026_072_187);
    }
}
