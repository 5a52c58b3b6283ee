# WeakKeyDictionary keys must be hashable and weakly referenceable.
import weakref

class Plain:
    pass

class NoHash:
    def __eq__(self, other):
        return True

d = weakref.WeakKeyDictionary()
for key in [Plain(), NoHash(), "text", 5]:
    try:
        d[key] = "value"
        print(type(key).__name__, "accepted")
    except TypeError as e:
        print(type(key).__name__, "refused:", e)
print("entries left (the Plain key was a temporary):", len(d))
