# A small strong list keeps recent objects alive; the weak cache finds older ones still in use.
import weakref

class Data:
    def __init__(self, key):
        self.key = key

weak = weakref.WeakValueDictionary()
recent = []

def fetch(key):
    obj = weak.get(key)
    if obj is None:
        obj = Data(key)
        weak[key] = obj
        print("  created", key)
    recent.append(obj)
    if len(recent) > 2:
        recent.pop(0)
    return obj

for key in ["a", "b", "a", "c", "d", "a"]:
    fetch(key)
print("recent:", [d.key for d in recent])
print("weakly cached:", sorted(weak.keys()))
held = fetch("c")
print("still known:", sorted(weak.keys()), held.key)
