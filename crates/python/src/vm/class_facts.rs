//! Facts about a class that never change once it exists (defined in Python or built in,
//! the layout of its instances, whether they have a `__dict__`), kept in a small table so
//! the hottest paths (attribute stores, instantiation, operators) need not look the class
//! up in the VM's map of class information.

use std::cell::Cell;
use std::hash::{Hash, Hasher};

use weaklink_heap::{Body, FastHasher, Kind, ObjId};

use super::types::Layout;
use super::Vm;

/// Entries of the table (a power of two); each class has one place.
const ENTRIES: usize = 256;

/// What the table tells about a class.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) struct ClassFacts {
    /// Defined in Python (a heap type).
    pub user: bool,
    /// The built-in layout its instances extend.
    pub layout: Layout,
    /// Its instances have a `__dict__`.
    pub instance_dict: bool,
}

/// One place of the table: a class and its facts.
type Place = Cell<Option<(ObjId, ClassFacts)>>;

/// The table: for each place, the class whose facts it holds.
#[derive(Debug)]
pub(crate) struct ClassFactsCache {
    entries: Box<[Place]>,
}

impl Default for ClassFactsCache {
    fn default() -> Self {
        ClassFactsCache {
            entries: vec![Cell::new(None); ENTRIES].into_boxed_slice(),
        }
    }
}

impl Vm {
    /// The facts about `class` (a class object).
    #[inline]
    pub(crate) fn class_facts(&self, class: ObjId) -> ClassFacts {
        let mut hasher = FastHasher::default();
        class.hash(&mut hasher);
        let place = (hasher.finish() >> (u64::BITS - ENTRIES.trailing_zeros())) as usize;
        let cell = &self.class_facts.entries[place];
        match cell.get() {
            Some((c, facts)) if c == class => facts,
            _ => self.class_facts_uncached(class, cell),
        }
    }

    /// Works the facts out, and keeps them once the class is fully made (known to the VM).
    fn class_facts_uncached(&self, class: ObjId, cell: &Place) -> ClassFacts {
        let Some(info) = self.classes.get(&class) else {
            return ClassFacts {
                user: false,
                layout: Layout::Object,
                instance_dict: false,
            };
        };
        let instance_dict = match self.heap.body(class) {
            Body::Class(c) => c.has_dict && info.layout != Layout::Builtin(Kind::Other),
            _ => false,
        };
        let facts = ClassFacts {
            user: info.user,
            layout: info.layout,
            instance_dict,
        };
        cell.set(Some((class, facts)));
        facts
    }

    /// Whether `class` was defined in Python.
    #[inline]
    pub(crate) fn is_user_class(&self, class: ObjId) -> bool {
        self.class_facts(class).user
    }
}
