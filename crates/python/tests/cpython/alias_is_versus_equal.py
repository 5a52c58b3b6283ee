# == compares values, is compares identity; copies are equal but not identical.
a = [1, [2, 3]]
b = [1, [2, 3]]
c = a
print("a == b:", a == b, " a is b:", a is b)
print("a == c:", a == c, " a is c:", a is c)
shallow = a.copy()
print("shallow copy shares the inner list:", shallow[1] is a[1])
shallow[1].append(4)
print("a after changing the copy's inner list:", a)
print("b unchanged:", b)
x = None
print("compare with None by identity:", x is None, x is not None)
print("empty containers are equal:", [] == [], {} == {}, () == ())
print("but distinct lists:", [] is [])
print("list vs tuple:", [1, 2] == (1, 2), list((1, 2)) == [1, 2])
