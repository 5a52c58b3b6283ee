# A class is referenced by its name, its own __mro__, the __dict__ and __weakref__
# descriptors it adds, each __slots__ member, each subclass (its __mro__, __bases__ and
# base) and each instance.
import gc
import sys

class A:
    pass

print("a class:", sys.getrefcount(A), sorted(vars(A)))

class B(A):
    pass

print("after a subclass:", sys.getrefcount(A), sys.getrefcount(B))

class C(B):
    pass

print("after a grandchild:", sys.getrefcount(A), sys.getrefcount(B), sys.getrefcount(C))
a = A()
print("with an instance:", sys.getrefcount(A))

class NoSlots:
    __slots__ = ()

class OneSlot:
    __slots__ = ("x",)

class WithMethods:
    def f(self):
        pass

    @property
    def p(self):
        return 1

class MyList(list):
    pass

print(sys.getrefcount(NoSlots), sys.getrefcount(OneSlot), sys.getrefcount(WithMethods),
      sys.getrefcount(MyList))
print(type(vars(A)["__dict__"]).__name__, type(vars(OneSlot)["x"]).__name__)

def make():
    class X:
        pass

def make_slots():
    class Y:
        __slots__ = ("a", "b")

def make_method():
    class Z:
        def m(self):
            pass
    return Z()

gc.collect()
make()
print("a class left in a cycle:", gc.collect())
make_slots()
print("with two slots:", gc.collect())
make_method()
print("with a method:", gc.collect())
