# A class becomes iterable with __iter__; an iterator has __next__ and raises StopIteration.
class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        return CountdownIter(self.start)

class CountdownIter:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

c = Countdown(3)
print("list:", list(c))
print("again, a fresh iterator each time:", list(c))
it = iter(c)
print("manual:", next(it), next(it))
print("rest:", list(it), "exhausted:", list(it))
print("zip and enumerate work:", list(enumerate(Countdown(2))), list(zip(Countdown(2), "ab")))
