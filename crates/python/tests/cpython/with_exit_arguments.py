# __exit__ receives the exception type, the exception and a traceback, or three Nones.
class Inspect:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            print("clean exit:", kind, value, tb)
        else:
            print("exit with", kind.__name__, repr(value), "traceback given:", tb is not None)
        return True

with Inspect():
    pass
with Inspect():
    int("abc")
with Inspect():
    raise KeyError("k")
print("all handled")
