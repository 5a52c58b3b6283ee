# A built-in type's __new__ is one object, made once, as the one CPython keeps in the
# type's dict.
import weakref

print(object.__new__ is object.__new__, int.__new__ is int.__new__)
print(weakref.ref.__new__ is weakref.ref.__new__)

class A:
    pass

print(A.__new__ is object.__new__)
print(object.__new__(A).__class__.__name__)
