# Equal constants of one module are one object, whichever function or line writes them.
import sys

a = 1000
b = 1000
print(a is b, sys.getrefcount(a))

def answer():
    return 1000

print(answer() is a, sys.getrefcount(a))
print("folded:", sys.getrefcount(2 ** 10), sys.getrefcount(-300))
u = "hello world"
v = "hello world"
print(u is v, sys.getrefcount(u))
p = (1, 2, 3)
q = (1, 2, 3)
print(p is q, sys.getrefcount(p))
items = [1000, 1000]
print(items[0] is items[1], sys.getrefcount(a))

class Config:
    """Settings."""
    limit = 123456

print(sys.getrefcount(Config.limit))
k = 5000
del k
print("after del, the literal lives on in the code:", sys.getrefcount(5000))
