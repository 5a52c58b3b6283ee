# setrecursionlimit(n) counts every frame, the module's included: with 100, a function may nest 99 deep.
import sys

def depth(n):
    if n == 0:
        return 1
    return 1 + depth(n - 1)

sys.setrecursionlimit(100)
print("limit now:", sys.getrecursionlimit())
for n in [50, 98, 99]:
    try:
        print("depth", n, "gives", depth(n))
    except RecursionError as e:
        print("depth", n, "fails:", e)
sys.setrecursionlimit(1000)
print("restored, depth 500:", depth(500))
