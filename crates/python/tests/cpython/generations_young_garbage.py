# A cycle created after the last collection is young: collect(0) is enough to find it.
import gc

gc.disable()
gc.collect()
pair = [[], []]
pair[0].append(pair[1])
pair[1].append(pair[0])
del pair
print("young cycle found by collect(0):", gc.collect(0))
ring = [[] for i in range(4)]
for i in range(4):
    ring[i].append(ring[(i + 1) % 4])
del ring
print("young ring of four found by collect(0):", gc.collect(0))
print("counts after the young collections:", gc.get_count()[1:])
print("a full collection has nothing left:", gc.collect())
