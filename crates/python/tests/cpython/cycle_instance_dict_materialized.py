# Touching __dict__ in 3.11 creates a real dict object, which the collector then counts.
import gc

class Node:
    pass

gc.disable()
gc.collect()
a = Node()
a.me = a
del a
print("plain instance self-cycle:", gc.collect())
b = Node()
b.me = b
print("attributes seen through __dict__:", list(b.__dict__))
del b
print("after reading __dict__:", gc.collect())
c = Node()
vars_before = len(c.__dict__)
c.me = c
del c
print("empty __dict__ read first:", vars_before, gc.collect())
