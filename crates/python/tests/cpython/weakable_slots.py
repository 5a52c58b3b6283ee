# A class with __slots__ gets no weakref slot unless '__weakref__' is one of its slots.
import weakref

class Tight:
    __slots__ = ("x",)

class Open:
    __slots__ = ("x", "__weakref__")

class Child(Tight):
    pass

t = Tight()
try:
    weakref.ref(t)
except TypeError as e:
    print(type(e).__name__, e)
o = Open()
o.x = 3
print("with __weakref__ slot:", weakref.ref(o)().x)
c = Child()
print("a subclass without __slots__ gets a weakref slot again:", weakref.ref(c)() is c)
print("has __weakref__ attribute:", hasattr(o, "__weakref__"), hasattr(t, "__weakref__"))
print("no ref yet, __weakref__ is", o.__weakref__)
r = weakref.ref(o)
print("o.__weakref__ is the ref:", o.__weakref__ is r)
