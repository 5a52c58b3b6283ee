# Assigning an attribute not listed in __slots__ raises AttributeError; uncaught, it ends the program.
import sys

class Pixel:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

class Loose:
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Pixel(3, 4)
print("pixel at", p.x, p.y)
print("sizes, slotted and plain:", sys.getsizeof(p), sys.getsizeof(Loose(3, 4)))
p.color = "red"
print("never printed")
