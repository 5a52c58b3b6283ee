# Passing an object to a function adds exactly one reference per call level in 3.11.
import sys

def inner(b):
    print("inside inner:", sys.getrefcount(b))

def outer(a):
    print("inside outer:", sys.getrefcount(a))
    inner(a)
    print("back in outer:", sys.getrefcount(a))

box = {"k": 1}
print("at module level:", sys.getrefcount(box))
outer(box)
print("after the calls:", sys.getrefcount(box))

def keep(x, store):
    store.append(x)
    return sys.getrefcount(x)

shelf = []
print("kept in a list, seen inside:", keep(box, shelf))
print("kept in a list, seen outside:", sys.getrefcount(box))
shelf.clear()
print("after clear:", sys.getrefcount(box))
