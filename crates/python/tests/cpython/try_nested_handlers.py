# An exception travels outward to the nearest matching handler; finally blocks run on the way.
def inner():
    try:
        print("inner: raising")
        raise KeyError("deep")
    except ValueError:
        print("inner: not a ValueError")
    finally:
        print("inner: finally")

def middle():
    try:
        inner()
    finally:
        print("middle: finally")

try:
    middle()
except LookupError as e:
    print("outer caught", type(e).__name__, e, "as a LookupError")
print("end")
