# DEBUG_SAVEALL still runs __del__ (once) before parking the objects in gc.garbage.
import gc

class Res:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("__del__", self.name)

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
Res("r1")
print("collected:", gc.collect())
print("saved after finalizing:", [r.name for r in gc.garbage])
gc.set_debug(0)
gc.garbage.clear()
print("list cleared, cycle still there")
print("collected now, without a second __del__:", gc.collect())
print("end")
