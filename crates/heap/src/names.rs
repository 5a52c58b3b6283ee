//! Interned names (attribute names, class names).

use std::rc::Rc;

use crate::fasthash::FastMap;

/// An interned name: cheap to copy and compare.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(u32);

/// The table of interned names.
#[derive(Clone, Debug, Default)]
pub struct Names {
    text: Vec<Rc<str>>,
    index: FastMap<Rc<str>, Name>,
}

impl Name {
    /// A name that stands for none, where one must be stored.
    pub(crate) const UNUSED: Name = Name(0);

    /// The name's number: names are numbered from 0 in the order they were interned (for
    /// tables indexed by name).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl Names {
    /// The name for `text`, interning it on first use.
    pub fn intern(&mut self, text: &str) -> Name {
        if let Some(&name) = self.index.get(text) {
            return name;
        }
        let name = Name(self.text.len() as u32);
        let shared: Rc<str> = Rc::from(text);
        self.text.push(shared.clone());
        self.index.insert(shared, name);
        name
    }

    /// The name for `text` if it was ever interned.
    pub fn lookup(&self, text: &str) -> Option<Name> {
        self.index.get(text).copied()
    }

    /// The text of a name.
    pub fn text(&self, name: Name) -> &str {
        &self.text[name.0 as usize]
    }

    /// The text of a name, shared (no copy is made).
    pub fn shared_text(&self, name: Name) -> Rc<str> {
        self.text[name.0 as usize].clone()
    }
}
