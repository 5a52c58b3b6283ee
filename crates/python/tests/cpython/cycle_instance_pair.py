# Two instances pointing at each other: collect() counts the two instances only (3.11 inline attributes).
import gc

class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

gc.disable()
gc.collect()
a = Node("a")
b = Node("b")
a.other = b
b.other = a
print(a.other.other.name, b.other.other.name)
del a, b
print("instances in the cycle:", gc.collect())
c = Node("c")
c.other = c
del c
print("one instance pointing at itself:", gc.collect())
e = Node("e")
e.other = Node("f")
del e
print("no cycle, freed by refcount already:", gc.collect())
