# Live weakrefs compare and hash like their referents; dead ones compare by identity.
import weakref

class Key:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return isinstance(other, Key) and self.n == other.n

    def __hash__(self):
        return hash(self.n)

a = Key(7)
b = Key(7)
ra = weakref.ref(a)
rb = weakref.ref(b)
print("equal referents, equal refs:", ra == rb, ra is rb)
print("hash of the ref is the referent's:", hash(ra), hash(a))
del a
print("one dead: not equal any more:", ra == rb)
print("a dead ref equals itself:", ra == ra)
print("hash remembered from before:", hash(ra))
c = Key(8)
rc = weakref.ref(c)
del c
try:
    hash(rc)
except TypeError as e:
    print(type(e).__name__, e)
