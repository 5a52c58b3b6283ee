# Dying by refcount: __del__ runs before finalize; in the collector, finalize runs first.
import gc
import weakref

class Both:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__", self.name)

gc.disable()
gc.collect()
a = Both("a")
weakref.finalize(a, print, "  finalize a")
print("refcount death:")
del a
b = Both("b")
b.me = b
weakref.finalize(b, print, "  finalize b")
del b
print("collector death:")
print("found", gc.collect())
