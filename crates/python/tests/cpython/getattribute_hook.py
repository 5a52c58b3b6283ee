# A class's own __getattribute__ sees every attribute read; an AttributeError it raises goes
# to __getattr__; object.__getattribute__ is the generic lookup underneath.
class A:
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        print("get", name)
        return object.__getattribute__(self, name)
a = A()
print(a.x)
print(hasattr(a, "y"), getattr(a, "y", "dflt"))
class B:
    def __getattr__(self, name):
        return name * 2
print(B().zz)
class C(A):
    def __getattr__(self, name):
        print("fallback", name)
        return 42
c = C()
print(c.x, c.missing)
try:
    object.__getattribute__(c, "nothere")
except AttributeError as e:
    print("object.__getattribute__:", e)
class D:
    pass
def spy(self, name):
    print("spy", name)
    return object.__getattribute__(self, name)
d = D()
d.v = 5
D.__getattribute__ = spy
print(d.v)
class E:
    def __getattribute__(self, name):
        if name == "boom":
            raise KeyError(name)
        return 7
try:
    E().boom
except KeyError as e:
    print("KeyError", e)
print(E().anything)
