# Build and drop a 100,000-node doubly-linked list whose back links are weak references.
import weakref

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.prev = None

head = Node(0)
tail = head
for i in range(1, 100000):
    node = Node(i)
    node.prev = weakref.ref(tail)
    tail.next = node
    tail = node
total = 0
node = tail
while node is not None:
    total += node.value
    back = node.prev
    node = back() if back is not None else None
print(total)
del head, tail, node
