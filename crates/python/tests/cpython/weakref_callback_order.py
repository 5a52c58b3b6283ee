# Callbacks of several weakrefs to one object run newest first.
import weakref

class Thing:
    pass

def make_cb(label):
    def cb(ref):
        print("callback", label)
    return cb

t = Thing()
refs = [weakref.ref(t, make_cb(n)) for n in ["first", "second", "third"]]
plain = weakref.ref(t)
print("refs with callbacks are distinct objects:", refs[0] is refs[1])
print("weakref count:", weakref.getweakrefcount(t))
del t
print("all dead:", [r() for r in refs], plain())
