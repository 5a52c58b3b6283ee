# Following get_referents() from one object around a cycle leads back to the start.
import gc

class Node:
    def __init__(self, name):
        self.name = name
        self.next = None

a = Node("a")
b = Node("b")
c = Node("c")
a.next = b
b.next = c
c.next = a
walk = a
path = []
for step in range(3):
    path.append(walk.name)
    refs = gc.get_referents(walk)
    walk = [r for r in refs if isinstance(r, Node)][0]
print("path:", path, "then", walk.name)
print("back at a:", walk is a)
print("a is among the referrers of b:", any(r is a for r in gc.get_referrers(b)))
