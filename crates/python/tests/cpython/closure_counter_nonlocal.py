# nonlocal lets an inner function rebind a variable of the enclosing call; each call has its own.
def make_counter(start):
    count = start
    def step(by=1):
        nonlocal count
        count += by
        return count
    return step

a = make_counter(0)
b = make_counter(100)
print(a(), a(), a(5))
print(b(), b(-50))
print("independent:", a(), b())
try:
    def broken():
        total = 0
        def add():
            total += 1
        add()
    broken()
except UnboundLocalError as e:
    print(type(e).__name__ + ":", e)
