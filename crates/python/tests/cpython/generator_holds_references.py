# A suspended generator keeps its locals alive; refcounts show it.
import sys

def walk(items):
    for item in items:
        yield item

data = [[1], [2]]
print("refs to data:", sys.getrefcount(data))
g = walk(data)
print("generator created, not started:", sys.getrefcount(data))
first = next(g)
print("started:", sys.getrefcount(data), "first item refs:", sys.getrefcount(first))
del g
print("generator dropped:", sys.getrefcount(data), sys.getrefcount(first))
