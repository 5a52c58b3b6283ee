//! Arithmetic on magnitudes: base-2**30 digits, least significant first, as
//! [`super::bigint::BigInt`] stores them.

use std::cmp::Ordering;

/// Bits per digit, as CPython's `PyLong_SHIFT`.
pub(super) const SHIFT: u32 = 30;
/// The bits of one digit.
pub(super) const MASK: u64 = (1 << SHIFT) - 1;

pub(super) fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

pub(super) fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let mut carry = 0u64;
    for i in 0..a.len().max(b.len()) {
        let sum = u64::from(*a.get(i).unwrap_or(&0)) + u64::from(*b.get(i).unwrap_or(&0)) + carry;
        out.push((sum & MASK) as u32);
        carry = sum >> SHIFT;
    }
    if carry > 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b` for `a >= b`.
pub(super) fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &d) in a.iter().enumerate() {
        let mut diff = i64::from(d) - i64::from(*b.get(i).unwrap_or(&0)) - borrow;
        borrow = 0;
        if diff < 0 {
            diff += 1 << SHIFT;
            borrow = 1;
        }
        out.push(diff as u32);
    }
    out
}

pub(super) fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u64; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = out[i + j] + u64::from(x) * u64::from(y) + carry;
            out[i + j] = t & MASK;
            carry = t >> SHIFT;
        }
        let mut k = i + b.len();
        while carry > 0 {
            let t = out[k] + carry;
            out[k] = t & MASK;
            carry = t >> SHIFT;
            k += 1;
        }
    }
    out.into_iter().map(|d| d as u32).collect()
}

/// `a * m + add` for small `m` and `add`.
pub(super) fn mul_small_add(a: &[u32], m: u32, add: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = u64::from(add);
    for &d in a {
        let t = u64::from(d) * u64::from(m) + carry;
        out.push((t & MASK) as u32);
        carry = t >> SHIFT;
    }
    while carry > 0 {
        out.push((carry & MASK) as u32);
        carry >>= SHIFT;
    }
    out
}

/// Quotient and remainder of a magnitude by a small divisor.
pub(super) fn divmod_small(a: &[u32], divisor: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut rem = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (rem << SHIFT) | u64::from(a[i]);
        q[i] = (cur / u64::from(divisor)) as u32;
        rem = cur % u64::from(divisor);
    }
    while q.last() == Some(&0) {
        q.pop();
    }
    (q, rem as u32)
}

/// Quotient and remainder of magnitudes, by shifting and subtracting one bit at a time
/// (simple, and quick enough for the sizes teaching code makes).
pub(super) fn divmod_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let (q, r) = divmod_small(a, b[0]);
        return (q, if r == 0 { Vec::new() } else { vec![r] });
    }
    let bits = bit_length(a);
    let mut q = vec![0u32; a.len()];
    let mut r: Vec<u32> = Vec::new();
    for bit in (0..bits).rev() {
        // r = r * 2 + bit
        r = mul_small_add(&r, 2, (a[(bit / 30) as usize] >> (bit % 30)) & 1);
        while r.last() == Some(&0) {
            r.pop();
        }
        if cmp_mag(&r, b) != Ordering::Less {
            r = sub_mag(&r, b);
            while r.last() == Some(&0) {
                r.pop();
            }
            q[(bit / 30) as usize] |= 1 << (bit % 30);
        }
    }
    while q.last() == Some(&0) {
        q.pop();
    }
    (q, r)
}

/// The number of bits of a magnitude.
pub(super) fn bit_length(digits: &[u32]) -> u64 {
    match digits.last() {
        None => 0,
        Some(&top) => {
            (digits.len() as u64 - 1) * u64::from(SHIFT)
                + u64::from(u32::BITS - top.leading_zeros())
        }
    }
}
