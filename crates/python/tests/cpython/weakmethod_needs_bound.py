# WeakMethod accepts only bound methods; a plain function raises TypeError.
import weakref

def plain():
    return "plain"

class Obj:
    def method(self):
        return "method"

try:
    weakref.WeakMethod(plain)
except TypeError as e:
    print(type(e).__name__, e)
o = Obj()
wm = weakref.WeakMethod(o.method)
print("bound method accepted:", wm()())
rf = weakref.ref(plain)
print("a plain function is fine with weakref.ref:", rf()())
