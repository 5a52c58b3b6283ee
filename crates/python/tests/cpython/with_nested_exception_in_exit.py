# An exception raised by __exit__ replaces the one from the block, which becomes its context.
class Bad:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        raise RuntimeError("exit failed")

try:
    with Bad():
        raise ValueError("body failed")
except RuntimeError as e:
    print("caught:", type(e).__name__, e)
    print("context:", type(e.__context__).__name__, e.__context__)
try:
    with Bad():
        pass
except RuntimeError as e:
    print("clean body, exit still fails:", e, e.__context__)
