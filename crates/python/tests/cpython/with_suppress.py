# An __exit__ that returns True swallows the exception; execution continues after the block.
class Suppress:
    def __init__(self, kind):
        self.kind = kind

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is not None and issubclass(kind, self.kind):
            print("suppressed", kind.__name__ + ":", value)
            return True
        return False

with Suppress(KeyError):
    {}["missing"]
print("after the first block")
with Suppress(ArithmeticError):
    print(1 / 0)
print("ZeroDivisionError is an ArithmeticError")
try:
    with Suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", type(e).__name__, e)
