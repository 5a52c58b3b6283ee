# A dict is untracked while it holds only untracked values and is tracked once a container goes in.
import gc

gc.disable()
gc.collect()
d = {}
print("empty:", gc.is_tracked(d))
d["a"] = 1
d["b"] = "text"
print("atoms only:", gc.is_tracked(d))
d["c"] = []
print("a list value:", gc.is_tracked(d))
del d["c"]
print("list removed again, still tracked:", gc.is_tracked(d))
e = {"k": (1, 2)}
print("a constant tuple value (untracked by the collection above):", gc.is_tracked(e))
f = {"k": tuple([1, 2])}
print("a built tuple value:", gc.is_tracked(f))
h = dict(a=1)
h.update({"x": {}})
print("update with a dict value:", gc.is_tracked(h))
