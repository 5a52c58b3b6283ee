# The gc debug flags are bits that combine with |; get_debug() reports them.
import gc

print("off by default:", gc.get_debug())
print("STATS:", gc.DEBUG_STATS, "COLLECTABLE:", gc.DEBUG_COLLECTABLE)
print("UNCOLLECTABLE:", gc.DEBUG_UNCOLLECTABLE, "SAVEALL:", gc.DEBUG_SAVEALL)
print("LEAK combines them:", gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
gc.set_debug(gc.DEBUG_COLLECTABLE | gc.DEBUG_SAVEALL)
print("set:", gc.get_debug())
print("has SAVEALL:", gc.get_debug() & gc.DEBUG_SAVEALL != 0)
print("has STATS:", gc.get_debug() & gc.DEBUG_STATS != 0)
gc.set_debug(0)
print("cleared:", gc.get_debug())
