# gc.callbacks are called with "start" and "stop" around each collection, with an info dict.
import gc

def report(phase, info):
    print(phase, "generation", info["generation"], "collected", info["collected"],
          "uncollectable", info["uncollectable"])

gc.disable()
gc.collect()
gc.callbacks.append(report)
a = []
a.append(a)
del a
print("result:", gc.collect())
print("result:", gc.collect(0))
gc.callbacks.remove(report)
print("removed, silent:", gc.collect())
print("callbacks left:", len(gc.callbacks))
