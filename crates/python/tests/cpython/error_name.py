# NameError names the missing variable; UnboundLocalError is its subclass for locals used too early.
try:
    print(undefined_name)
except NameError as e:
    print(type(e).__name__ + ":", e)

def early():
    print(later)
    later = 1

try:
    early()
except NameError as e:
    print(type(e).__name__ + ":", e)
    print("is a NameError:", isinstance(e, NameError))
x = 1
del x
try:
    x
except NameError as e:
    print("after del:", e)
