# A with statement with two managers enters left to right and exits right to left.
class Res:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("open", self.name)
        return self.name

    def __exit__(self, kind, value, tb):
        print("close", self.name)
        return False

with Res("a") as a, Res("b") as b:
    print("using", a, b)
try:
    with Res("x"), Res("y"):
        raise RuntimeError("inside")
except RuntimeError as e:
    print("caught", e)
