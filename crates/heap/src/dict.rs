//! The storage of a `dict`: entries in insertion order, sized as CPython 3.11 sizes them.
//!
//! The heap stores keys and values and finds candidate entries by hash; deciding whether two
//! keys are equal may run Python (`__eq__`), so that is the language's job.
//!
//! A dict can be *watched* (CPython 3.12's dict watchers): every change to a watched dict
//! moves a counter, [`watched_writes`], so a cache built from watched dicts (the VM's method
//! cache over class namespaces) knows when to forget what it found.

use std::cell::Cell;

use crate::heap::Heap;
use crate::id::ObjId;

thread_local! {
    /// Changes made to watched dicts on this thread (each heap lives on one thread).
    static WATCHED_WRITES: Cell<u64> = const { Cell::new(0) };
}

/// How many times a watched dict has changed on this thread: equal readings mean no
/// watched dict changed in between.
pub fn watched_writes() -> u64 {
    WATCHED_WRITES.with(Cell::get)
}

/// Moves [`watched_writes`] on.
fn note_watched_write() {
    WATCHED_WRITES.with(|w| w.set(w.get() + 1));
}

/// One key/value pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DictEntry {
    /// The key's hash.
    pub hash: i64,
    /// The key, a strong reference.
    pub key: ObjId,
    /// The value, a strong reference.
    pub value: ObjId,
}

/// A `dict`'s entries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict {
    entries: Vec<Option<DictEntry>>,
    used: usize,
    log2_size: u8,
    unicode_keys: bool,
    /// CPython's index table: for each of the `1 << log2_size` slots, the position of an
    /// entry or [`EMPTY`]; probed as `dictobject.c` probes it. A removed entry leaves its
    /// slot pointing at an empty position, which lookups step over (CPython's dummy).
    indices: Vec<u32>,
    shared: Option<SharedKeysRef>,
    /// Changes are counted in [`watched_writes`].
    watched: bool,
    /// Moves on whenever a key is added or removed or entries move (CPython's
    /// `dk_version`): a key found at a position stays there while this is unchanged.
    keys_version: u64,
}

/// A dict sharing a class's keys: the class and the length of its values array.
#[derive(Clone, Copy, Debug, PartialEq)]
struct SharedKeysRef {
    class: ObjId,
    values_len: usize,
}

/// An index slot that has never held an entry.
const EMPTY: u32 = u32::MAX;

/// The slots `hash` probes in a table of `mask + 1` slots, in CPython's order.
struct Probe {
    slot: usize,
    perturb: u64,
    mask: usize,
}

impl Probe {
    fn new(hash: i64, mask: usize) -> Probe {
        Probe {
            slot: (hash as u64 as usize) & mask,
            perturb: hash as u64,
            mask,
        }
    }

    fn advance(&mut self) {
        self.perturb >>= 5;
        self.slot = (self.slot.wrapping_mul(5))
            .wrapping_add(self.perturb as usize)
            .wrapping_add(1)
            & self.mask;
    }
}

/// The live entries whose key has one hash, found through the index table.
pub struct WithHash<'a> {
    dict: &'a Dict,
    hash: i64,
    probe: Option<Probe>,
}

impl<'a> Iterator for WithHash<'a> {
    type Item = (usize, &'a DictEntry);

    fn next(&mut self) -> Option<Self::Item> {
        let probe = self.probe.as_mut()?;
        loop {
            let pos = self.dict.indices[probe.slot];
            if pos == EMPTY {
                self.probe = None;
                return None;
            }
            probe.advance();
            if let Some(e) = &self.dict.entries[pos as usize] {
                if e.hash == self.hash {
                    return Some((pos as usize, e));
                }
            }
        }
    }
}

/// CPython's smallest table: 8 slots.
const LOG2_MIN_SIZE: u8 = 3;

fn log2_size_for(min_size: usize) -> u8 {
    let m = (min_size | 8) - 1;
    (usize::BITS - (m | 7).leading_zeros()) as u8
}

fn usable(log2_size: u8) -> usize {
    if log2_size == 0 {
        0
    } else {
        (2usize << log2_size) / 3
    }
}

impl Dict {
    /// An empty dict (sharing CPython's empty keys table: no table yet).
    pub fn new() -> Self {
        Dict::default()
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the dict holds no entries.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &DictEntry> {
        self.entries.iter().flatten()
    }

    /// Live entries whose key has this hash, with their positions.
    pub fn with_hash(&self, hash: i64) -> WithHash<'_> {
        let probe = (!self.indices.is_empty()).then(|| Probe::new(hash, self.indices.len() - 1));
        WithHash {
            dict: self,
            hash,
            probe,
        }
    }

    /// The entry at a position returned by [`Dict::with_hash`].
    pub fn entry(&self, pos: usize) -> Option<&DictEntry> {
        self.entries.get(pos).and_then(Option::as_ref)
    }

    /// Whether every key so far is a `str` (CPython then stores a compact table and the
    /// collector visits only the values).
    pub fn has_str_keys_only(&self) -> bool {
        self.unicode_keys || self.log2_size == 0
    }

    /// Whether the dict shares a class's keys (an instance's `__dict__`, a split table).
    pub fn is_split(&self) -> bool {
        self.shared.is_some()
    }

    /// The class whose keys a split dict shares.
    pub(crate) fn shared_keys_class(&self) -> Option<ObjId> {
        self.shared.map(|s| s.class)
    }

    /// Makes the dict share `class`'s keys, with a values array of `values_len`.
    pub(crate) fn share_keys(&mut self, class: ObjId, values_len: usize) {
        self.unicode_keys = true;
        self.shared = Some(SharedKeysRef { class, values_len });
    }

    /// Makes a split dict an ordinary one, as CPython's `insertion_resize` does.
    pub(crate) fn unshare_keys(&mut self) {
        if self.shared.take().is_some() {
            self.resize(log2_size_for(self.used * 3), true);
        }
    }

    /// Appends a new entry; the caller has checked the key is absent and owns the references.
    pub(crate) fn push(&mut self, entry: DictEntry, key_is_str: bool) {
        self.changing();
        self.keys_changed();
        if self.log2_size == 0 {
            self.resize(LOG2_MIN_SIZE, key_is_str);
        } else if self.unicode_keys && !key_is_str {
            self.resize(log2_size_for(self.used * 3), false);
        }
        if self.entries.len() >= usable(self.log2_size) {
            self.resize(log2_size_for(self.used * 3), self.unicode_keys);
        }
        let pos = self.entries.len() as u32;
        self.index(entry.hash, pos);
        self.entries.push(Some(entry));
        self.used += 1;
    }

    /// Replaces the value at `pos`, returning the old one.
    pub(crate) fn replace_value(&mut self, pos: usize, value: ObjId) -> ObjId {
        self.changing();
        let entry = self.entries[pos].as_mut().expect("live dict entry");
        std::mem::replace(&mut entry.value, value)
    }

    /// Removes the entry at `pos`, leaving a dummy as CPython does.
    pub(crate) fn remove(&mut self, pos: usize) -> DictEntry {
        self.changing();
        self.keys_changed();
        let entry = self.entries[pos].take().expect("live dict entry");
        self.used -= 1;
        entry
    }

    /// Empties the dict, returning the entries in order.
    pub(crate) fn take_all(&mut self) -> Vec<DictEntry> {
        self.changing();
        let entries = std::mem::take(&mut self.entries);
        *self = Dict {
            watched: self.watched,
            keys_version: self.keys_version.wrapping_add(1),
            ..Dict::new()
        };
        entries.into_iter().flatten().collect()
    }

    /// Whether changes to this dict are counted in [`watched_writes`].
    pub fn is_watched(&self) -> bool {
        self.watched
    }

    /// The version of the keys' positions: while it is unchanged, a key found at a position
    /// (or found missing) is still there (or still missing).
    pub fn keys_version(&self) -> u64 {
        self.keys_version
    }

    fn keys_changed(&mut self) {
        self.keys_version = self.keys_version.wrapping_add(1);
    }

    /// Notes a change about to be made.
    #[inline]
    fn changing(&self) {
        if self.watched {
            note_watched_write();
        }
    }

    fn resize(&mut self, log2_size: u8, unicode_keys: bool) {
        self.keys_changed();
        let live: Vec<DictEntry> = std::mem::take(&mut self.entries)
            .into_iter()
            .flatten()
            .collect();
        self.log2_size = log2_size.max(LOG2_MIN_SIZE);
        self.unicode_keys = unicode_keys;
        self.indices = vec![EMPTY; 1 << self.log2_size];
        for (pos, e) in live.iter().enumerate() {
            self.index(e.hash, pos as u32);
        }
        self.entries = live.into_iter().map(Some).collect();
    }

    /// Puts entry position `pos` in the first empty slot `hash` probes.
    fn index(&mut self, hash: i64, pos: u32) {
        let mut probe = Probe::new(hash, self.indices.len() - 1);
        while self.indices[probe.slot] != EMPTY {
            probe.advance();
        }
        self.indices[probe.slot] = pos;
    }

    /// Visits values (and keys, unless all keys are `str`) as CPython's `dict_traverse` does.
    pub(crate) fn traverse(&self, visit: &mut impl FnMut(ObjId)) {
        let values_only = self.has_str_keys_only();
        for e in self.iter() {
            visit(e.value);
            if !values_only {
                visit(e.key);
            }
        }
    }

    /// `sys.getsizeof` of a dict with this table.
    pub fn size_bytes(&self) -> usize {
        if let Some(shared) = self.shared {
            return 64 + 8 * shared.values_len;
        }
        if self.log2_size == 0 {
            return 64;
        }
        let slots = 1usize << self.log2_size;
        let index_bytes = match slots {
            0..=128 => 1,
            129..=65_536 => 2,
            _ => 4,
        };
        let entry_bytes = if self.unicode_keys { 16 } else { 24 };
        64 + 32 + slots * index_bytes + usable(self.log2_size) * entry_bytes
    }
}

impl Heap {
    /// Counts every later change to `dict` (a dict or dict subclass instance) in
    /// [`watched_writes`]. Watching also counts as a change, so a cache read before the
    /// dict was watched is not trusted after.
    pub fn watch_dict(&mut self, dict: ObjId) {
        if let Some(d) = self.dict_body_mut(dict) {
            d.watched = true;
            note_watched_write();
        }
    }

    fn dict_body_mut(&mut self, dict: ObjId) -> Option<&mut Dict> {
        match &mut self.slot_mut(dict).body {
            crate::body::Body::Dict(d) => Some(d),
            crate::body::Body::Instance(inst) => match inst.base.as_deref_mut() {
                Some(crate::body::Body::Dict(d)) => Some(d),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each change to a watched dict moves the counter; changes to other dicts do not.
    #[test]
    fn watched_dicts_count_their_changes() {
        fn id(n: u32) -> ObjId {
            ObjId::new(n, std::num::NonZeroU32::MIN)
        }
        fn entry(n: u32) -> DictEntry {
            DictEntry {
                hash: i64::from(n),
                key: id(n),
                value: id(0),
            }
        }
        type Change = fn(&mut Dict);
        let changes: [(&str, Change); 4] = [
            ("push", |d| d.push(entry(9), true)),
            ("replace", |d| {
                d.replace_value(0, id(5));
            }),
            ("remove", |d| {
                d.remove(1);
            }),
            ("take_all", |d| {
                d.take_all();
            }),
        ];
        for watched in [false, true] {
            for (name, change) in changes {
                let mut d = Dict {
                    watched,
                    ..Dict::new()
                };
                d.push(entry(1), true);
                d.push(entry(2), true);
                let before = watched_writes();
                change(&mut d);
                let moved = watched_writes() - before;
                assert_eq!(moved, u64::from(watched), "{name}, watched={watched}");
                assert_eq!(d.is_watched(), watched, "{name} keeps the flag");
            }
        }
    }

    /// `sys.getsizeof` of a dict after each of 0..20 int-key insertions, and str-key ones,
    /// as python3.11 prints them.
    #[test]
    fn sizes_follow_cpython_growth() {
        let id = |n: u32| crate::id::ObjId::new(n, std::num::NonZeroU32::MIN);
        for (str_keys, expected) in [
            (
                false,
                &[
                    64, 224, 224, 224, 224, 224, 352, 352, 352, 352, 352, 632, 632,
                ][..],
            ),
            (
                true,
                &[64, 184, 184, 184, 184, 184, 272, 272, 272, 272, 272, 464][..],
            ),
        ] {
            let mut d = Dict::new();
            for (i, &size) in expected.iter().enumerate() {
                assert_eq!(d.size_bytes(), size, "after {i} str_keys={str_keys}");
                d.push(
                    DictEntry {
                        hash: i as i64,
                        key: id(i as u32),
                        value: id(0),
                    },
                    str_keys,
                );
            }
        }
    }
}
