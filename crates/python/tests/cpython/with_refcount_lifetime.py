# A manager created in the with line lives until __exit__ returns, then it is freed.
import sys

class Scope:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self.name

    def __exit__(self, kind, value, tb):
        print("exit", self.name, "refs:", sys.getrefcount(self))
        return False

    def __del__(self):
        print("del", self.name)

with Scope("temp") as label:
    print("inside", label)
print("after the block")
keep = Scope("kept")
with keep:
    print("inside kept, refs:", sys.getrefcount(keep))
print("after; refs back to", sys.getrefcount(keep))
del keep
print("end")
