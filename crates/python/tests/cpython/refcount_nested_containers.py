# Freeing an outer container releases the inner ones, which release their items in turn.
import sys

leaf = ["leaf"]
inner = [leaf, leaf]
outer = [inner, {"x": leaf}]
print("leaf refs:", sys.getrefcount(leaf), "inner refs:", sys.getrefcount(inner))
del inner
print("inner reachable only through outer:", sys.getrefcount(outer[0]))
del outer
print("outer gone, leaf back to:", sys.getrefcount(leaf))
pair = (leaf, [leaf, (leaf,)])
print("tuple nesting:", sys.getrefcount(leaf))
pair = None
print("after rebinding:", sys.getrefcount(leaf))
