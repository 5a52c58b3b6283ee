# Every slot in a list, tuple, dict or set that holds the object counts once.
import sys

class Thing:
    pass

t = Thing()
print("alone:", sys.getrefcount(t))
lst = [t, t, t]
print("three times in a list:", sys.getrefcount(t))
tup = (t, lst)
print("and once in a tuple:", sys.getrefcount(t))
d = {"a": t, "b": t}
print("two dict values:", sys.getrefcount(t))
d2 = {t: 1}
print("one dict key:", sys.getrefcount(t))
s = {t}
s.add(t)
print("a set holds it once:", sys.getrefcount(t))
lst.pop()
print("after pop:", sys.getrefcount(t))
del tup, d, d2, s
print("containers gone:", sys.getrefcount(t))
lst *= 0
print("list emptied:", sys.getrefcount(t))
