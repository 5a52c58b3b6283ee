# Defining __eq__ without __hash__ makes instances unhashable; define both for dict keys.
class Loose:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, Loose) and self.v == other.v

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

print("equal:", Loose(1) == Loose(1), Loose(1) != Loose(2))
try:
    {Loose(1): "x"}
except TypeError as e:
    print(type(e).__name__ + ":", e)
seen = {Point(1, 2): "a"}
print("lookup by an equal point:", seen[Point(1, 2)])
print("set of points:", len({Point(0, 0), Point(0, 0), Point(1, 0)}))
print("hash of a tuple of ints is stable:", hash(Point(1, 2)) == hash((1, 2)))
