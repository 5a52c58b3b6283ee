# The default recursion limit is 1000 frames; going deeper raises RecursionError.
import sys

print("limit:", sys.getrecursionlimit())
deepest = 0

def dive(n):
    global deepest
    deepest = n
    dive(n + 1)

try:
    dive(1)
except RecursionError as e:
    print(type(e).__name__ + ":", e)
print("deepest call reached:", deepest)
print("RecursionError is a RuntimeError:", issubclass(RecursionError, RuntimeError))
