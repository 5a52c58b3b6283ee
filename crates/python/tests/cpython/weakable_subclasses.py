# Subclasses of list, dict and str can be weakly referenced; subclasses of int and tuple cannot.
import weakref

class MyList(list):
    pass

class MyDict(dict):
    pass

class MyStr(str):
    pass

class MyInt(int):
    pass

class MyTuple(tuple):
    pass

for obj in [MyList([1]), MyDict(a=1), MyStr("s"), MyInt(5), MyTuple((1,))]:
    try:
        r = weakref.ref(obj)
        print(type(obj).__name__, "works, value", r())
    except TypeError as e:
        print(type(obj).__name__, "fails:", e)
