# Default-hashable instances make good WeakKeyDictionary keys: one entry per object.
import weakref

class Session:
    pass

extra = weakref.WeakKeyDictionary()
s1 = Session()
s2 = Session()
extra[s1] = {"user": "ann"}
extra[s2] = {"user": "bob"}
extra[s1]["visits"] = 3
print(len(extra), extra[s1], extra.get(s2))
print("get with default for an unknown key:", extra.get(Session(), "none"))
print("users:", sorted(v["user"] for v in extra.values()))
s1 = None
print("after rebinding s1:", len(extra), sorted(v["user"] for v in extra.values()))
