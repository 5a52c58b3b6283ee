//! What an exercise page remembers in the browser's `localStorage`: the learner's code (per
//! exercise version, so a changed starter does not meet stale work), how many hints are
//! shown, and whether the exercise was solved.

/// The storage key of the learner's code for an exercise version.
pub fn code_key(name: &str, version: u32) -> String {
    format!("weaklink/exercise/{name}/v{version}/code")
}

/// The storage key of the number of hints shown for an exercise version.
pub fn hints_key(name: &str, version: u32) -> String {
    format!("weaklink/exercise/{name}/v{version}/hints")
}

/// The storage key of the mark that an exercise was solved (any version).
pub fn solved_key(name: &str) -> String {
    format!("weaklink/exercise/{name}/solved")
}

/// A key-value store: the browser's `localStorage`, or a map in tests.
pub trait Store {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key` (silently does nothing if the browser refuses).
    fn set(&self, key: &str, value: &str);
    /// Removes `key`.
    fn remove(&self, key: &str);
}

/// What an exercise page starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The learner's code: what they last typed, or the starter.
    pub code: String,
    /// Hints shown so far.
    pub hints: usize,
    /// Solved before.
    pub solved: bool,
}

/// Reads what was saved for this exercise version (the starter when nothing was).
pub fn restore(
    store: &dyn Store,
    name: &str,
    version: u32,
    starter: &str,
    hint_count: usize,
) -> Saved {
    Saved {
        code: store
            .get(&code_key(name, version))
            .unwrap_or_else(|| starter.to_string()),
        hints: store
            .get(&hints_key(name, version))
            .and_then(|h| h.parse().ok())
            .unwrap_or(0usize)
            .min(hint_count),
        solved: store.get(&solved_key(name)).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use super::*;

    #[derive(Default)]
    struct Map(RefCell<HashMap<String, String>>);

    impl Store for Map {
        fn get(&self, key: &str) -> Option<String> {
            self.0.borrow().get(key).cloned()
        }
        fn set(&self, key: &str, value: &str) {
            self.0.borrow_mut().insert(key.into(), value.into());
        }
        fn remove(&self, key: &str) {
            self.0.borrow_mut().remove(key);
        }
    }

    #[test]
    fn saved_work_is_kept_per_version() {
        let store = Map::default();
        let fresh = restore(&store, "weak-cache", 1, "starter", 3);
        assert_eq!(
            fresh,
            Saved {
                code: "starter".into(),
                hints: 0,
                solved: false
            }
        );
        store.set(&code_key("weak-cache", 1), "mine");
        store.set(&hints_key("weak-cache", 1), "7");
        store.set(&solved_key("weak-cache"), "1");
        let back = restore(&store, "weak-cache", 1, "starter", 3);
        assert_eq!(
            back,
            Saved {
                code: "mine".into(),
                hints: 3,
                solved: true
            }
        );
        // A new version of the exercise starts from its new starter, keeping the solved mark.
        let next = restore(&store, "weak-cache", 2, "new starter", 3);
        assert_eq!(
            (next.code.as_str(), next.hints, next.solved),
            ("new starter", 0, true)
        );
        // Another exercise shares nothing.
        assert!(!restore(&store, "other", 1, "", 0).solved);
    }

    #[test]
    fn keys() {
        assert_eq!(code_key("a", 2), "weaklink/exercise/a/v2/code");
        assert_eq!(hints_key("a", 2), "weaklink/exercise/a/v2/hints");
        assert_eq!(solved_key("a"), "weaklink/exercise/a/solved");
    }
}
