# A cycle reachable from a live name is not garbage; cut the link and collect() finds it.
import gc

class Node:
    pass

gc.disable()
gc.collect()
root = Node()
root.kids = []
for i in range(3):
    kid = Node()
    kid.parent = root
    kid.pair = [kid]
    root.kids.append(kid)
del kid
print("all reachable from root:", gc.collect())
lost = root.kids.pop()
del lost
print("one kid and its pair list:", gc.collect())
root.kids = None
print("the other two kids still point at root, but nothing points at them:", gc.collect())
del root
print("root itself was never in a cycle:", gc.collect())
