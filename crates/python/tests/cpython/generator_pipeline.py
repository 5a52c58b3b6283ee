# Generators chain into lazy pipelines; values flow through one at a time.
def numbers(limit):
    for n in range(limit):
        print("  produce", n)
        yield n

def squares(source):
    for n in source:
        yield n * n

def evens(source):
    for n in source:
        if n % 2 == 0:
            yield n

pipe = evens(squares(numbers(5)))
print("first even square:", next(pipe))
print("the rest:", list(pipe))
print("any() stops early:", any(n > 2 for n in numbers(10)))
print("sorted words:", sorted(w.upper() for w in ["b", "c", "a"]))
