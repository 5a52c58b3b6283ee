# A recursive inner function refers to itself through its closure cell: a cycle of three objects.
import gc

gc.disable()
gc.collect()

def make_walker():
    def walk(n):
        if n == 0:
            return "bottom"
        return walk(n - 1)
    return walk

w = make_walker()
print(w(5))
del w
print("function, cell and closure tuple:", gc.collect())

def make_plain():
    def shout(s):
        return s.upper()
    return shout

s = make_plain()
print(s("no cycle"))
del s
print("no self reference:", gc.collect())
