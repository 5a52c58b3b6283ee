# Which allocations generation 0 counts: containers with a GC header. A range and its
# iterator have none; the first repr of a container makes the thread state's dict and the
# list Py_ReprEnter keeps in it.
import gc
import sys

gc.disable()
gc.collect()
r = range(5)
before = gc.get_count()
it = iter(r)
after = gc.get_count()
print("range and its iterator:", before, after, gc.is_tracked(r), gc.is_tracked(it))
print("the iterator keeps no reference to the range:", sys.getrefcount(r))
gc.collect()
a = gc.get_count()
s = repr([1])
b = gc.get_count()
s = repr([2])
c = gc.get_count()
print("repr of a list, first and second time:", a, b, c)
gc.collect()
a = gc.get_count()
for i in range(10):
    pass
b = gc.get_count()
print("a for loop over a range:", a, b)
gc.enable()
