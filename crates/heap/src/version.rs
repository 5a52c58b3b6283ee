//! Which CPython's rules the heap follows.

/// The CPython version whose memory-management rules the heap simulates.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum PythonVersion {
    /// Before PEP 442: a cycle holding an object with `__del__` is never freed; the collector
    /// puts such objects in `gc.garbage`. Refcount death clears weak references before `__del__`.
    V3_3,
    /// CPython 3.11, the default: PEP 442 finalizers, static objects with high counts.
    #[default]
    V3_11,
    /// CPython 3.12: `None`, `True`, `False` and small ints are immortal.
    V3_12,
}

/// The count CPython 3.11 gives static objects (`None`, small ints...) before any reference.
pub const STATIC_BASE: i64 = 999_999_999;

/// What `sys.getrefcount` reports for an immortal object in CPython 3.12 (64-bit).
pub const IMMORTAL_REFCOUNT: i64 = 4_294_967_295;

impl PythonVersion {
    /// Parses "3.3", "3.11" or "3.12".
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "3.3" => Some(PythonVersion::V3_3),
            "3.11" => Some(PythonVersion::V3_11),
            "3.12" => Some(PythonVersion::V3_12),
            _ => None,
        }
    }

    /// `sys.version_info[:2]`.
    pub fn major_minor(self) -> (u32, u32) {
        match self {
            PythonVersion::V3_3 => (3, 3),
            PythonVersion::V3_11 => (3, 11),
            PythonVersion::V3_12 => (3, 12),
        }
    }

    /// `__del__` is a PEP 442 finalizer (3.4 and later) rather than a legacy one.
    pub fn has_pep442(self) -> bool {
        self != PythonVersion::V3_3
    }

    /// Static objects are immortal (3.12 and later).
    pub fn has_immortals(self) -> bool {
        self == PythonVersion::V3_12
    }
}
