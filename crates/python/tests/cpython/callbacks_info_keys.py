# The info dict passed to gc callbacks has three keys, and the stop phase knows the result.
import gc

seen = []

def record(phase, info):
    seen.append((phase, sorted(info), info["collected"]))

gc.disable()
gc.collect()
gc.callbacks.append(record)
ring = [[], [], []]
for i in range(3):
    ring[i].append(ring[(i + 1) % 3])
del ring
result = gc.collect(1)
gc.callbacks.remove(record)
for entry in seen:
    print(entry)
print("returned:", result, "matches stop:", result == seen[1][2])
