# Inside a with block the saved __exit__ bound method keeps the manager alive: one more reference.
import sys

class Manager:
    def __enter__(self):
        print("enter, refs:", sys.getrefcount(self))
        return "token"

    def __exit__(self, kind, value, tb):
        print("exit, refs:", sys.getrefcount(self))
        return False

m = Manager()
print("before with:", sys.getrefcount(m))
with m as tok:
    print("inside with:", sys.getrefcount(m), tok)
print("after with:", sys.getrefcount(m))

class Self(Manager):
    def __enter__(self):
        return self

with Self() as s:
    print("as-target is the manager itself:", sys.getrefcount(s))
print("after the block, s still bound:", sys.getrefcount(s))
