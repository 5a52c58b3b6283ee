# del removes a name, not an object: the object goes when its last reference does.
import sys

class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freeing", self.name)

a = Noisy("first")
b = a
print("two names:", sys.getrefcount(a))
del a
print("del a done; b still works:", b.name)
del b
print("after del b")
c = Noisy("second")
c = Noisy("third")
print("rebinding freed the old object")
holder = [Noisy("fourth")]
del holder[0]
print("del of a list slot frees it too")
del c
print("end")
