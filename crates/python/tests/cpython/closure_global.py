# global lets a function rebind a module-level name; without it, assignment makes a local.
total = 0
calls = []

def add(n):
    global total
    total += n
    calls.append(n)

def shadow(n):
    total = n
    return total

add(5)
add(7)
print("total:", total, "calls:", calls)
print("shadow returns", shadow(99), "but total is still", total)

def make_global():
    global created
    created = "made inside a function"

make_global()
print(created)
