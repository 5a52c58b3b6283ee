# A comprehension variable is local to the comprehension: it holds a reference only inside.
import sys

x = []
pair = [x, x]
print("outside:", sys.getrefcount(x))
print("in a list comprehension:", [sys.getrefcount(v) for v in pair])
print("in a dict comprehension:", {k: sys.getrefcount(x) for k in range(2)})
print("in a generator expression:", sum(sys.getrefcount(v) for v in pair))
print("afterwards:", sys.getrefcount(x))
try:
    print(v)
except NameError as e:
    print(type(e).__name__, e)
copies = [v for v in pair]
print("a comprehension result holds its own references:", sys.getrefcount(x))
del copies
print("after del:", sys.getrefcount(x))
