# gc.get_referents() lists what an object refers to; lists and tuples report last item first.
import gc

items = [1, "a", None]
print("list:", gc.get_referents(items))
pair = tuple([10, [20]])
print("tuple:", gc.get_referents(pair))
print("atoms refer to nothing:", gc.get_referents(5), gc.get_referents("text"))
inner = [0]
outer = [inner, inner]
refs = gc.get_referents(outer)
print("the same inner list twice:", len(refs), refs[0] is inner, refs[1] is inner)
print("several objects at once:", gc.get_referents([1, 2], (3,)))
print("empty:", gc.get_referents([]), gc.get_referents(()))
