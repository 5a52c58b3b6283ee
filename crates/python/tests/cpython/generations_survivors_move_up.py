# A cycle that survives collect(0) moves to generation 1, where collect(0) no longer looks.
import gc

class Node:
    pass

gc.disable()
gc.collect()
a = Node()
a.me = a
print("young collection, a is reachable:", gc.collect(0))
del a
print("a is garbage now, but collect(0) only scans generation 0:", gc.collect(0))
print("collect(1) scans generations 0 and 1:", gc.collect(1))
b = Node()
b.me = b
gc.collect(1)
del b
print("after surviving collect(1) it sits in generation 2:", gc.collect(0), gc.collect(1))
print("only a full collection finds it:", gc.collect(2))
