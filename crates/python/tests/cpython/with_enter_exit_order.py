# with calls __enter__, runs the body, then always calls __exit__, even after an exception.
class Step:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, kind, value, tb):
        print("exit", self.name, "exception:", kind is not None)
        return False

with Step("one") as s:
    print("body of", s.name)
try:
    with Step("two"):
        print("body raises")
        raise ValueError("bad")
        print("never printed")
except ValueError as e:
    print("caught outside:", e)
print("end")
