# A default argument value is stored on the function object, which holds a reference to it.
import sys

shared = []

def add(item, into=shared):
    into.append(item)
    return into

print("shared, name plus default:", sys.getrefcount(shared))
add(1)
add(2)
print("the default grew:", shared)
fresh = add(3, [])
print("a fresh list was used:", fresh, "shared:", shared)

def remember(v, seen=[]):
    seen.append(v)
    return len(seen)

print("calls remember the default:", remember("a"), remember("b"), remember("c"))
del add
print("function gone, shared refs:", sys.getrefcount(shared))
