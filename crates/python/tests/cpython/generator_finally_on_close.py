# A generator dropped before it finishes runs its finally block when it is freed.
def reader():
    try:
        for i in range(10):
            yield i
    finally:
        print("  reader cleaned up")

g = reader()
print(next(g), next(g))
print("dropping the generator:")
del g
for x in reader():
    if x == 3:
        print("breaking out at", x)
        break
print("after the loop, x =", x)
