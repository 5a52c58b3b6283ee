# Listener objects kept in a WeakSet unsubscribe themselves simply by dying.
import weakref

class Bus:
    def __init__(self):
        self.subscribers = weakref.WeakSet()

    def publish(self, msg):
        for name in sorted(s.name for s in self.subscribers):
            print("  deliver", repr(msg), "to", name)

class Sub:
    def __init__(self, bus, name):
        self.name = name
        bus.subscribers.add(self)

bus = Bus()
x = Sub(bus, "x")
y = Sub(bus, "y")
bus.publish("hello")
del x
bus.publish("bye")
print("subscribers left:", len(bus.subscribers))
