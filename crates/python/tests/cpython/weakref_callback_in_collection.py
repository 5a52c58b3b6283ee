# For cycle garbage, weakref callbacks run inside gc.collect(), before it returns.
import gc
import weakref

class Node:
    pass

gc.disable()
gc.collect()
a = Node()
b = Node()
a.other = b
b.other = a
ra = weakref.ref(a, lambda r: print("  callback for a"))
rb = weakref.ref(b, lambda r: print("  callback for b"))
del a, b
print("dropped the names; refs still alive:", ra() is not None, rb() is not None)
print("collecting:")
print("found", gc.collect())
print("both dead:", ra(), rb())
