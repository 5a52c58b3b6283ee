# gc.disable() stops automatic collections; gc.collect() still works by hand.
import gc

class Node:
    def __init__(self):
        self.me = self

runs = []

def watch(phase, info):
    if phase == "start":
        runs.append(info["generation"])

gc.collect()
gc.set_threshold(5)
gc.callbacks.append(watch)
gc.disable()
for i in range(100):
    Node()
print("automatic collections while disabled:", len(runs))
print("by hand:", gc.collect(), "runs:", runs)
gc.enable()
for i in range(100):
    Node()
print("automatic collections while enabled happened:", len(runs) > 1)
gc.callbacks.remove(watch)
gc.set_threshold(700, 10, 10)
gc.collect()
print("done")
