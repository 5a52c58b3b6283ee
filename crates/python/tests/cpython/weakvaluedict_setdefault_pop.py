# WeakValueDictionary has the usual dict methods: setdefault, pop, update, values.
import weakref

class Item:
    def __init__(self, n):
        self.n = n

keep = [Item(i) for i in range(4)]
d = weakref.WeakValueDictionary()
d.update({"zero": keep[0], "one": keep[1]})
got = d.setdefault("two", keep[2])
print("setdefault stored:", got.n, len(d))
again = d.setdefault("two", keep[3])
print("setdefault kept the old value:", again.n)
popped = d.pop("one")
print("pop:", popped.n, sorted(d.keys()))
print("values:", sorted(v.n for v in d.values()))
print("pop missing with default:", d.pop("nine", None))
keep.clear()
print("list cleared; popped and got still hold two items:", sorted(d.keys()))
del got, again
print("now:", sorted(d.keys()))
