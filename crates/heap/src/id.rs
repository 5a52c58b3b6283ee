//! Object handles.

use std::fmt;
use std::num::NonZeroU32;

/// A handle to an object on the simulated heap.
///
/// Handles are small and copyable. Each carries the generation of its slot: when an object is
/// freed its slot's generation moves on, so a handle kept past the object's death is detected as
/// stale instead of silently naming whatever object reuses the slot.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjId {
    index: u32,
    generation: NonZeroU32,
}

impl ObjId {
    /// A handle that stands for none, where one must be stored.
    pub(crate) const UNUSED: ObjId = ObjId {
        index: 0,
        generation: NonZeroU32::MIN,
    };

    pub(crate) fn new(index: u32, generation: NonZeroU32) -> Self {
        ObjId { index, generation }
    }

    /// The slot number, stable for the object's life; the viewer shows it as `#n`.
    pub fn index(self) -> u32 {
        self.index
    }

    /// How many objects lived in this slot before this one.
    pub fn generation(self) -> u32 {
        self.generation.get()
    }
}

impl fmt::Debug for ObjId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.generation.get() == 1 {
            write!(f, "#{}", self.index)
        } else {
            write!(f, "#{}'{}", self.index, self.generation)
        }
    }
}

impl fmt::Display for ObjId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}
