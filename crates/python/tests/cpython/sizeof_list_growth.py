# A list grows its storage in steps as you append, so its size jumps only now and then.
import sys

items = []
last = sys.getsizeof(items)
print("empty list:", last)
for i in range(40):
    items.append(i)
    size = sys.getsizeof(items)
    if size != last:
        print("after", len(items), "items:", size, "bytes")
        last = size
print("a list of 10 from [0] * 10:", sys.getsizeof([0] * 10))
print("from list(range(10)):", sys.getsizeof(list(range(10))))
print("the size does not include the items:", sys.getsizeof([[1, 2, 3] * 100]))
