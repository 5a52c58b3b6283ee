# Unpacking and chained assignment bind every target to the same object.
import sys

obj = [0]
a = b = c = obj
print("four names by chained assignment:", sys.getrefcount(obj))
del a, b, c
x, y = obj, obj
print("two targets by unpacking:", sys.getrefcount(obj))
x, y = y, None
print("after swap-style rebinding:", sys.getrefcount(obj), x is obj, y)
pairs = [(obj, 1), (obj, 2)]
print("inside two tuples:", sys.getrefcount(obj))
for first, second in pairs:
    print("unpacked in a loop:", second, sys.getrefcount(obj))
del first, pairs
print("tuples and loop name gone:", sys.getrefcount(obj))
