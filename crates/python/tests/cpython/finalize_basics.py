# weakref.finalize calls a function with saved arguments when the object dies, exactly once.
import weakref

class Resource:
    pass

def release(name, mode="normal"):
    print("releasing", name, "in", mode, "mode")
    return "released " + name

r = Resource()
f = weakref.finalize(r, release, "disk", mode="fast")
print("alive:", f.alive)
del r
print("alive after the object died:", f.alive)
print("calling it again does nothing:", f())
s = Resource()
g = weakref.finalize(s, release, "net")
print("calling early runs it now:", g())
print("alive:", g.alive, "second call:", g())
del s
print("end")
