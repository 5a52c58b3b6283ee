# With a low threshold, allocating objects triggers young collections on its own.
import gc

class Node:
    pass

log = []

def watch(phase, info):
    if phase == "stop":
        log.append((info["generation"], info["collected"]))

gc.collect()
gc.set_threshold(10)
gc.callbacks.append(watch)
keep = []
for i in range(50):
    keep.append(Node())
print("collections while keeping 50 objects:", log)
log.clear()
for i in range(30):
    n = Node()
    n.me = n
print("collections while dropping 30 self-cycles:", log)
gc.callbacks.remove(watch)
gc.set_threshold(700, 10, 10)
print("sum collected:", sum(c for g, c in log) + gc.collect())
