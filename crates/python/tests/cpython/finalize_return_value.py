# Calling a live finalizer returns the function's result; a dead one returns None.
import weakref

class Obj:
    pass

def total(*parts):
    return sum(parts)

o = Obj()
f = weakref.finalize(o, total, 1, 2, 3)
print("first call:", f())
print("second call:", f())
print("object still alive, finalizer is not:", f.alive)
p = Obj()
g = weakref.finalize(p, total, 10)
del p
print("after natural death:", g(), g.alive)
