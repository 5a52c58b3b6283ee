//! An instance's inline attributes: the first few are kept in the instance itself, as
//! CPython 3.11 keeps an instance's values next to it rather than in a dict.

use std::fmt;
use std::ops::{Deref, DerefMut};

use crate::id::ObjId;
use crate::names::Name;

/// An attribute stored in an instance (3.11 keeps them inline, without a separate dict).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Attr {
    /// The attribute's name.
    pub name: Name,
    /// Its value, a strong reference.
    pub value: ObjId,
}

/// How many attributes fit in the instance before they move to a separate allocation.
const INLINE: usize = 2;

/// What fills the inline places before their first use.
const UNUSED: Attr = Attr {
    name: Name::UNUSED,
    value: ObjId::UNUSED,
};

/// An instance's attributes, in order. It reads as a slice of [`Attr`] (`iter`, `len`,
/// indexing, `iter_mut`...) and changes like a `Vec` (`push`, `insert`, `remove`, `clear`).
#[derive(Clone)]
pub struct Attrs(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, items: [Attr; INLINE] },
    Spilled(Vec<Attr>),
}

impl Attrs {
    /// No attributes.
    pub const fn new() -> Self {
        Attrs(Repr::Inline {
            len: 0,
            items: [UNUSED; INLINE],
        })
    }

    /// The attributes as a slice.
    pub fn as_slice(&self) -> &[Attr] {
        match &self.0 {
            Repr::Inline { len, items } => &items[..*len as usize],
            Repr::Spilled(v) => v,
        }
    }

    /// The attributes as a mutable slice (values can change, not the number of attributes).
    pub fn as_mut_slice(&mut self) -> &mut [Attr] {
        match &mut self.0 {
            Repr::Inline { len, items } => &mut items[..*len as usize],
            Repr::Spilled(v) => v,
        }
    }

    /// Appends an attribute.
    pub fn push(&mut self, attr: Attr) {
        let len = self.len();
        self.insert(len, attr);
    }

    /// Inserts an attribute at `index`, shifting the later ones; panics if `index > len`.
    pub fn insert(&mut self, index: usize, attr: Attr) {
        match &mut self.0 {
            Repr::Inline { len, items } if (*len as usize) < INLINE => {
                let n = *len as usize;
                assert!(index <= n, "insertion index {index} past the end ({n})");
                items[n] = attr;
                items[index..=n].rotate_right(1);
                *len += 1;
            }
            Repr::Inline { len, items } => {
                let mut v = Vec::with_capacity(2 * INLINE);
                v.extend_from_slice(&items[..*len as usize]);
                v.insert(index, attr);
                self.0 = Repr::Spilled(v);
            }
            Repr::Spilled(v) => v.insert(index, attr),
        }
    }

    /// Removes and returns the attribute at `index`, shifting the later ones; panics if
    /// `index >= len`.
    pub fn remove(&mut self, index: usize) -> Attr {
        match &mut self.0 {
            Repr::Inline { len, items } => {
                let n = *len as usize;
                assert!(index < n, "removal index {index} out of bounds ({n})");
                let attr = items[index];
                items.copy_within(index + 1..n, index);
                *len -= 1;
                attr
            }
            Repr::Spilled(v) => v.remove(index),
        }
    }

    /// Removes every attribute.
    pub fn clear(&mut self) {
        match &mut self.0 {
            Repr::Inline { len, .. } => *len = 0,
            Repr::Spilled(_) => *self = Attrs::new(),
        }
    }
}

impl Default for Attrs {
    fn default() -> Self {
        Attrs::new()
    }
}

impl Deref for Attrs {
    type Target = [Attr];

    fn deref(&self) -> &[Attr] {
        self.as_slice()
    }
}

impl DerefMut for Attrs {
    fn deref_mut(&mut self) -> &mut [Attr] {
        self.as_mut_slice()
    }
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl From<Vec<Attr>> for Attrs {
    fn from(v: Vec<Attr>) -> Self {
        v.into_iter().collect()
    }
}

impl FromIterator<Attr> for Attrs {
    fn from_iter<I: IntoIterator<Item = Attr>>(iter: I) -> Self {
        let mut attrs = Attrs::new();
        for attr in iter {
            attrs.push(attr);
        }
        attrs
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = &'a Attr;
    type IntoIter = std::slice::Iter<'a, Attr>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::num::NonZeroU32;

    fn attr(i: u32) -> Attr {
        Attr {
            name: Name::UNUSED,
            value: ObjId::new(i, NonZeroU32::MIN),
        }
    }

    fn values(attrs: &Attrs) -> Vec<u32> {
        attrs.iter().map(|a| a.value.index()).collect()
    }

    /// Each edit, applied to `Attrs` and to a `Vec`, leaves the same attributes in the same
    /// order, across the move from inline places to a separate allocation and back.
    #[test]
    fn edits_agree_with_a_vec() {
        enum Edit {
            Insert(usize, u32),
            Remove(usize),
            Clear,
        }
        use Edit::*;
        let edits = [
            Insert(0, 1),
            Insert(0, 2),
            Remove(1),
            Insert(1, 3),
            Insert(1, 4),
            Insert(3, 5),
            Remove(0),
            Remove(2),
            Clear,
            Insert(0, 6),
            Insert(1, 7),
            Remove(0),
            Remove(0),
        ];
        let mut attrs = Attrs::new();
        let mut expected = Vec::new();
        for edit in edits {
            match edit {
                Insert(i, v) => {
                    attrs.insert(i, attr(v));
                    expected.insert(i, attr(v));
                }
                Remove(i) => assert_eq!(attrs.remove(i), expected.remove(i)),
                Clear => {
                    attrs.clear();
                    expected.clear();
                }
            }
            assert_eq!(attrs.as_slice(), expected.as_slice());
            assert_eq!(attrs, Attrs::from(expected.clone()));
        }
        assert!(attrs.is_empty());
        attrs.push(attr(8));
        attrs[0].value = ObjId::new(9, NonZeroU32::MIN);
        assert_eq!(values(&attrs), [9]);
        assert_eq!(format!("{attrs:?}"), format!("{:?}", vec![attrs[0]]));
    }
}
