# WeakSet members stuck in cycles leave the set during gc.collect().
import gc
import weakref

class Peer:
    def __init__(self, name):
        self.name = name
        self.link = None

gc.disable()
gc.collect()
members = weakref.WeakSet()
a = Peer("a")
b = Peer("b")
c = Peer("c")
a.link = b
b.link = a
for p in [a, b, c]:
    members.add(p)
del p
print("members:", sorted(m.name for m in members))
del a, b
print("a and b dropped, still members by their cycle:", len(members))
gc.collect()
print("after collect:", sorted(m.name for m in members))
