# A cached object in a cycle lingers in the weak cache until the collector frees it.
import gc
import weakref

class Doc:
    def __init__(self, name):
        self.name = name
        self.parts = [self]

gc.disable()
gc.collect()
cache = weakref.WeakValueDictionary()
d = Doc("report")
cache["report"] = d
del d
print("no names, but the cycle keeps it cached:", "report" in cache)
print("a lookup still hands it out:", cache["report"].name)
gc.collect()
print("after collect:", "report" in cache, len(cache))
