# Two names for one list see each other's changes; a copy does not.
import sys

a = [1, 2, 3]
b = a
b.append(4)
print("a:", a, "b:", b, "same:", a is b)
c = a[:]
c.append(5)
print("a:", a, "c:", c, "same:", a is c, "equal before append?", a == c[:4])
d = list(a)
e = a.copy()
print("copies are new objects:", d is a, e is a, d == a, e == a)
print("refs to a:", sys.getrefcount(a))
a += [6]
print("+= extends in place:", b, a is b)
a = a + [7]
print("+ makes a new list:", a, b, a is b)
