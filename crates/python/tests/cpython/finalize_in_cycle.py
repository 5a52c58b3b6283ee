# finalize works for objects freed by the collector: it runs inside gc.collect().
import gc
import weakref

class Node:
    pass

gc.disable()
gc.collect()
a = Node()
b = Node()
a.peer = b
b.peer = a
fa = weakref.finalize(a, print, "  finalize a")
fb = weakref.finalize(b, print, "  finalize b")
del a, b
print("alive before collecting:", fa.alive, fb.alive)
found = gc.collect()
print("found", found, "alive after:", fa.alive, fb.alive)
