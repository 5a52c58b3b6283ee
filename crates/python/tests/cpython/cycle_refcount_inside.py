# Inside a cycle every object keeps a count above zero, which is why refcounting cannot free it.
import gc
import sys

gc.disable()
gc.collect()
a = []
b = []
a.append(b)
b.append(a)
print("with names:", sys.getrefcount(a), sys.getrefcount(b))
holder = [a]
del a, b
print("a through holder:", sys.getrefcount(holder[0]))
print("b through a:", sys.getrefcount(holder[0][0]))
print("collect keeps them, holder reaches them:", gc.collect())
holder.clear()
print("holder cleared:", gc.collect())
