# Object attributes hold references; replacing or deleting an attribute releases them.
import sys

class Box:
    pass

item = [1]
box = Box()
print("one name:", sys.getrefcount(item))
box.content = item
print("also an attribute:", sys.getrefcount(item))
box.other = item
print("two attributes:", sys.getrefcount(item))
box.content = None
print("content replaced:", sys.getrefcount(item))
del box.other
print("other deleted:", sys.getrefcount(item))
box.content = item
del box
print("box itself gone:", sys.getrefcount(item))
setattr(Box, "shared", item)
print("a class attribute:", sys.getrefcount(item))
delattr(Box, "shared")
print("class attribute removed:", sys.getrefcount(item))
