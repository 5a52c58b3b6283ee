# A weakref callback receives the dead weakref object itself, already returning None.
import weakref

class Thing:
    pass

def gone(ref):
    print("callback got our ref:", ref is r, "and it returns", ref())

t = Thing()
r = weakref.ref(t, gone)
print("alive:", r() is t)
del t
print("after del")
u = Thing()
events = []
ru = weakref.ref(u, lambda ref: events.append("u died"))
u = Thing()
print("rebinding the name killed the first u:", events)
