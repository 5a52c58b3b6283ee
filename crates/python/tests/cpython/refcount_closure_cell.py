# A closure cell holds its object once, however many inner functions share it.
import sys

def make():
    state = []
    def add(v):
        state.append(v)
    def size():
        return len(state)
    print("inside make:", sys.getrefcount(state))
    return add, size, state

add, size, kept = make()
print("after make returned:", sys.getrefcount(kept))
add(1)
add(2)
print("size:", size(), "state:", kept)
del add
print("one closure gone:", sys.getrefcount(kept))
del size
print("both closures gone:", sys.getrefcount(kept))
