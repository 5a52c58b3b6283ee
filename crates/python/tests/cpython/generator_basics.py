# A generator runs only when asked for the next value and stops with StopIteration.
def countdown(n):
    print("  starting")
    while n > 0:
        yield n
        n -= 1
    print("  finished")

g = countdown(3)
print("created, nothing ran yet")
print(next(g))
print(next(g))
print(list(g))
try:
    next(g)
except StopIteration:
    print("StopIteration after the end")
print("sum of a fresh one:", sum(countdown(4)))
