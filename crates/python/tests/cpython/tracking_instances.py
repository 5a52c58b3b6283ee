# Instances of classes are tracked, even with __slots__, since they refer to their class.
import gc

class Plain:
    pass

class Slotted:
    __slots__ = ("x",)

class Empty:
    __slots__ = ()

class MyList(list):
    pass

class MyStr(str):
    pass

print("plain instance:", gc.is_tracked(Plain()))
print("slotted instance:", gc.is_tracked(Slotted()))
print("empty slots:", gc.is_tracked(Empty()))
print("list subclass:", gc.is_tracked(MyList()))
print("str subclass:", gc.is_tracked(MyStr("s")))
print("the class itself:", gc.is_tracked(Plain))
print("a bound method:", gc.is_tracked(Plain().__init__))
