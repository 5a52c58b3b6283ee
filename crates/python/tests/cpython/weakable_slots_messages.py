# __slots__ instances refuse new attributes and weakrefs with precise messages.
import weakref

class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(1, 2)
print("point:", p.x, p.y)
try:
    p.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    weakref.ref(p)
except TypeError as e:
    print(type(e).__name__, e)
try:
    p.__dict__
except AttributeError as e:
    print(type(e).__name__, e)
del p.x
try:
    print(p.x)
except AttributeError as e:
    print(type(e).__name__, e)
