# Tuple constants in compiled code start out tracked; the first collection untracks them.
import gc

gc.disable()
print("a constant tuple before any collection:", gc.is_tracked((1, 2)))
print("another one:", gc.is_tracked(("a", None)))
print("the empty tuple is never tracked:", gc.is_tracked(()))
gc.collect(0)
print("after collect(0):", gc.is_tracked((1, 2)), gc.is_tracked(("a", None)))

def later():
    return (3, 4)

print("a constant in a function, after the collection:", gc.is_tracked(later()))
nested = ((1, 2), (3, 4))
print("a tuple of tuples:", gc.is_tracked(nested), gc.is_tracked(nested[0]))
