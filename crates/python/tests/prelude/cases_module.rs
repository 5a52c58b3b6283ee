//! Programs about the module as a whole: its names, the objects the collector sees, and common patterns, run under stock CPython and under the prelude.

/// (name, program): each program's output under the prelude must equal stock CPython's.
pub const CASES: &[(&str, &str)] = &[
    (
        "module_names",
        r#"# The names the weakref module exports, and where its classes live.
import weakref, _weakref, _weakrefset

print(sorted(weakref.__all__))
print(weakref.ProxyTypes == (weakref.ProxyType, weakref.CallableProxyType))
print(weakref.ReferenceType is weakref.ref is _weakref.ref, weakref.proxy is _weakref.proxy)
print(weakref.getweakrefcount is _weakref.getweakrefcount, weakref.getweakrefs is _weakref.getweakrefs)
print(weakref.WeakSet is _weakrefset.WeakSet)
for cls in (weakref.WeakSet, weakref.WeakValueDictionary, weakref.WeakKeyDictionary,
            weakref.KeyedRef, weakref.WeakMethod, weakref.finalize, weakref.finalize._Info):
    print(cls.__name__, cls.__qualname__, cls.__module__)
for cls in (weakref.WeakSet, weakref.KeyedRef, weakref.WeakMethod, weakref.finalize):
    print(cls.__name__, "derives from", cls.__base__.__name__)
print(weakref.KeyedRef.__slots__, weakref.WeakMethod.__hash__ is weakref.ref.__hash__)
print(callable(weakref.finalize._exitfunc), weakref.finalize._registry == {})
"#,
    ),
    (
        "saveall_types",
        r#"# DEBUG_SAVEALL shows every object a weak collection in a cycle is made of.
import gc, weakref

class Node:
    def method(self):
        pass

def garbage_of(build):
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    build()
    n = gc.collect()
    names = sorted(type(x).__name__ for x in gc.garbage)
    gc.garbage.clear()
    gc.set_debug(0)
    return n, names

def wvd():
    a = Node()
    a.me = a
    a.d = weakref.WeakValueDictionary({"a": a, "k": Node()})
def wkd():
    a = Node()
    a.me = a
    a.d = weakref.WeakKeyDictionary({a: [1]})
def ws():
    a = Node()
    a.me = a
    a.s = weakref.WeakSet([a])
def wm():
    a = Node()
    a.me = a
    a.m = weakref.WeakMethod(a.method)
def fin():
    a = Node()
    a.me = a
    weakref.finalize(a, print, "finalized")

gc.disable()
for build in (wvd, wkd, ws, wm, fin):
    print(build.__name__, *garbage_of(build))
"#,
    ),
    (
        "refcount_during_iteration",
        r#"# A suspended generator's frame holds the collection; the guard holds it weakly.
import sys, weakref

class Item:
    pass

items = [Item(), Item()]
for cls, fill in ((weakref.WeakSet, lambda c: c.update(items)),
                  (weakref.WeakValueDictionary, lambda c: c.update(enumerate(items))),
                  (weakref.WeakKeyDictionary, lambda c: c.update((i, 0) for i in items))):
    c = cls()
    fill(c)
    before = sys.getrefcount(c), weakref.getweakrefcount(c)
    g = iter(c)
    after_iter = sys.getrefcount(c)
    x = next(g)
    print(cls.__name__, before, after_iter, sys.getrefcount(c), weakref.getweakrefcount(c), len(c._iterating))
    del g, x
    print("  closed:", sys.getrefcount(c), len(c._iterating))
"#,
    ),
    (
        "proxy_and_collections",
        r#"# Proxies next to the collections: both count as weakrefs to the object.
import weakref

class Item:
    def name(self):
        return "item"

x = Item()
p = weakref.proxy(x)
s = weakref.WeakSet([x])
d = weakref.WeakValueDictionary(x=x)
k = weakref.WeakKeyDictionary({x: 1})
print(weakref.getweakrefcount(x), isinstance(p, weakref.ProxyTypes), p.name())
print(sorted(type(r).__name__ for r in weakref.getweakrefs(x)))
del x
print(len(s), len(d), len(k))
try:
    p.name()
except ReferenceError as e:
    print("ReferenceError:", e)
"#,
    ),
    (
        "copy_module",
        r#"# copy.copy and copy.deepcopy of the weak mappings.
import copy, weakref

class Item:
    def __init__(self, n):
        self.n = n

a, b = Item(1), Item(2)
d = weakref.WeakValueDictionary({"a": a, "b": b})
c = copy.copy(d)
dc = copy.deepcopy(d)
print(type(c).__name__, sorted(c), c["a"] is a, type(dc).__name__, dc["b"] is b)
k = weakref.WeakKeyDictionary({a: [1], b: [2]})
kc = copy.copy(k)
kd = copy.deepcopy(k)
print(kc[a] is k[a], kd[a] == k[a], kd[a] is k[a])
"#,
    ),
    (
        "cache_pattern",
        r#"# A cache that forgets what nobody else uses.
import gc, weakref

class Image:
    loads = 0
    def __init__(self, name):
        Image.loads += 1
        self.name = name

cache = weakref.WeakValueDictionary()

def load(name):
    image = cache.get(name)
    if image is None:
        image = Image(name)
        cache[name] = image
    return image

a = load("cat.png")
b = load("cat.png")
print(a is b, Image.loads, len(cache))
del a, b
print("unused image dropped:", len(cache))
c = load("cat.png")
print("loaded again:", Image.loads)
c.thumbnail = c
del c
print("kept by its own cycle until collected:", len(cache), gc.collect(), len(cache))
"#,
    ),
    (
        "observer_pattern",
        r#"# Observers registered in a WeakSet unsubscribe themselves by dying.
import weakref

class Subject:
    def __init__(self):
        self.observers = weakref.WeakSet()
    def notify(self, event):
        for o in sorted(self.observers, key=lambda o: o.name):
            o.update(event)

class Observer:
    def __init__(self, name, subject):
        self.name = name
        subject.observers.add(self)
    def update(self, event):
        print(self.name, "saw", event)

s = Subject()
a = Observer("a", s)
b = Observer("b", s)
s.notify("one")
del b
s.notify("two")
print(len(s.observers))
"#,
    ),
];
