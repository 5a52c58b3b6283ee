# Instance sizes: plain instances keep attributes inline in 3.11; __slots__ instances are smaller.
import sys

class Empty:
    pass

class Two:
    def __init__(self):
        self.a = 1
        self.b = 2

class Slotted:
    __slots__ = ("a", "b")

print("empty instance:", sys.getsizeof(Empty()))
print("two attributes:", sys.getsizeof(Two()))
print("slotted:", sys.getsizeof(Slotted()))
t = Two()
print("its __dict__ once asked for:", sys.getsizeof(t.__dict__))
class Many:
    pass

m = Many()
for i in range(40):
    setattr(m, "attr" + str(i), i)
print("forty attributes:", sys.getsizeof(m), "its dict:", sys.getsizeof(m.__dict__))
