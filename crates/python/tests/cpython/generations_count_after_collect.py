# get_count() right after a collection: a full one resets all three counts.
import gc

gc.disable()
gc.collect()
print("after collect():", gc.get_count())
gc.collect(0)
print("after collect(0): generation 1 counts one young collection:", gc.get_count())
gc.collect(0)
gc.collect(0)
print("after three collect(0):", gc.get_count())
gc.collect(1)
print("after collect(1): generation 2 counts one:", gc.get_count())
gc.collect(1)
print("after another collect(1):", gc.get_count())
gc.collect(2)
print("after collect(2):", gc.get_count())
print("collect() is collect(2):", gc.collect(), gc.get_count())
