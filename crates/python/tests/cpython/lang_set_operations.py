# Sets of small ints: algebra, membership and methods (printed sorted or as int sets).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)))
print("subset:", {1, 2} <= a, {1, 9} <= a, a.issuperset({1}), a.isdisjoint({7, 8}))
a.add(10)
a.discard(1)
a.discard(99)
print(sorted(a), len(a), 10 in a, 1 in a)
try:
    a.remove(99)
except KeyError as e:
    print("remove missing:", repr(e))
f = frozenset([3, 2, 1])
print("frozenset:", sorted(f), f == {1, 2, 3}, len(f))
print("dedupe:", sorted(set([3, 1, 3, 2, 1])))
print("comprehension:", sorted({x % 3 for x in range(10)}))
print("empty set:", set(), len(set()), set() == set())
