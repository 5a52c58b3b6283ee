# A WeakValueDictionary entry disappears as soon as its value has no strong references.
import weakref

class Image:
    def __init__(self, name):
        self.name = name

cache = weakref.WeakValueDictionary()
logo = Image("logo")
icon = Image("icon")
cache["logo"] = logo
cache["icon"] = icon
print("cached:", sorted(cache.keys()), len(cache))
print("lookup:", cache["logo"].name, "logo" in cache)
del icon
print("icon dropped:", sorted(cache.keys()), "icon" in cache)
print("get with default:", cache.get("icon", "missing"))
try:
    cache["icon"]
except KeyError as e:
    print(type(e).__name__, repr(e))
del logo
print("all gone:", len(cache), list(cache.items()))
