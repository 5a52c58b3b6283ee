# A property computes an attribute on access; without a setter, assignment fails.
class Circle:
    def __init__(self, r):
        self.r = r

    @property
    def diameter(self):
        print("  computing diameter")
        return 2 * self.r

c = Circle(3)
print("diameter:", c.diameter)
c.r = 5
print("follows r:", c.diameter)
try:
    c.diameter = 1
except AttributeError as e:
    print(type(e).__name__ + ":", e)
print("the property lives on the class:", type(Circle.diameter).__name__)
