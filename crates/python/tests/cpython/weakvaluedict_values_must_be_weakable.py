# WeakValueDictionary values must be weakly referenceable; ints and lists are refused.
import weakref

class Obj:
    pass

d = weakref.WeakValueDictionary()
o = Obj()
d[1] = o
print("instance stored under an int key:", d[1] is o)
for bad in [5, [1, 2], "text"]:
    try:
        d["bad"] = bad
    except TypeError as e:
        print(type(e).__name__ + ":", e)
print("nothing bad stored:", list(d.keys()))
