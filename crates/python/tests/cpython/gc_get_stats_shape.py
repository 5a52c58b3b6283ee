# gc.get_stats() has one dict per generation with three counters.
import gc

stats = gc.get_stats()
print("generations:", len(stats))
print("keys:", sorted(stats[0]))
before = gc.get_stats()[2]["collections"]
gc.collect()
after = gc.get_stats()[2]["collections"]
print("a full collection counts once in generation 2:", after - before)
young_before = gc.get_stats()[0]["collections"]
gc.collect(0)
gc.collect(0)
print("two young collections:", gc.get_stats()[0]["collections"] - young_before)
a = []
a.append(a)
del a
before = gc.get_stats()[2]["collected"]
gc.collect()
print("collected counter grew by:", gc.get_stats()[2]["collected"] - before)
