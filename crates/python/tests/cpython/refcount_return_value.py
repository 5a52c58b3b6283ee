# A returned object keeps the count it had; locals of a finished call release theirs.
import sys

def build():
    result = {"x": 1}
    print("inside build:", sys.getrefcount(result))
    return result

r = build()
print("received:", sys.getrefcount(r))

def passthrough(obj):
    local = obj
    print("param plus local:", sys.getrefcount(obj))
    return obj

same = passthrough(r)
print("two names after the call:", sys.getrefcount(r))
print("returned object is the same:", same is r)
print("a call result used as an argument:", sys.getrefcount(build()))
