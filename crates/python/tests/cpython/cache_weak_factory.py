# The weak cache pattern: a factory hands out one shared object per key while anyone uses it.
import weakref

class Texture:
    loads = 0

    def __init__(self, name):
        Texture.loads += 1
        self.name = name

_cache = weakref.WeakValueDictionary()

def get_texture(name):
    tex = _cache.get(name)
    if tex is None:
        tex = Texture(name)
        _cache[name] = tex
    return tex

a = get_texture("grass")
b = get_texture("grass")
print("shared:", a is b, "loads:", Texture.loads)
c = get_texture("stone")
print("cached:", sorted(_cache.keys()), "loads:", Texture.loads)
del a, b
print("grass released:", sorted(_cache.keys()))
d = get_texture("grass")
print("loaded again:", Texture.loads, d.name)
