# Popping items shrinks a list's storage only when it becomes much emptier.
import sys

items = list(range(32))
print("32 items:", sys.getsizeof(items))
sizes = []
while items:
    items.pop()
    sizes.append(sys.getsizeof(items))
changes = [(32 - i - 1, s) for i, s in enumerate(sizes) if i == 0 or sizes[i - 1] != s]
print("length and size at each change:", changes)
items.clear()
print("cleared:", sys.getsizeof(items))
