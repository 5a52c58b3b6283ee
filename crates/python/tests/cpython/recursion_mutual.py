# Mutual recursion counts frames the same way; the error unwinds through both functions.
import sys

calls = [0, 0]

def ping(n):
    calls[0] += 1
    return pong(n + 1)

def pong(n):
    calls[1] += 1
    return ping(n + 1)

sys.setrecursionlimit(60)
try:
    ping(0)
except RecursionError as e:
    print("stopped:", e)
print("ping calls:", calls[0], "pong calls:", calls[1])
sys.setrecursionlimit(1000)

def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)

print("mutual recursion that ends:", is_even(10), is_odd(7))
