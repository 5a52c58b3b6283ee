# getweakrefcount and getweakrefs list the weakrefs and proxies pointing at an object.
import weakref

class Thing:
    pass

t = Thing()
print("none yet:", weakref.getweakrefcount(t), weakref.getweakrefs(t))
r1 = weakref.ref(t)
r2 = weakref.ref(t, lambda r: None)
p = weakref.proxy(t)
print("count:", weakref.getweakrefcount(t))
listed = weakref.getweakrefs(t)
print("listed:", len(listed), "plain ref first:", listed[0] is r1)
print("kinds:", sorted(type(x).__name__ for x in listed))
del r2
print("listed still holds r2:", weakref.getweakrefcount(t))
del listed
print("after del listed:", weakref.getweakrefcount(t))
print("not weakly referable things report zero:", weakref.getweakrefcount(5), weakref.getweakrefs([]))
del t
print("dead referent, ref cleared:", r1())
