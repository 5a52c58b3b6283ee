# The common dict methods; dicts keep insertion order.
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d), list(d.values()), list(d.items()))
print("get:", d.get("a"), d.get("z"), d.get("z", 0))
print("setdefault:", d.setdefault("d", 4), d.setdefault("a", 100), d)
print("pop:", d.pop("b"), d.pop("zz", "none"), d)
d.update({"a": 10, "e": 5})
d.update(f=6)
print("update:", d)
print("keys in order of insertion:", list(d.keys()))
d["a"] = 11
print("overwriting keeps the position:", list(d))
del d["a"]
d["a"] = 12
print("delete and re-add moves it last:", list(d))
print("in:", "a" in d, 12 in d, 12 in d.values())
copy = dict(d)
print("copy equal:", copy == d, copy is d, len(copy))
print("comprehension:", {k: v * 2 for k, v in d.items() if v > 4})
print("from pairs:", dict([("x", 1), ("y", 2)]), dict(zip("ab", [1, 2])))
