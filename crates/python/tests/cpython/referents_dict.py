# A dict with only str keys reports its values; with other keys it reports values and keys.
import gc

names = {"a": 1, "b": [2]}
print("str keys:", gc.get_referents(names))
mixed = {"a": 1, 2: "two"}
print("mixed keys:", gc.get_referents(mixed))
nums = {1: "one", 2: "two"}
print("int keys:", gc.get_referents(nums))
nested = {"in": {"deep": []}}
inner = gc.get_referents(nested)[0]
print("reach the inner dict:", inner is nested["in"], gc.get_referents(inner))
print("empty dict:", gc.get_referents({}))
