# Generation 0 counts containers that built-in code makes behind the scenes: the tuple a
# call packs its arguments into, the tuple kept as an exception's args, print's first
# call. A lookup that finds nothing makes no exception object.
import gc
import weakref

gc.collect()
gc.disable()
counts = [0] * 40
def mark(i):
    counts[i] = gc.get_count()[0]

def p():
    pass

mark(0)
mark(1)
s = str(5)
mark(2)
s = str(6)
mark(3)
m = min([3, 1, 2])
mark(4)
found = "hello".find("l")
mark(5)
e = ValueError("boom")
mark(6)
e = KeyError("k")
mark(7)
has = hasattr(p, "missing")
mark(8)
value = getattr(p, "missing", None)
mark(9)
r = weakref.ref(p)
mark(10)
z = zip([1], [2])
mark(11)
gc.set_threshold(700)
mark(12)
found = "hello".count("l")
mark(13)
print("first print")
mark(14)
print("second print")
mark(15)
print([1, 2])
mark(16)
print([3, 4])
mark(17)
print("steps:", [counts[i + 1] - counts[i] for i in range(1, 17)])
print("args kept:", e.args, has, value)
gc.enable()
