# Closures see a variable's value at call time, not at definition time.
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print("all see the last i:", [f() for f in funcs])
fixed = []
for i in range(3):
    fixed.append(lambda i=i: i)
print("a default argument captures the value:", [f() for f in fixed])

def make(n):
    return lambda: n

made = [make(n) for n in range(3)]
print("a factory function gives each its own cell:", [f() for f in made])
i = 42
print("changing the global i changes the first group:", [f() for f in funcs])
