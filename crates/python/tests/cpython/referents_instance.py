# An instance refers to its attribute values and to its class.
import gc

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point([1], "label")
refs = gc.get_referents(p)
print("count:", len(refs))
print("types:", [type(r).__name__ for r in refs])
print("x value first:", refs[0] is p.x, "class last:", refs[-1] is Point)
p.z = {"k": 0}
print("after adding z:", len(gc.get_referents(p)))
del p.x
print("after deleting x:", [type(r).__name__ for r in gc.get_referents(p)])

class Slots:
    __slots__ = ("a", "b")

s = Slots()
s.a = [5]
print("slots:", [type(r).__name__ for r in gc.get_referents(s)])
