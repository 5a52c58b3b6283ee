# Trying to weakly reference a list ends the program with TypeError when not caught.
import weakref

class Box:
    pass

ok = weakref.ref(Box())
print("an instance is fine; it died at once:", ok())
data = [1, 2, 3]
print("now a list...")
r = weakref.ref(data)
print("never printed")
