# Atoms cannot form cycles, so the collector never tracks them.
import gc

print("int:", gc.is_tracked(42))
print("big int:", gc.is_tracked(10 ** 30))
print("float:", gc.is_tracked(1.5))
print("str:", gc.is_tracked("hello"))
print("None:", gc.is_tracked(None))
print("True:", gc.is_tracked(True))
print("list:", gc.is_tracked([]))
print("set:", gc.is_tracked(set()))
print("frozenset of ints:", gc.is_tracked(frozenset([1, 2])))
print("function:", gc.is_tracked(lambda: 0))
