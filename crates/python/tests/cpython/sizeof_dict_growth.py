# A dict's size jumps when its hash table is resized.
import sys

d = {}
last = sys.getsizeof(d)
print("empty dict:", last)
for i in range(25):
    d["key" + str(i)] = i
    size = sys.getsizeof(d)
    if size != last:
        print("after", len(d), "keys:", size)
        last = size
e = {}
for i in range(6):
    e[i] = i
print("six int keys:", sys.getsizeof(e))
print("same contents from a literal:", sys.getsizeof({0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5}))
