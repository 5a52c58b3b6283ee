//! Programs about WeakValueDictionary and KeyedRef, run under stock CPython and under the prelude.

/// (name, program): each program's output under the prelude must equal stock CPython's.
pub const CASES: &[(&str, &str)] = &[
    (
        "wvd_structure",
        r#"# A WeakValueDictionary owns a callback, a list, a set and a dict of KeyedRef objects.
import gc, sys, weakref

class Item:
    pass

d = weakref.WeakValueDictionary()
print("referents:", [type(x).__name__ for x in gc.get_referents(d) if x is not type(d)])
print("attributes in order:", list(vars(d)))
a = Item()
d["a"] = a
wr = d.data["a"]
print("stored:", type(wr).__name__, wr.key, wr() is a, wr.__callback__ is d._remove)
print("KeyedRef is a ref:", isinstance(wr, weakref.ref), type(wr).__mro__[1:] == (weakref.ref, object))
print("remove's defaults:", [type(x).__name__ for x in d._remove.__defaults__], d._remove.__closure__)
print("the default is the basic ref:", d._remove.__defaults__[0] is weakref.ref(d))
print("weakrefs to d:", weakref.getweakrefcount(d), "to a:", weakref.getweakrefcount(a))
print("tracked:", gc.is_tracked(d), gc.is_tracked(d.data), gc.is_tracked(d._pending_removals))
"#,
    ),
    (
        "wvd_refcounts",
        r#"# Values are held weakly, keys strongly (by the dict and by the KeyedRef's key slot).
import sys, weakref

class Item:
    pass

class Key:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        return self is other

k = Key()
v = Item()
print("before:", sys.getrefcount(k), sys.getrefcount(v))
d = weakref.WeakValueDictionary()
d[k] = v
print("after d[k] = v:", sys.getrefcount(k), sys.getrefcount(v))
print("d itself:", sys.getrefcount(d))
got = d[k]
print("after reading:", sys.getrefcount(v))
del got
del v
print("value gone, key released:", sys.getrefcount(k), len(d))
"#,
    ),
    (
        "wvd_value_dies",
        r#"# An entry disappears with its value, whether it dies by refcount or in the collector.
import gc, weakref

class Item:
    def __init__(self, name):
        self.name = name

d = weakref.WeakValueDictionary()
a, b = Item("a"), Item("b")
d["a"] = a
d["b"] = b
print(sorted(d.keys()), len(d))
del a
print("after del a:", sorted(d.keys()), len(d), "a" in d)
b.me = b
del b
print("b in a cycle:", len(d), "b" in d)
print("collected:", gc.collect())
print("after collect:", len(d), list(d.items()))
"#,
    ),
    (
        "wvd_methods",
        r#"# The mapping methods of WeakValueDictionary.
import weakref

class Item:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "Item(" + self.name + ")"

x, y, z = Item("x"), Item("y"), Item("z")
d = weakref.WeakValueDictionary({"x": x}, y=y)
print(sorted(d.items(), key=lambda kv: kv[0]))
print(d.get("x"), d.get("nope"), d.get("nope", 0))
print(d.setdefault("z", z), d.setdefault("z", x))
print(d.pop("y"), d.pop("y", "absent"))
try:
    d.pop("y")
except KeyError as e:
    print("KeyError", e)
try:
    d["nothing"]
except KeyError as e:
    print("KeyError", e)
del d["z"]
print(list(d), list(d.values()), "x" in d, "z" in d)
d.update([("y", y)])
d.update({"z": z}, w=x)
print(sorted(d.keys()), len(d))
print(d.popitem())
print(sorted(k for k in d))
c = d.copy()
print(type(c).__name__, sorted(c.items(), key=lambda kv: kv[0]))
print(d == c, d == dict(c.items()), d != {}, d == 3)
d.clear()
print(len(d), list(d.items()), len(c))
"#,
    ),
    (
        "wvd_valuerefs",
        r#"# valuerefs() lists the KeyedRef objects; itervaluerefs() yields them.
import weakref

class Item:
    pass

a, b = Item(), Item()
d = weakref.WeakValueDictionary(a=a, b=b)
refs = d.valuerefs()
print(type(refs).__name__, [type(r).__name__ for r in refs], sorted(r.key for r in refs))
print([r() is a for r in d.itervaluerefs()])
it = d.itervaluerefs()
print(type(it).__name__, next(it).key)
del a
print("dead ref still listed by refs:", [r() is None for r in refs])
del it
print(len(d), list(d))
"#,
    ),
    (
        "wvd_replace_value",
        r#"# Replacing a value: a dead KeyedRef removes its key only if the key still holds that dead ref.
import weakref

class Item:
    def __init__(self, n):
        self.n = n

d = weakref.WeakValueDictionary()
a, b = Item(1), Item(2)
d["k"] = a
old = d.data["k"]
d["k"] = b
del a
print("old ref died, key kept:", len(d), d["k"].n, old())
d["j"] = Item(3)
print("temporary value gone at once:", "j" in d, len(d))
print(type(d.items()).__name__, type(d.keys()).__name__, type(d.values()).__name__, type(iter(d)).__name__)
items = [Item(i) for i in range(3)]
for i in range(3):
    d[i] = items[i]
g = d.items()
next(g)
items.pop()
d[2] = b
print("setitem applied the queue first:", d._pending_removals)
del g
print("queued removal skipped the live entry:", d[2].n, sorted(k for k in d if k != "k"))
"#,
    ),
    (
        "wvd_pending_removals",
        r#"# While a generator is iterating, dead entries are queued in _pending_removals.
import weakref

class Item:
    pass

items = [Item() for i in range(3)]
d = weakref.WeakValueDictionary()
for i, it in enumerate(items):
    d[i] = it
del it
g = d.keys()
print("first key:", next(g))
print("iterating:", len(d._iterating))
items.pop()
print("pending:", d._pending_removals, len(d.data))
rest = list(g)
print("rest:", rest)
print("after the generator ends:", d._pending_removals, len(d.data), len(d._iterating))
"#,
    ),
    (
        "wvd_len_commits",
        r#"# len() applies queued removals at once, even while a generator is suspended.
import weakref

class Item:
    pass

items = [Item() for i in range(3)]
d = weakref.WeakValueDictionary((i, it) for i, it in enumerate(items))
g = d.items()
k, v = next(g)
print("first:", k, v is items[0])
del v
items.pop()
print("pending:", d._pending_removals)
print("len:", len(d), d._pending_removals)
try:
    print(list(g))
except RuntimeError as e:
    print("RuntimeError:", e)
"#,
    ),
    (
        "wvd_unfinished_generator",
        r#"# Dropping an unfinished generator closes it: its guard leaves and the removals happen.
import gc, weakref

class Item:
    pass

items = [Item() for i in range(3)]
d = weakref.WeakValueDictionary()
for i in range(3):
    d[i] = items[i]
g = d.values()
first = next(g)
items.clear()
print("pending:", sorted(d._pending_removals), "iterating:", len(d._iterating))
del first
print("pending:", sorted(d._pending_removals))
del g
print("after del g:", d._pending_removals, len(d.data), len(d._iterating))
"#,
    ),
    (
        "wvd_cycle_collect",
        r#"# A WeakValueDictionary reachable only from a cycle is collected with everything it owns.
import gc, weakref

class Node:
    pass

gc.disable()
gc.collect()
a, b = Node(), Node()
a.peer, b.peer = b, a
a.registry = weakref.WeakValueDictionary()
a.registry["a"] = a
a.registry["b"] = b
del a, b
print("collected:", gc.collect())
c = Node()
c.registry = weakref.WeakValueDictionary()
c.registry["c"] = c
c.other = Node()
c.registry["other"] = c.other
del c
print("no cycle, nothing for the collector:", gc.collect())
d = weakref.WeakValueDictionary()
e = Node()
e.me = e
d["e"] = e
del e
print("value in a cycle:", gc.collect(), len(d))
"#,
    ),
    (
        "wvd_callback_order",
        r#"# The dictionary's callback runs in the order of weakref callbacks: newest first.
import weakref

class Item:
    pass

d = weakref.WeakValueDictionary()
x = Item()
r1 = weakref.ref(x, lambda r: print("r1 sees", len(d)))
d["x"] = x
r2 = weakref.ref(x, lambda r: print("r2 sees", len(d)))
del x
print("done", len(d))
y = Item()
d["y"] = y
r3 = weakref.ref(y, lambda r: print("r3 sees", len(d)))
del y
"#,
    ),
    (
        "wvd_subclass",
        r#"# A subclass keeps the base's attributes first; copy() returns a plain WeakValueDictionary.
import gc, weakref

class Cache(weakref.WeakValueDictionary):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.hits = 0

    def __getitem__(self, key):
        self.hits += 1
        return super().__getitem__(key)

class Item:
    pass

c = Cache("cache")
print(list(vars(c)))
x = Item()
c["x"] = x
print(c["x"] is x, c.hits, c.get("x") is x, c.hits)
print(type(c.copy()).__name__, type(c | {}).__name__)
print(repr(c).startswith("<Cache at 0x"))
"#,
    ),
    (
        "wvd_or_operators",
        r#"# |, |= and the reflected | of the weak mappings.
import weakref

class Item:
    def __init__(self, n):
        self.n = n

a, b, c = Item(1), Item(2), Item(3)
d = weakref.WeakValueDictionary(a=a)
e = d | {"b": b}
print(type(e).__name__, sorted(e), sorted(d))
f = {"c": c} | d
print(type(f).__name__, sorted(f))
d |= {"c": c}
print(sorted(d))
try:
    d | 3
except TypeError as ex:
    print("TypeError:", ex)
k = weakref.WeakKeyDictionary({a: 1})
k2 = k | {b: 2}
print(type(k2).__name__, sorted(x.n for x in k2))
k3 = {c: 3} | k
print(type(k3).__name__, sorted(x.n for x in k3))
k |= {b: 5}
print(sorted((x.n, v) for x, v in k.items()))
"#,
    ),
    (
        "wvd_errors",
        r#"# Unhashable, not reversible, and values that cannot be weakly referenced.
import weakref

d = weakref.WeakValueDictionary()
for f in (lambda: hash(d), lambda: reversed(d), lambda: d.__setitem__("k", 1),
          lambda: d.__setitem__("k", [])):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
k = weakref.WeakKeyDictionary()
for f in (lambda: hash(k), lambda: reversed(k), lambda: k.__setitem__(1, 1),
          lambda: k.__getitem__("s")):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
print(1 in k, [] in k, "s" in k)
print(repr(d).startswith("<WeakValueDictionary at 0x"), repr(k).startswith("<WeakKeyDictionary at 0x"))
print(repr(d)[-1], repr(d).count(" "))
"#,
    ),
    (
        "keyedref_direct",
        r#"# KeyedRef can be used on its own: the callback receives the KeyedRef with its key.
import sys, weakref

class Item:
    pass

x = Item()
key = "the key"
before = sys.getrefcount(key)
r = weakref.KeyedRef(x, lambda wr: print("dead:", wr.key, wr()), key)
print(r.key, r() is x, r.__slots__, hasattr(r, "__dict__"))
print("the KeyedRef holds its key:", sys.getrefcount(key) - before)
print(type(r).__name__, weakref.getweakrefcount(x))
try:
    r.other = 1
except AttributeError as e:
    print("AttributeError:", e)
del x
print("after:", r())
"#,
    ),
];
