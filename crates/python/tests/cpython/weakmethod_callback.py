# A WeakMethod callback runs when the instance dies.
import weakref

class Sensor:
    def __init__(self, name):
        self.name = name

    def read(self):
        return self.name + " reading"

def lost(ref):
    print("callback: method target died; ref gives", ref())

s = Sensor("temp")
wm = weakref.WeakMethod(s.read, lost)
print(wm()())
del s
print("end")
