# Two WeakMethods of the same bound method compare equal while alive.
import weakref

class Obj:
    def act(self):
        return "acted"

    def other(self):
        return "other"

o = Obj()
a = weakref.WeakMethod(o.act)
b = weakref.WeakMethod(o.act)
c = weakref.WeakMethod(o.other)
print("same method:", a == b, a is b)
print("different method:", a == c)
print("usable as set members:", len({a, b, c}))
del o
print("after death, only identity:", a == b, a == a)
