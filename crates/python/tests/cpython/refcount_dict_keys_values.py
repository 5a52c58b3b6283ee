# A dict holds one reference to each key and each value; replacing a value releases the old one.
import sys

class Key:
    def __hash__(self):
        return 1

k = Key()
v = [1]
w = [2]
d = {k: v}
print("key and value each gained one:", sys.getrefcount(k), sys.getrefcount(v))
d[k] = w
print("value replaced, key kept:", sys.getrefcount(k), sys.getrefcount(v), sys.getrefcount(w))
items = list(d.items())
print("items() tuples hold their own:", sys.getrefcount(k), sys.getrefcount(w))
del items
popped = d.pop(k)
print("after pop the dict lets go of both:", sys.getrefcount(k), sys.getrefcount(w))
print("popped is w:", popped is w)
