# peek() shows what a finalizer would do; detach() takes it back without calling it.
import weakref

class Temp:
    def __init__(self, name):
        self.name = name

def cleanup(label, count):
    print("cleanup", label, count)

t = Temp("scratch")
f = weakref.finalize(t, cleanup, "tmp", 3)
obj, func, args, kwargs = f.peek()
print("peek:", obj.name, func is cleanup, args, kwargs)
del obj
got = f.detach()
print("detach returned the same parts:", got[0] is t, got[2])
print("alive after detach:", f.alive, "peek:", f.peek(), "detach again:", f.detach())
del t, got
print("object died: no cleanup ran")
u = Temp("keep")
h = weakref.finalize(u, cleanup, "u", 1)
del u
print("dead finalizer peek:", h.peek())
