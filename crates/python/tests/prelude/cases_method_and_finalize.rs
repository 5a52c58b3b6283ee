//! Programs about WeakMethod and finalize, including what finalizers do at exit, run under stock CPython and under the prelude.

/// (name, program): each program's output under the prelude must equal stock CPython's.
pub const CASES: &[(&str, &str)] = &[
    (
        "wm_structure",
        r#"# WeakMethod is a ref subclass with four slots and a closure callback.
import gc, sys, weakref

class Handler:
    def handle(self):
        return "handled"

h = Handler()
wm = weakref.WeakMethod(h.handle)
print(type(wm).__mro__ == (weakref.WeakMethod, weakref.ref, object), isinstance(wm, weakref.ReferenceType))
print(weakref.WeakMethod.__slots__, hasattr(wm, "__dict__"))
print(wm._alive, wm._meth_type.__name__, wm._func_ref() is Handler.__dict__["handle"])
print("weakrefs to h:", weakref.getweakrefcount(h), "to the function:", weakref.getweakrefcount(Handler.handle))
cb = wm.__callback__
print(cb.__name__, cb.__qualname__, cb is wm._func_ref.__callback__)
print("closure:", sorted(cb.__code__.co_freevars), [type(c.cell_contents).__name__ for c in cb.__closure__])
print("self_wr is the basic ref:", cb.__closure__[1].cell_contents is weakref.ref(wm))
print("referents of wm:", [type(x).__name__ for x in gc.get_referents(wm)])
print("refcount of h:", sys.getrefcount(h), "of wm:", sys.getrefcount(wm))
print("weakrefs to wm:", weakref.getweakrefcount(wm))
m = wm()
print(m(), type(m).__name__, m.__self__ is h, wm() == h.handle, wm() is wm())
"#,
    ),
    (
        "wm_dies_with_instance",
        r#"# The WeakMethod dies when its object dies; the callback gets the WeakMethod, once.
import gc, weakref

class Handler:
    def handle(self):
        return "handled"

h = Handler()
wm = weakref.WeakMethod(h.handle, lambda r: print("callback:", r is wm, r._alive, r()))
del h
print("after del h:", wm(), wm._alive)
h2 = Handler()
h2.me = h2
wm2 = weakref.WeakMethod(h2.handle, lambda r: print("callback in collect:", r()))
del h2
print("collected:", gc.collect())
print(wm2(), wm2._alive)
"#,
    ),
    (
        "wm_dies_with_function",
        r#"# The WeakMethod also dies when the function goes, even with its object alive.
import weakref

class Handler:
    def handle(self):
        return "v1"

h = Handler()
wm = weakref.WeakMethod(h.handle, lambda r: print("callback, alive:", r._alive))
print(wm()())
del Handler.handle
print("function gone:", wm(), wm._alive)
del h
print("object gone too, no second callback")
def f(self):
    return "plain"
Handler.go = f
h = Handler()
wm2 = weakref.WeakMethod(h.go, lambda r: print("f is gone"))
del Handler.go
print("still alive via the name f:", wm2()())
del f
print(wm2())
"#,
    ),
    (
        "wm_equality",
        r#"# Two WeakMethods for the same object and function are equal and hash alike; dead ones are equal only to themselves.
import weakref

class A:
    def m(self):
        pass
    def n(self):
        pass

a, b = A(), A()
w1, w2 = weakref.WeakMethod(a.m), weakref.WeakMethod(a.m)
w3, w4 = weakref.WeakMethod(a.n), weakref.WeakMethod(b.m)
print(w1 == w2, w1 != w2, hash(w1) == hash(w2), w1 is w2)
print(w1 == w3, w1 != w3, w1 == w4, w1 != w4)
print(w1 == weakref.ref(a), w1.__eq__(3), w1 != 3)
print(len({w1, w2, w3, w4}))
h = hash(w1)
del a
print("dead:", w1 == w2, w1 != w2, w1 == w1, w1 != w1, hash(w1) == h)
try:
    hash(weakref.WeakMethod(A().m))
except TypeError as e:
    print("TypeError:", e)
"#,
    ),
    (
        "wm_errors",
        r#"# Only bound methods are accepted.
import weakref

def f():
    pass

class A:
    @staticmethod
    def s():
        pass
    @classmethod
    def c(cls):
        return cls.__name__

for bad in (f, len, [].append, A.s, 3):
    try:
        weakref.WeakMethod(bad)
    except TypeError as e:
        print("TypeError:", e)
w = weakref.WeakMethod(A.c)
print("classmethod bound to the class:", w()())
try:
    weakref.WeakMethod(A().s)
except TypeError as e:
    print("TypeError:", e)
"#,
    ),
    (
        "wm_in_collections",
        r#"# A registry of callbacks kept as WeakMethods in a list: dead ones are skipped.
import weakref

class Listener:
    def __init__(self, name):
        self.name = name
    def notify(self, event):
        print(self.name, "got", event)

listeners = []
def subscribe(method):
    listeners.append(weakref.WeakMethod(method, listeners.remove))

a, b = Listener("a"), Listener("b")
subscribe(a.notify)
subscribe(b.notify)
for wm in listeners:
    wm()("first")
del wm
del a
print("listeners left:", len(listeners))
for wm in listeners:
    wm()("second")
"#,
    ),
    (
        "fin_structure",
        r#"# A finalize object has no state: its _Info lives in the class-level registry.
import gc, sys, weakref

class Resource:
    pass

r = Resource()
f = weakref.finalize(r, print, "cleanup", "of r", sep="-")
print(type(f).__slots__, hasattr(f, "__dict__"), gc.get_referents(f) == [weakref.finalize])
info = weakref.finalize._registry[f]
print(type(info).__name__, type(info).__qualname__, type(info).__slots__)
print([type(x).__name__ for x in gc.get_referents(info)])
print(info.weakref() is r, info.weakref.__callback__ is f, info.func is print, info.args, info.kwargs, info.atexit)
print("refcount of f:", sys.getrefcount(f), "of r:", sys.getrefcount(r))
print("weakrefs to r:", weakref.getweakrefcount(r), "registry size:", len(weakref.finalize._registry))
print("flags:", weakref.finalize._dirty, weakref.finalize._registered_with_atexit, weakref.finalize._shutdown)
print("tracked:", gc.is_tracked(f), gc.is_tracked(info), gc.is_tracked(weakref.finalize._registry))
g = weakref.finalize(r, print, "second")
print("index grows:", weakref.finalize._registry[g].index - info.index, weakref.finalize._registry[g].kwargs)
del info
del r
print("end")
"#,
    ),
    (
        "fin_call_detach_peek",
        r#"# Calling, detaching and peeking at a finalizer.
import weakref

class Resource:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "Resource(" + self.name + ")"

def close(*args, **kwargs):
    print("close", args, kwargs)
    return "closed"

a = Resource("a")
f = weakref.finalize(a, close, 1, key="v")
print(f.alive, f.atexit, f.peek()[0], f.peek()[1] is close, f.peek()[2:])
print("call:", f(), f.alive, f(), f.peek(), f.detach(), f.atexit)
g = weakref.finalize(a, close, 2)
obj, func, args, kwargs = g.detach()
print("detached:", obj, func is close, args, kwargs, g.alive, g.detach(), g())
h = weakref.finalize(a, close, 3)
h.atexit = 0
print("atexit:", h.atexit, weakref.finalize._registry[h].atexit)
h.atexit = "yes"
print("atexit:", h.atexit)
del a, obj
print("alive after death:", f.alive, g.alive, h.alive, h.peek(), h.detach())
h.atexit = True
print(h.atexit)
"#,
    ),
    (
        "fin_repr",
        r#"# repr of a finalizer, live and dead (addresses masked).
import weakref

def mask(text):
    out = []
    for word in text.split(" "):
        out.append("ADDR" + word[-1] if word.startswith("0x") and word[-1] in ";>" else word)
    return " ".join(out)

class Resource:
    pass

r = Resource()
f = weakref.finalize(r, print, "gone")
print(mask(repr(f)))
del r
print(mask(repr(f)))
"#,
    ),
    (
        "fin_refcount_death",
        r#"# Finalizers run when the object dies by refcount: newest first, after __del__.
import weakref

class Resource:
    def __del__(self):
        print("__del__")

r = Resource()
weakref.finalize(r, print, "finalizer 1")
wr = weakref.ref(r, lambda w: print("plain callback"))
weakref.finalize(r, print, "finalizer 2")
print("dropping")
del r
print("dropped", len(weakref.finalize._registry))
"#,
    ),
    (
        "fin_gc_death",
        r#"# In a collection, finalizers (weakref callbacks) run before __del__, inside gc.collect().
import gc, weakref

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

gc.disable()
gc.collect()
a, b = Node("a"), Node("b")
a.other, b.other = b, a
fa = weakref.finalize(a, print, "finalize a")
fb = weakref.finalize(b, print, "finalize b")
del a, b
print("collecting")
print("collected:", gc.collect())
print(fa.alive, fb.alive)
"#,
    ),
    (
        "fin_self_in_cycle",
        r#"# The finalizer and its registry entry do not keep the object alive; cycles get collected.
import gc, sys, weakref

class Node:
    pass

gc.disable()
gc.collect()
n = Node()
n.me = n
f = weakref.finalize(n, print, "n finalized")
print("registry holds f:", sys.getrefcount(f))
del n
print("collected:", gc.collect())
print("registry:", len(weakref.finalize._registry), "refcount of f:", sys.getrefcount(f))
m = Node()
m.fin = weakref.finalize(m, print, "m finalized")
m.me = m
del m
print("finalizer stored on its object:", gc.collect())
"#,
    ),
    (
        "fin_keeps_alive",
        r#"# Passing a bound method of the object itself keeps the object alive until exit.
import gc, weakref

class Resource:
    def close(self):
        print("closing")

r = Resource()
f = weakref.finalize(r, r.close)
wr = weakref.ref(r)
del r
gc.collect()
print("still alive:", wr() is not None, f.alive)
r2 = Resource()
f2 = weakref.finalize(r2, Resource.close, r2)
del r2
print("also alive:", f2.alive)
"#,
    ),
    (
        "fin_at_exit",
        r#"# Live finalizers with atexit true run at exit, newest first; atexit false ones never.
import atexit, weakref

class Resource:
    def __init__(self, name):
        self.name = name

atexit.register(print, "registered before any finalizer")
keep = [Resource(n) for n in "abcd"]
for r in keep:
    weakref.finalize(r, print, "finalize", r.name)
atexit.register(print, "registered after the first finalizer")
weakref.finalize(keep[1], print, "never: atexit false").atexit = False
weakref.finalize(keep[2], print, "dead already")()
print("end of program")
"#,
    ),
    (
        "fin_at_exit_creates_more",
        r#"# A finalizer run at exit may create another one: it runs too (the registry is dirty).
import weakref

class Resource:
    pass

keep = [Resource(), Resource()]

def first():
    print("first at exit")
    weakref.finalize(keep[1], print, "created during exit")

weakref.finalize(keep[0], print, "older")
weakref.finalize(keep[0], first)
print("end of program")
"#,
    ),
    (
        "fin_at_exit_error",
        r#"# An exception from a finalizer at exit is reported, and the others still run.
import weakref

class Resource:
    pass

keep = Resource()

def boom():
    raise ValueError("boom")

weakref.finalize(keep, print, "runs after the error")
weakref.finalize(keep, boom)
weakref.finalize(keep, print, "runs first")
print("end of program")
"#,
    ),
    (
        "fin_shutdown_flag",
        r#"# After the exit function has run, _shutdown stops every finalizer.
import atexit, weakref

class Resource:
    pass

keep = Resource()

def report(when):
    print(when, "shutdown =", weakref.finalize._shutdown, "alive =", f.alive)
    g = weakref.finalize(keep, print, "called from", when)
    print("g returns:", g())

atexit.register(report, "registered first, runs last:")
f = weakref.finalize(keep, print, "at exit")
atexit.register(report, "registered last, runs first:")
print("end")
"#,
    ),
];
