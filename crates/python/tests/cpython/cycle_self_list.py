# A list that contains itself is never freed by reference counting; gc.collect() finds it.
import gc
import sys

gc.disable()
gc.collect()
me = []
me.append(me)
print("repr of a self-containing list:", me)
print("refs: name plus its own slot:", sys.getrefcount(me))
del me
print("found by collect:", gc.collect())
print("nothing left:", gc.collect())
d = {}
d["self"] = d
print("repr of a self-containing dict:", d)
del d
print("dict self-cycle:", gc.collect())
