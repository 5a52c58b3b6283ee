# type(name, bases, namespace) makes a class as a class statement does, from a copy of the
# namespace; the caller's __module__ when the namespace has none.
import sys
Point = type("Point", (), {"x": 1, "describe": lambda self: f"point at {self.x}"})
p = Point()
print(Point.__name__, Point.__qualname__, Point.__module__, p.describe(), type(p) is Point)
Sub = type("Sub", (Point,), {})
print(Sub.__mro__ if False else [c.__name__ for c in Sub.__mro__], isinstance(Sub(), Point))
print(sys.getrefcount(Point))
for bad in [(1, (), {}), ("A", [], {}), ("A", (), [])]:
    try:
        type(*bad)
    except TypeError as e:
        print(e)
try:
    type("A", (1,), {})
except TypeError as e:
    print(e)
