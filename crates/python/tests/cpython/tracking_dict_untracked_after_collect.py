# Young collections untrack tuples of atoms; only a full collection untracks dicts of atoms.
import gc

gc.disable()
gc.collect()
d = {"a": tuple([1]), "b": 2}
print("dict with a built tuple:", gc.is_tracked(d), gc.is_tracked(d["a"]))
gc.collect(0)
print("after collect(0), tuple then dict:", gc.is_tracked(d["a"]), gc.is_tracked(d))
gc.collect(1)
print("after collect(1):", gc.is_tracked(d["a"]), gc.is_tracked(d))
gc.collect(2)
print("after collect(2):", gc.is_tracked(d["a"]), gc.is_tracked(d))
copy = dict(d)
print("a copy starts from its contents:", gc.is_tracked(copy))
copy["c"] = [copy]
print("a list that refers back:", gc.is_tracked(copy))
del copy
print("that was a cycle:", gc.collect())
