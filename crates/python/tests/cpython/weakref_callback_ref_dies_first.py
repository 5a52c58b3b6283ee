# A callback does not run if its weakref object was freed before the referent.
import weakref

class Thing:
    pass

def make_cb(label):
    def cb(ref):
        print("callback for", label)
    return cb

t = Thing()
keep = weakref.ref(t, make_cb("keep"))
drop = weakref.ref(t, make_cb("drop"))
print("two refs with callbacks:", weakref.getweakrefcount(t))
print("refs to one object compare equal, so one dict key:", keep == drop, len({keep: 1, drop: 2}))
del drop
print("one ref dropped:", weakref.getweakrefcount(t))
del t
print("end")
