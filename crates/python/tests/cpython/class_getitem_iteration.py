# An object with only __getitem__ is iterable: Python calls it with 0, 1, 2... until IndexError.
class Squares:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError("no more squares")
        return i * i

s = Squares(5)
print("index:", s[3])
print("iterate:", list(s))
print("in uses iteration:", 9 in s, 10 in s)
print("sum:", sum(s), "max:", max(s))
a, b, c, d, e = s
print("unpacked:", a, e)
