# Lambda parameters, keyword arguments and **kwargs dicts each hold one reference.
import sys

obj = {"v": 1}
peek = lambda x: sys.getrefcount(x)
print("lambda parameter:", peek(obj))

def by_kwargs(**kw):
    return sys.getrefcount(kw["item"])

def by_default(item=None):
    return sys.getrefcount(item)

print("inside **kwargs:", by_kwargs(item=obj))
print("keyword to a named parameter:", by_default(item=obj))
print("positional to the same parameter:", by_default(obj))
pack = {"item": obj}
print("unpacked with **:", by_kwargs(**pack))
args = [obj]
print("unpacked with *:", peek(*args))
print("afterwards:", sys.getrefcount(obj))
