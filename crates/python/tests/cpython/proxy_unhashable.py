# Proxies cannot be hashed or used as dict keys, even when the referent can.
import weakref

class Key:
    def __hash__(self):
        return 1

k = Key()
p = weakref.proxy(k)
print("the object hashes:", hash(k))
try:
    hash(p)
except TypeError as e:
    print(type(e).__name__, e)
try:
    {p: "value"}
except TypeError as e:
    print(type(e).__name__, e)
r = weakref.ref(k)
print("a ref can be a key:", {r: "value"}[r])
