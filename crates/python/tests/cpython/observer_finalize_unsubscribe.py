# finalize can tell a registry that an observer died, without the registry holding it.
import weakref

registry = {}

class Watcher:
    def __init__(self, key):
        self.key = key
        registry[key] = weakref.ref(self)
        weakref.finalize(self, registry.pop, key)

w1 = Watcher("alpha")
w2 = Watcher("beta")
print("registered:", sorted(registry))
print("look one up:", registry["alpha"]().key)
del w1
print("after alpha died:", sorted(registry))
del w2
print("after beta died:", sorted(registry))
