# Many weakrefs to an object add nothing to its reference count.
import sys
import weakref

class Big:
    pass

b = Big()
before = sys.getrefcount(b)
refs = [weakref.ref(b, lambda r: None) for i in range(10)]
after = sys.getrefcount(b)
print("refcount before and after 10 weakrefs:", before, after)
print("weakref count:", weakref.getweakrefcount(b))
strong = [b for i in range(10)]
print("10 strong refs:", sys.getrefcount(b))
del strong
del b
print("alive refs:", sum(1 for r in refs if r() is not None))
