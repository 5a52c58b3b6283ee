# gc.freeze() moves every tracked object to a permanent generation the collector ignores.
import gc

class Node:
    pass

gc.disable()
gc.collect()
a = Node()
a.me = a
gc.freeze()
del a
print("frozen cycle is not collected:", gc.collect())
gc.unfreeze()
print("after unfreeze it is found:", gc.collect())
b = Node()
b.me = b
del b
gc.freeze()
print("garbage frozen too:", gc.collect())
gc.unfreeze()
print("and found after unfreeze:", gc.collect())
