# A doubly-linked list with strong prev and next links is one big cycle for the collector.
import gc

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.prev = None

gc.disable()
gc.collect()
head = Node(0)
tail = head
for v in range(1, 10):
    node = Node(v)
    node.prev = tail
    tail.next = node
    tail = node
del node
print("two before the last:", tail.prev.prev.value, "second:", head.next.value)
del head, tail
print("ten nodes found by the collector:", gc.collect())
