# __del__ and weakref callbacks of garbage run between the start and stop gc callbacks.
import gc
import weakref

class Victim:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("  __del__ runs")

def phase(name, info):
    print("gc", name, info["collected"])

gc.disable()
gc.collect()
v = Victim()
r = weakref.ref(v, lambda ref: print("  weakref callback runs"))
del v
gc.callbacks.append(phase)
print("collect returned", gc.collect())
gc.callbacks.remove(phase)
print("ref is dead:", r() is None)
