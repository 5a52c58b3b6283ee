# One collection frees every unreachable cycle at once and reports their total.
import gc

class Node:
    pass

gc.disable()
gc.collect()
for size in [1, 2, 3]:
    nodes = [Node() for i in range(size)]
    for i in range(size):
        nodes[i].next = nodes[(i + 1) % size]
    del nodes
print("three rings of sizes 1, 2 and 3 at once:", gc.collect())
pair = [[], []]
pair[0].append(pair[1])
pair[1].append(pair[0])
keep = pair[0]
del pair
print("the outer list was freed by refcount, the pair is reachable:", gc.collect())
del keep
print("now the pair:", gc.collect())
