//! CPython's trashcan postpones deallocations nested more than 50 deep, which changes the
//! order in which a deep structure's `__del__` methods run. The same structures are freed
//! under python3 (live) and on the heap, and the orders must agree.

use std::process::Command;

use weaklink_heap::*;

/// The Python side: `Fin(i).__del__` prints `i`; each case frees one structure.
const PYTHON: &str = r#"
import gc
gc.disable()
class Fin:
    def __init__(self, i): self.i = i
    def __del__(self): print(self.i, end=' ')
head = None
for i in range(200):
    head = [Fin(i), head]
del head
print()
def tree(d, c=[0]):
    if d == 0: return None
    c[0] += 1
    n = c[0]
    return [Fin(n), tree(d-1), tree(d-1)]
t = tree(7)
del t
print()
"#;

struct World {
    heap: Heap,
    fin: ObjId,
    none: ObjId,
    i: Name,
}

impl World {
    fn new() -> Self {
        let mut heap = Heap::default();
        heap.gc_mut().enabled = false;
        let fin = heap.new_class("Fin", true);
        let none = heap.alloc_static(Body::None);
        let i = heap.names.intern("i");
        World { heap, fin, none, i }
    }

    /// `[Fin(n), *rest]`, returning a new reference; `rest` references are handed over.
    fn node(&mut self, n: i64, rest: Vec<ObjId>) -> ObjId {
        let obj = self.heap.alloc(Body::Instance(Instance::of(self.fin)));
        let value = self.heap.alloc(Body::Int(n));
        self.heap.set_attr(obj, self.i, value);
        self.heap.decref(value, Cause::StackPop);
        let mut items = vec![obj];
        items.extend(rest);
        self.heap.alloc_owning(Body::list_of(items))
    }

    fn free(&mut self, root: ObjId) -> String {
        let mut out = String::new();
        let i = self.i;
        self.heap.decref(root, Cause::NameUnbound);
        self.heap.drive(&mut |h, action| {
            if let Action::Finalize { obj } = action {
                match h.attr(obj, i).map(|v| h.body(v)) {
                    Some(Body::Int(n)) => out.push_str(&format!("{n} ")),
                    other => panic!("no i: {other:?}"),
                }
            }
        });
        self.heap.check(&[self.fin, self.none]).unwrap();
        out
    }

    fn tree(&mut self, depth: u32, counter: &mut i64) -> ObjId {
        if depth == 0 {
            self.heap.incref(self.none, Cause::StackPush);
            return self.none;
        }
        *counter += 1;
        let n = *counter;
        let left = self.tree(depth - 1, counter);
        let right = self.tree(depth - 1, counter);
        self.node(n, vec![left, right])
    }
}

#[test]
fn deep_structures_free_in_cpythons_order() {
    let output = Command::new("python3")
        .arg("-c")
        .arg(PYTHON)
        .output()
        .unwrap();
    assert!(output.status.success(), "python3 failed");
    let expected = String::from_utf8(output.stdout).unwrap();

    let mut world = World::new();
    let mut head = world.none;
    world.heap.incref(head, Cause::NameBound);
    for i in 0..200 {
        head = world.node(i, vec![head]);
    }
    let mut got = world.free(head);
    got.push('\n');
    let tree = world.tree(7, &mut 0);
    got.push_str(&world.free(tree));
    got.push('\n');
    assert_eq!(got, expected);
}
