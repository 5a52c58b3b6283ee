# To hold a list weakly, wrap it in a small object or subclass list.
import weakref

class Holder:
    def __init__(self, items):
        self.items = items

class Items(list):
    pass

h = Holder([1, 2, 3])
rh = weakref.ref(h)
print("through the holder:", rh().items)
li = Items([4, 5])
rl = weakref.ref(li)
print("list subclass:", rl(), len(rl()))
li.append(6)
print("it is still a list:", isinstance(li, list), rl())
del h, li
print("both gone:", rh(), rl())
