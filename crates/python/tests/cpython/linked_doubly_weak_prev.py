# A doubly-linked list with weak back links frees itself node by node without the collector.
import gc
import weakref

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.prev = None

    def previous(self):
        if self.prev is None:
            return None
        return self.prev()

    def __del__(self):
        print("  del", self.value)

gc.disable()
gc.collect()
head = Node(1)
tail = head
for v in [2, 3, 4]:
    node = Node(v)
    node.prev = weakref.ref(tail)
    tail.next = node
    tail = node
del node
back = []
walk = tail
while walk is not None:
    back.append(walk.value)
    walk = walk.previous()
print("backwards:", back)
print("dropping the names:")
del head, tail
print("collector finds:", gc.collect())
