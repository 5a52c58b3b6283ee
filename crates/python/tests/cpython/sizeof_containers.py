# Sizes of empty and small containers: a container's size counts its slots, not its items.
import sys

print("tuples:", [sys.getsizeof(tuple(range(n))) for n in range(4)])
print("lists from literals:", sys.getsizeof([]), sys.getsizeof([1]), sys.getsizeof([1, 2]))
print("sets:", sys.getsizeof(set()), sys.getsizeof({1, 2, 3}), sys.getsizeof(set(range(5))))
print("frozenset:", sys.getsizeof(frozenset()))
print("dicts:", sys.getsizeof({}), sys.getsizeof({"a": 1}))
small = tuple([1, 2, 3])
big = tuple([10 ** 100, "x" * 1000, list(range(1000))])
print("same size for small and big items:", sys.getsizeof(small) == sys.getsizeof(big))
x = 1
print("a list display of constants vs of names:", sys.getsizeof([1, 2, 3]), sys.getsizeof([x, x, x]))
