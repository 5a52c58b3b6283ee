# 100,000 lookups through a weak cache: hits while a client holds the object, misses after.
import weakref

class Texture:
    def __init__(self, name):
        self.name = name

cache = weakref.WeakValueDictionary()
made = 0

def get(name):
    global made
    obj = cache.get(name)
    if obj is None:
        obj = Texture(name)
        cache[name] = obj
        made += 1
    return obj

held = [get("t%d" % i) for i in range(100)]
for i in range(100000):
    t = get("t%d" % (i % 200))
print(made, len(cache))
