# gc.get_referrers() finds the tracked containers that refer to an object.
import gc

target = ["target"]
holder = [target]
index = {"t": target}

class Box:
    pass

box = Box()
box.item = target
found = gc.get_referrers(target)
print("holder found:", any(r is holder for r in found))
print("index found:", any(r is index for r in found))
print("box found:", any(r is box for r in found))
print("referrers, the module namespace among them:", len(found))
del found
holder.clear()
again = gc.get_referrers(target)
print("holder no longer refers:", any(r is holder for r in again))
print("index still does:", any(r is index for r in again))
