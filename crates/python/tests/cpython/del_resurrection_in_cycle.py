# Resurrection during a collection: that batch frees nothing, and a later collection frees it without __del__.
import gc

keep = []

class Undying:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("  __del__ saves self")
        keep.append(self)

gc.disable()
gc.collect()
Undying()
print("first collection:", gc.collect())
print("saved:", len(keep))
keep.clear()
print("second collection:", gc.collect())
print("end")
