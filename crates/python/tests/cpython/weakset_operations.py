# WeakSet supports add, discard, remove, len, in and set algebra with other WeakSets.
import weakref

class Obj:
    def __init__(self, n):
        self.n = n

objs = [Obj(i) for i in range(5)]
evens = weakref.WeakSet(o for o in objs if o.n % 2 == 0)
small = weakref.WeakSet(objs[:3])
print("evens:", sorted(o.n for o in evens))
print("union:", sorted(o.n for o in evens | small))
print("intersection:", sorted(o.n for o in evens & small))
print("difference:", sorted(o.n for o in evens - small))
evens.discard(objs[0])
evens.discard(objs[1])
print("after discard:", sorted(o.n for o in evens))
try:
    evens.remove(objs[1])
except KeyError as e:
    print("remove of a missing one:", type(e).__name__)
objs.pop()
print("objs[4] gone:", sorted(o.n for o in evens), len(small))
