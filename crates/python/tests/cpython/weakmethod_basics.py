# WeakMethod holds a bound method weakly: it lives as long as the instance, not the bound method.
import weakref

class Counter:
    def __init__(self):
        self.n = 0

    def tick(self):
        self.n += 1
        return self.n

c = Counter()
wm = weakref.WeakMethod(c.tick)
print("type:", type(wm).__name__, isinstance(wm, weakref.ref))
print("call through it:", wm()(), wm()())
print("a new bound method each time, equal ones:", wm() is wm(), wm() == c.tick)
print("counter:", c.n)
del c
print("instance gone:", wm())
