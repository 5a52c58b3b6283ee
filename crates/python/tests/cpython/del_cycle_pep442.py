# Since 3.4 (PEP 442) a cycle whose objects have __del__ is collected, each __del__ running once.
import gc

class Res:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__", self.name, "partner:", self.partner.name)

gc.disable()
gc.collect()
a = Res("a")
b = Res("b")
a.partner = b
b.partner = a
del a, b
print("collecting:")
print("found", gc.collect())
print("nothing in gc.garbage:", gc.garbage)
print("end")
