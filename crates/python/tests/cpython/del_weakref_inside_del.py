# Dying by refcount, __del__ runs first and the object's weakrefs still work inside it; callbacks follow.
import weakref

class Obj:
    def __del__(self):
        print("__del__: ref still returns self:", r() is self)

def callback(ref):
    print("callback: ref now returns", ref())

o = Obj()
r = weakref.ref(o, callback)
del o
print("after:", r())
