# A finalizer must not hold its object: a bound method as the function keeps the object alive forever.
import weakref

class File:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closing", self.name)

good = File("good")
weakref.finalize(good, print, "closing good (no reference kept)")
del good
print("good is gone")
bad = File("bad")
fb = weakref.finalize(bad, bad.close)
r = weakref.ref(bad)
del bad
print("bad is still alive, held by its own finalizer:", r() is not None, fb.alive)
fb()
print("after calling the finalizer by hand, alive:", r() is not None)
