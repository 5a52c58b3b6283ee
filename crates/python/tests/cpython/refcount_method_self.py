# In a method, self is one more reference; a bound method object holds one too.
import sys

class Counter:
    def __init__(self):
        self.n = 0

    def refs(self):
        return sys.getrefcount(self)

    def bump(self):
        self.n += 1
        return self

c = Counter()
print("module name only:", sys.getrefcount(c))
print("inside a method:", c.refs())
bound = c.refs
print("a bound method is kept:", sys.getrefcount(c))
print("calling the kept bound method:", bound())
del bound
print("bound method dropped:", sys.getrefcount(c))
c.bump().bump().bump()
print("chained calls left n at", c.n, "and refs at", sys.getrefcount(c))
print("bound methods are new each time:", c.refs is c.refs, c.refs == c.refs)
