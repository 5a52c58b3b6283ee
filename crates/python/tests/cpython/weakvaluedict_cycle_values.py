# Values caught in a cycle stay in a WeakValueDictionary until the collector runs.
import gc
import weakref

class Node:
    def __init__(self, name):
        self.name = name
        self.me = self

gc.disable()
gc.collect()
table = weakref.WeakValueDictionary()
for name in ["a", "b", "c"]:
    table[name] = Node(name)
print("no names hold the nodes, but their self-cycles do:", sorted(table.keys()))
print("found: three nodes plus the three weakrefs freed by their callbacks:", gc.collect())
print("the table emptied during the collection:", sorted(table.keys()))
