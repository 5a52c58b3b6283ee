# An exception raised in __del__ cannot propagate: it is reported on stderr and the program goes on.
class Faulty:
    def __del__(self):
        print("__del__ starts")
        raise ValueError("from __del__")

f = Faulty()
print("before del")
del f
print("after del, still running")
try:
    g = Faulty()
    del g
    print("no exception reached the try block")
except ValueError:
    print("never printed")
print("end")
