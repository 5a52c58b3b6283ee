# __del__ runs the moment the last reference goes, in the middle of the statement that dropped it.
class Tracer:
    def __init__(self, name):
        self.name = name
        print("create", name)

    def __del__(self):
        print("delete", self.name)

t = Tracer("t1")
print("before del")
del t
print("after del")
Tracer("temp")
print("a temporary is gone by the next line")
x = Tracer("x1")
x = Tracer("x2")
print("rebinding: the new object is made before the old one goes")
x = None
print("end")
