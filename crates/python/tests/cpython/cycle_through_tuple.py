# Cycles can pass through tuples: a tuple holding a list that holds the tuple.
import gc

gc.disable()
gc.collect()
lst = []
tup = (lst, 1)
lst.append(tup)
print(tup)
del lst, tup
print("tuple and list:", gc.collect())
a = {}
b = {"back": a}
a["fwd"] = (b, [a])
del a, b
print("two dicts, a tuple and a list:", gc.collect())
s = [set(), frozenset([1, 2])]
s.append(s)
del s
print("a list holding itself and two sets:", gc.collect())
