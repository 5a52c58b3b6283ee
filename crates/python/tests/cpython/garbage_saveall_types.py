# gc.garbage lists a cycle's objects in tracking order: a dict of atoms is tracked only when a container goes in.
import gc

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
outer = {"name": "outer"}
print("dict of atoms tracked?", gc.is_tracked(outer))
inner = [outer]
outer["inner"] = inner
print("after the list went in:", gc.is_tracked(outer))
del outer, inner
print("collected:", gc.collect())
print("types:", [type(o).__name__ for o in gc.garbage])
print("the dict holds the list:", gc.garbage[1]["inner"] is gc.garbage[0])
me = []
me.append(me)
del me
print("another collection adds to the same list:", gc.collect(), len(gc.garbage))
gc.set_debug(0)
for obj in gc.garbage:
    obj.clear()
del obj
gc.garbage.clear()
print("broken by hand, nothing for the collector:", gc.collect())
