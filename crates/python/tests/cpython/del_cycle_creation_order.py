# Finalizers of one garbage cycle run in the order the objects were created.
import gc

class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__", self.name)

gc.disable()
gc.collect()
nodes = [Node(n) for n in ["first", "second", "third", "fourth"]]
nodes[3].next = nodes[0]
nodes[0].next = nodes[2]
nodes[2].next = nodes[1]
nodes[1].next = nodes[3]
del nodes
print("collecting a ring linked in a different order:")
print("found", gc.collect())
