# A weakref to a bound method dies at once: the bound method is a temporary object.
import weakref

class Handler:
    def handle(self):
        return "handled"

h = Handler()
r = weakref.ref(h.handle)
print("plain ref to h.handle:", r())
m = h.handle
r2 = weakref.ref(m)
print("while m holds the bound method:", r2() is m)
del m
print("after del m:", r2())
wm = weakref.WeakMethod(h.handle)
print("WeakMethod rebuilds it:", wm()())
print("equal each time:", wm() == h.handle, wm() is wm())
del h
print("object gone:", wm())
