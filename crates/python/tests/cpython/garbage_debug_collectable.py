# DEBUG_COLLECTABLE reports found objects on stderr; on stdout the collection looks the same.
import gc

class Part:
    pass

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_COLLECTABLE)
p = Part()
p.me = p
del p
print("found with reporting on:", gc.collect())
print("nothing saved without SAVEALL:", gc.garbage)
gc.set_debug(gc.DEBUG_STATS)
q = [[]]
q[0].append(q)
del q
print("found with statistics on:", gc.collect())
gc.set_debug(0)
print("flags back to", gc.get_debug())
