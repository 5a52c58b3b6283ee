# Each nested call level that receives the object holds one more reference.
import sys

def depth(obj, n):
    if n == 0:
        return [sys.getrefcount(obj)]
    here = sys.getrefcount(obj)
    return [here] + depth(obj, n - 1)

payload = [0] * 10
print(depth(payload, 4))
print("after returning:", sys.getrefcount(payload))

def by_keyword(*, item):
    return sys.getrefcount(item)

def by_star(*items):
    return sys.getrefcount(items[0])

print("keyword argument:", by_keyword(item=payload))
print("inside *args tuple:", by_star(payload))
print("twice in *args:", by_star(payload, payload))
