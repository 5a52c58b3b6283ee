//! Programs about WeakKeyDictionary and WeakSet, run under stock CPython and under the prelude.

/// (name, program): each program's output under the prelude must equal stock CPython's.
pub const CASES: &[(&str, &str)] = &[
    (
        "wkd_structure",
        r#"# A WeakKeyDictionary owns a dict keyed by weakrefs, a callback, a list, a set and a flag.
import gc, sys, weakref

class Key:
    pass

d = weakref.WeakKeyDictionary()
print("referents:", [type(x).__name__ for x in gc.get_referents(d) if x is not type(d)])
print("attributes in order:", list(vars(d)))
k = Key()
v = [1, 2]
print("before:", sys.getrefcount(k), sys.getrefcount(v))
d[k] = v
print("after d[k] = v:", sys.getrefcount(k), sys.getrefcount(v))
(wr,) = d.keyrefs()
print("stored key:", type(wr).__name__, wr() is k, wr.__callback__ is d._remove)
print("remove's defaults:", [type(x).__name__ for x in d._remove.__defaults__])
print("weakrefs to k:", weakref.getweakrefcount(k), "tracked:", gc.is_tracked(d.data))
del wr
del k
print("after del k:", len(d), sys.getrefcount(v))
"#,
    ),
    (
        "wkd_methods",
        r#"# The mapping methods of WeakKeyDictionary.
import weakref

class Key:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "Key(" + self.name + ")"

a, b, c = Key("a"), Key("b"), Key("c")
d = weakref.WeakKeyDictionary({a: 1})
d[b] = 2
print(d[a], d.get(b), d.get(c), d.get(c, "none"), a in d, c in d)
print(d.setdefault(c, 3), d.setdefault(c, 4))
print(sorted(d.values()), sorted(d.keys(), key=lambda k: k.name))
print(sorted(d.items(), key=lambda kv: kv[1]))
print(d.pop(c), d.pop(c, "gone"))
try:
    d.pop(c)
except KeyError as e:
    print("KeyError", type(e.args[0]).__name__)
try:
    d[c]
except KeyError as e:
    print("KeyError", e.args[0]() is c)
del d[b]
print(len(d), list(d), d._dirty_len)
d.update([(b, 20)])
d.update({c: 30})
print(sorted(v for v in d.values()))
k, v = d.popitem()
print(k, v, len(d))
e = d.copy()
print(type(e).__name__, sorted(e.values()), d == e, d == {a: 1}, d != e, d == [])
d.clear()
print(len(d), len(e), d._dirty_len)
"#,
    ),
    (
        "wkd_update_kwargs",
        r#"# update() with keyword arguments recurses with the kwargs dict: str keys cannot be weakly referenced.
import weakref

d = weakref.WeakKeyDictionary()
try:
    d.update(name=1)
except TypeError as e:
    print("TypeError:", e)
class S(str):
    pass
s = S("x")
d.update({s: 1})
print(len(d), d[s], S("x") in d)
"#,
    ),
    (
        "wkd_equal_keys",
        r#"# Lookups go through the weakref's equality, which compares the referents.
import weakref

class Point:
    def __init__(self, x):
        self.x = x
    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x
    def __hash__(self):
        return hash(self.x)

d = weakref.WeakKeyDictionary()
p = Point(1)
d[p] = "first"
q = Point(1)
print(q in d, d[q], d.get(Point(2)))
d[q] = "second"
print(len(d), d[p], list(d.keyrefs())[0]() is p)
del p
print("after del p:", len(d), q in d)
"#,
    ),
    (
        "wkd_value_refers_to_key",
        r#"# A value holding its key strongly keeps the entry alive: only the collector frees it.
import gc, weakref

class Key:
    pass

gc.disable()
gc.collect()
d = weakref.WeakKeyDictionary()
k = Key()
d[k] = [k]
r = weakref.ref(k)
del k
print("still there:", len(d), r() is not None)
print("collect finds nothing:", gc.collect())
del d
print("freed by refcount once d goes:", gc.collect(), r())
"#,
    ),
    (
        "wkd_pending_len",
        r#"# Keys dying during iteration are queued; len() subtracts them; del marks _dirty_len.
import weakref

class Key:
    def __init__(self, n):
        self.n = n

keys = [Key(i) for i in range(4)]
d = weakref.WeakKeyDictionary()
for k in keys:
    d[k] = k.n
del k
g = d.items()
key, value = next(g)
print("first:", key.n, value)
del key
keys.pop()
print("pending:", len(d._pending_removals), "len:", len(d), "data:", len(d.data))
del d[keys[1]]
print("dirty:", d._dirty_len, "len:", len(d), "pending:", len(d._pending_removals))
keys.pop()
print("len:", len(d), "dirty:", d._dirty_len)
try:
    print("rest:", sorted(v for k, v in g))
except RuntimeError as e:
    print("RuntimeError:", e)
print("after:", len(d), len(d.data), d._pending_removals)
"#,
    ),
    (
        "wkd_cycle_collect",
        r#"# A WeakKeyDictionary held only by a cycle is collected with its dict, callback and weakrefs.
import gc, weakref

class Node:
    pass

gc.disable()
gc.collect()
a = Node()
a.me = a
a.table = weakref.WeakKeyDictionary()
b = Node()
a.table[b] = "b"
a.table[a] = "a"
del a
print("collected:", gc.collect(), "b still keyed:", weakref.getweakrefcount(b))
k = Node()
k.me = k
t = weakref.WeakKeyDictionary()
t[k] = "value"
del k
print("key in a cycle:", gc.collect(), len(t))
"#,
    ),
    (
        "wkd_callback_order",
        r#"# A key's other weakref callbacks run around the dictionary's, newest first.
import weakref

class Key:
    pass

d = weakref.WeakKeyDictionary()
k = Key()
r1 = weakref.ref(k, lambda r: print("r1 sees", len(d)))
d[k] = 1
r2 = weakref.ref(k, lambda r: print("r2 sees", len(d)))
d2 = weakref.WeakKeyDictionary({k: 2})
del k
print("done", len(d), len(d2))
"#,
    ),
    (
        "ws_structure",
        r#"# A WeakSet owns a set of weakrefs, a callback, a list and a set, in that order.
import gc, sys, weakref

class Item:
    pass

s = weakref.WeakSet()
print("referents:", [type(x).__name__ for x in gc.get_referents(s) if x is not type(s)])
print("attributes in order:", list(vars(s)))
print("module:", type(s).__module__, type(s).__mro__ == (weakref.WeakSet, object))
x = Item()
before = sys.getrefcount(x)
s.add(x)
print("holds nothing strongly:", sys.getrefcount(x) - before)
(wr,) = s.data
print(type(wr).__name__, wr() is x, wr.__callback__ is s._remove)
print("callback defaults:", [type(v).__name__ for v in s._remove.__defaults__], s._remove.__closure__)
print("names:", s._remove.__name__, s._remove.__qualname__)
print("weakrefs to x:", weakref.getweakrefcount(x), "to s:", weakref.getweakrefcount(s))
print("tracked:", gc.is_tracked(s), gc.is_tracked(s.data), gc.is_tracked(s._iterating))
del wr
s.add(x)
print("adding twice keeps one:", len(s), weakref.getweakrefcount(x))
"#,
    ),
    (
        "ws_methods",
        r#"# Adding, removing and querying members.
import weakref

class Item:
    def __init__(self, n):
        self.n = n

a, b, c = Item(1), Item(2), Item(3)
s = weakref.WeakSet([a, b])
print(len(s), a in s, c in s, 1 in s, [] in s)
s.add(c)
s.remove(b)
try:
    s.remove(b)
except KeyError as e:
    print("KeyError", e.args[0]() is b)
s.discard(b)
s.discard(a)
print(sorted(i.n for i in s))
s.update([a, b])
print(sorted(i.n for i in s))
popped = s.pop()
print(popped.n in (1, 2, 3), len(s))
t = s.copy()
print(type(t).__name__, len(t), t == s, t is s)
s.clear()
print(len(s), len(t))
try:
    weakref.WeakSet().pop()
except KeyError as e:
    print("KeyError:", e)
try:
    s.add(5)
except TypeError as e:
    print("TypeError:", e)
"#,
    ),
    (
        "ws_operators",
        r#"# The set algebra of WeakSet, named and as operators.
import weakref

class Item:
    def __init__(self, n):
        self.n = n

items = [Item(i) for i in range(6)]
def ws(*ns):
    return weakref.WeakSet(items[n] for n in ns)
def show(s):
    return type(s).__name__ + str(sorted(i.n for i in s))

a, b = ws(0, 1, 2, 3), ws(2, 3, 4)
print(show(a | b), show(a.union(b)), show(a.union(items[5:])))
print(show(a & b), show(a.intersection(b)), show(a - b), show(a.difference(items[:1])))
print(show(a ^ b), show(a.symmetric_difference([items[0], items[5]])))
print(a <= b, ws(2) <= b, ws(2).issubset(items), a >= ws(0), a.issuperset(items))
print(ws(2) < b, b < b, b > ws(3), b > b, a == ws(0, 1, 2, 3), a == {items[0]}, a != b)
print(a.isdisjoint(b), a.isdisjoint(ws(5)), a.isdisjoint([]))
c = ws(0, 1)
c |= ws(4)
print(show(c))
c -= ws(0)
print(show(c))
c &= ws(1, 4, 5)
print(show(c))
c ^= ws(4, 5)
print(show(c))
c.intersection_update(items[:3])
c.difference_update([items[1]])
c.symmetric_difference_update(items[2:4])
print(show(c))
d = ws(1, 2)
d -= d
print(show(d))
d = ws(1, 2)
d ^= d
print(show(d))
try:
    hash(a)
except TypeError as e:
    print("TypeError:", e)
print(a.__eq__({1}), repr(ws()))
"#,
    ),
    (
        "ws_iteration",
        r#"# Members dying while a WeakSet is iterated are queued until the iteration ends.
import weakref

class Item:
    def __init__(self, n):
        self.n = n

items = [Item(i) for i in range(4)]
s = weakref.WeakSet(items)
seen = []
for x in s:
    seen.append(x.n)
    if len(seen) == 1:
        items.clear()
        print("pending while iterating:", len(s._pending_removals), "len:", len(s), "iterating:", len(s._iterating))
del x
print("seen:", len(seen), "after:", len(s), len(s.data), s._pending_removals, len(s._iterating))
items = [Item(i) for i in range(3)]
s = weakref.WeakSet(items)
g = iter(s)
first = next(g)
items.clear()
print("pending:", len(s._pending_removals), "len:", len(s))
s.add(first)
print("add commits first:", len(s._pending_removals), len(s.data))
del first
print("pending again:", len(s._pending_removals), len(s))
del g
print("closed:", len(s._pending_removals), len(s.data), len(s._iterating))
"#,
    ),
    (
        "ws_nested_iteration",
        r#"# Two iterations at once: removals wait for the last guard to leave.
import weakref

class Item:
    pass

items = [Item() for i in range(3)]
s = weakref.WeakSet(items)
g1 = iter(s)
g2 = iter(s)
next(g1)
next(g2)
print("guards:", len(s._iterating))
items.clear()
print("pending:", len(s._pending_removals))
del g1
print("one guard left:", len(s._iterating), len(s._pending_removals))
del g2
print("none left:", len(s._iterating), len(s._pending_removals), len(s.data), len(s))
"#,
    ),
    (
        "ws_cycle_collect",
        r#"# Cycles through a WeakSet: members in cycles, and a set kept only by a cycle.
import gc, weakref

class Node:
    pass

gc.disable()
gc.collect()
s = weakref.WeakSet()
a = Node()
a.me = a
s.add(a)
del a
print("member in a cycle:", len(s), gc.collect(), len(s))
b = Node()
b.me = b
b.observers = weakref.WeakSet([b])
c = Node()
b.observers.add(c)
del b
print("set held by a cycle:", gc.collect(), weakref.getweakrefcount(c))
"#,
    ),
    (
        "ws_callback_during_collect",
        r#"# The set's callback runs inside gc.collect(), before the collector returns.
import gc, weakref

class Node:
    def __init__(self, name):
        self.name = name

gc.disable()
gc.collect()
s = weakref.WeakSet()
nodes = [Node(n) for n in "abc"]
for n in nodes:
    n.next = nodes[(nodes.index(n) + 1) % 3]
    s.add(n)
del n
r = weakref.ref(nodes[0], lambda wr: print("callback sees", len(s), "members"))
nodes.clear()
print("before:", len(s))
print("collected:", gc.collect())
print("after:", len(s))
"#,
    ),
    (
        "ws_subclass_and_copy",
        r#"# Subclasses: copy() and the operators build the subclass.
import weakref

class Tagged(weakref.WeakSet):
    def __init__(self, data=None):
        self.tag = "t"
        super().__init__(data)

class Item:
    pass

a, b = Item(), Item()
t = Tagged([a])
print(list(vars(t)))
print(type(t.copy()).__name__, type(t | [b]).__name__, type(t - [a]).__name__, type(t & [a]).__name__)
print(len(t | [b]), len(t ^ [a, b]))
print(t == Tagged([a]), t == weakref.WeakSet([a]), weakref.WeakSet([a]) == t)
"#,
    ),
    (
        "weakset_of_functions_and_classes",
        r#"# Functions and classes can be members; they die like other objects.
import gc, weakref

def f():
    pass

class A:
    def method(self):
        pass

s = weakref.WeakSet([f, A, A.method])
print(len(s), f in s, A in s, print in s)
del f
print(len(s))
del A
print("a class is in cycles with its own dict:", len(s), gc.collect() > 0, len(s))
"#,
    ),
];
