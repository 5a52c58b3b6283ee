# Objects still alive at exit are finalized during shutdown: atexit finalizers first, then module names.
import weakref

class Tracer:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)

b = Tracer("b")
a = Tracer("a")
cyclic = Tracer("cyclic")
cyclic.me = cyclic
weakref.finalize(a, print, "finalize a (atexit)")
temp = Tracer("temp")
del temp
print("end of the program's own code")
