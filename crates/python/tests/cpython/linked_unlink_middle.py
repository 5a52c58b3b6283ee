# Unlinking a node from a weak-back-link list frees it at once by refcount.
import weakref

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.prev = None

    def __del__(self):
        print("  del", self.value)

def build(values):
    head = Node(values[0])
    tail = head
    for v in values[1:]:
        n = Node(v)
        n.prev = weakref.ref(tail)
        tail.next = n
        tail = n
    return head

head = build(["a", "b", "c"])
mid = head.next
print("unlinking", mid.value)
head.next = mid.next
mid.next.prev = weakref.ref(head)
del mid
print("after del mid; c's prev is", head.next.prev().value)
del head
print("end")
