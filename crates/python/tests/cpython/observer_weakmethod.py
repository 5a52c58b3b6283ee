# An event source that holds listeners' bound methods weakly never keeps a listener alive.
import weakref

class Source:
    def __init__(self):
        self.listeners = []

    def subscribe(self, method):
        self.listeners.append(weakref.WeakMethod(method))

    def emit(self, event):
        alive = [ref for ref in self.listeners if ref() is not None]
        self.listeners = alive
        for ref in alive:
            ref()(event)
        return len(alive)

class Logger:
    def __init__(self, name):
        self.name = name

    def on_event(self, event):
        print("  ", self.name, "got", event)

src = Source()
a = Logger("a")
b = Logger("b")
src.subscribe(a.on_event)
src.subscribe(b.on_event)
print("delivered to", src.emit("start"))
del b
print("delivered to", src.emit("tick"))
