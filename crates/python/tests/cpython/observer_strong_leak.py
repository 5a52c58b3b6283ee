# Holding listeners' bound methods strongly keeps the listeners alive after their owners let go.
import weakref

class Source:
    def __init__(self):
        self.callbacks = []

    def subscribe(self, method):
        self.callbacks.append(method)

class View:
    def __init__(self, name):
        self.name = name

    def refresh(self):
        return self.name + " refreshed"

src = Source()
v = View("sidebar")
probe = weakref.ref(v)
src.subscribe(v.refresh)
del v
print("view still alive through the source:", probe() is not None)
print("and still called:", [cb() for cb in src.callbacks])
src.callbacks.clear()
print("after unsubscribing:", probe())
