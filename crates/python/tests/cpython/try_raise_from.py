# raise ... from ... sets __cause__; raising inside except sets __context__ automatically.
class ConfigError(Exception):
    pass

def load(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError("bad setting: " + text) from e

try:
    load("ten")
except ConfigError as e:
    print(type(e).__name__, e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
    print("context is the same:", e.__context__ is e.__cause__)
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("while handling")
except RuntimeError as e:
    print("context:", repr(e.__context__), "cause:", e.__cause__)
try:
    raise ValueError("quiet") from None
except ValueError as e:
    print("from None:", e.__cause__, e.__suppress_context__)
