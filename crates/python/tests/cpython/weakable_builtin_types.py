# Instances of int, str, tuple, list and dict cannot be weakly referenced.
import weakref

samples = [42, "text", (1, 2), [1, 2], {"k": 1}, 1.5, None, True]
for obj in samples:
    try:
        weakref.ref(obj)
        print(type(obj).__name__, "ok")
    except TypeError as e:
        print(type(e).__name__ + ":", e)
