# A for-loop variable holds a reference while bound, and stays bound after the loop.
import sys

a = []
b = []
items = [a, b]
print("before the loop:", sys.getrefcount(a), sys.getrefcount(b))
for item in items:
    print("in the loop:", sys.getrefcount(a), sys.getrefcount(b))
print("after the loop:", sys.getrefcount(a), sys.getrefcount(b))
print("item is b:", item is b)
del item
print("after del item:", sys.getrefcount(a), sys.getrefcount(b))
i = 0
while i < 2:
    current = items[i]
    print("while, index", i, ":", sys.getrefcount(a), sys.getrefcount(b))
    i += 1
del current
print("done:", sys.getrefcount(a), sys.getrefcount(b))
