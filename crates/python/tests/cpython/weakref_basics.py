# A weak reference gives back its object while it lives and None afterwards, without keeping it alive.
import sys
import weakref

class Thing:
    def __init__(self, name):
        self.name = name

t = Thing("t")
r = weakref.ref(t)
print("calling the ref:", r().name, r() is t)
print("refcount not raised:", sys.getrefcount(t))
print("type:", type(r).__name__, isinstance(r, weakref.ReferenceType))
del t
print("after del:", r())
print("dead ref still exists:", type(r).__name__, r() is None)
u = Thing("u")
strong = r
r = weakref.ref(u)
print("a new ref to u:", r().name, strong())
