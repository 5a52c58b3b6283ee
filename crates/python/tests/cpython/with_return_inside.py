# Returning from inside a with block still runs __exit__ before the caller sees the value.
class Trace:
    def __enter__(self):
        print("  enter")
        return self

    def __exit__(self, kind, value, tb):
        print("  exit")
        return False

def find(items, target):
    with Trace():
        for i, item in enumerate(items):
            if item == target:
                return i
    return -1

print("found at", find(["a", "b", "c"], "b"))
print("missing gives", find(["a"], "z"))

def loop_break():
    for n in range(3):
        with Trace():
            if n == 1:
                break
            print("  n =", n)
    return n

print("stopped at", loop_break())
