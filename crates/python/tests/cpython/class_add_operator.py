# __add__ defines +; += falls back to __add__ and rebinds the name to the new object.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

a = Vec(1, 2)
b = Vec(10, 20)
print(a + b)
old = a
a += b
print("+= made a new object:", a, old, a is old)
print("sum with a start value:", sum([Vec(1, 1), Vec(2, 2)], Vec(0, 0)))
try:
    a + 5
except AttributeError as e:
    print(type(e).__name__ + ":", e)
