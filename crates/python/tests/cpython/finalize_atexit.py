# Finalizers still alive at exit run then, newest first, unless atexit is set to False.
import weakref

class Service:
    def __init__(self, name):
        self.name = name

def stop(name):
    print("stopping", name)

keep = []
for name in ["db", "cache", "web"]:
    s = Service(name)
    keep.append(s)
    f = weakref.finalize(s, stop, name)
print("atexit default:", f.atexit)
f.atexit = False
print("web will not be stopped at exit:", f.atexit)
del s
print("end of the program")
