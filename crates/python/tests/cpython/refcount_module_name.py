# Each module-level name bound to an object adds one to its reference count.
import sys

data = [1, 2, 3]
print("one name:", sys.getrefcount(data))
alias = data
print("two names:", sys.getrefcount(data))
third = alias
print("three names:", sys.getrefcount(data))
del alias
print("after del alias:", sys.getrefcount(data))
third = None
print("after rebinding third:", sys.getrefcount(data))
print("a temporary:", sys.getrefcount([1, 2, 3]))
print("same object?", data is [1, 2, 3], data == [1, 2, 3])
