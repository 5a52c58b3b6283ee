# DEBUG_SAVEALL keeps what the collector found in gc.garbage instead of freeing it.
import gc

class Node:
    def __init__(self, name):
        self.name = name

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
print("debug flags:", gc.get_debug() == gc.DEBUG_SAVEALL)
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
del a, b
print("found:", gc.collect())
print("saved:", len(gc.garbage), [n.name for n in gc.garbage])
print("they still point at each other:", gc.garbage[0].peer is gc.garbage[1])
gc.set_debug(0)
gc.garbage.clear()
print("clearing the list leaves the cycle for the next collection:", gc.collect())
print("garbage after the normal collection:", gc.garbage)
