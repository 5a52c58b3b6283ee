# `in` on a list compares item by item; an __eq__ that empties the list ends the search,
# and each item is held only while it is compared.
class Evil:
    def __eq__(self, other):
        lst.clear()
        return False
lst = [Evil(), Evil(), 3]
print(3 in lst, lst)
import sys
x = object()
t = [x]
print(x in t, sys.getrefcount(x))
