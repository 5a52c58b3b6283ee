# Dying in the collector, weakrefs are cleared and their callbacks run before __del__.
import gc
import weakref

class Obj:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("__del__: ref returns", r())

def callback(ref):
    print("callback: ref returns", ref())

gc.disable()
gc.collect()
o = Obj()
r = weakref.ref(o, callback)
del o
print("nothing yet; collecting")
print("found", gc.collect())
