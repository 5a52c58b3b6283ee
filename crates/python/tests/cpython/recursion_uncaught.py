# Unbounded recursion without a handler stops the program with RecursionError.
import sys

sys.setrecursionlimit(50)

def forever(n):
    if n % 10 == 0:
        print("depth", n)
    return forever(n + 1)

print("starting")
forever(1)
print("never printed")
