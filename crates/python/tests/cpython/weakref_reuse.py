# weakref.ref(x) without a callback hands back the same ref object each time; with one, a new object.
import weakref

class Thing:
    pass

t = Thing()
a = weakref.ref(t)
b = weakref.ref(t)
print("same plain ref:", a is b)
print("callback None counts as plain:", weakref.ref(t, None) is a)
c = weakref.ref(t, print)
d = weakref.ref(t, print)
print("with callbacks, distinct:", c is d, c is a)
print("but they compare equal while alive:", c == d, c == a)
print("count:", weakref.getweakrefcount(t))
del a, b
print("the plain ref died with its names; count:", weakref.getweakrefcount(t))
e = weakref.ref(t)
print("a fresh plain ref:", e() is t)
del c, d
print("end")
