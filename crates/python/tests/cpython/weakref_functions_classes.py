# Functions, classes, sets and frozensets can be weakly referenced.
import weakref

def helper():
    return 42

class Plain:
    pass

rf = weakref.ref(helper)
print("function:", rf()())
rc = weakref.ref(Plain)
print("class:", rc().__name__)
s = {1, 2}
rs = weakref.ref(s)
print("set:", sorted(rs()))
fs = frozenset([3])
print("frozenset:", weakref.ref(fs)() == {3})
lam = lambda: "lambda"
rl = weakref.ref(lam)
print("lambda:", rl()())
del helper, lam, s
print("after del:", rf(), rl(), rs())
