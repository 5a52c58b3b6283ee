# Two lists holding each other form a cycle of two objects.
import gc
import sys

gc.disable()
gc.collect()
a = []
b = [a]
a.append(b)
print("a:", a)
print("refs to a:", sys.getrefcount(a), "refs to b:", sys.getrefcount(b))
del a
print("b still reaches a:", len(b[0]), "collect while reachable:", gc.collect())
del b
print("collect after del:", gc.collect())
x = [1, 2]
y = [x, x]
x.append(y)
del x, y
print("x holds y once, y holds x twice; still two objects:", gc.collect())
