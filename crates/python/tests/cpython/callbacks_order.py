# Several gc callbacks run in list order for both phases.
import gc

def first(phase, info):
    print("first", phase)

def second(phase, info):
    print("second", phase)

gc.disable()
gc.collect()
gc.callbacks.append(first)
gc.callbacks.append(second)
gc.collect()
gc.callbacks.reverse()
print("reversed")
gc.collect(0)
gc.callbacks.clear()
print("cleared:", gc.collect())
