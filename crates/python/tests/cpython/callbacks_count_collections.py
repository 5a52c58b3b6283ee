# A gc callback can count automatic collections by generation.
import gc

class Node:
    pass

runs = [0, 0, 0]

def count(phase, info):
    if phase == "start":
        runs[info["generation"]] += 1

gc.collect()
gc.set_threshold(20, 2, 2)
gc.callbacks.append(count)
keep = []
for i in range(200):
    keep.append(Node())
gc.callbacks.remove(count)
gc.set_threshold(700, 10, 10)
print("collections per generation:", runs)
print("young ones outnumber older ones:", runs[0] > runs[1] > 0)
