# The built-in exceptions form a hierarchy; except clauses match subclasses.
pairs = [
    (KeyError, LookupError),
    (IndexError, LookupError),
    (ZeroDivisionError, ArithmeticError),
    (RecursionError, RuntimeError),
    (UnboundLocalError, NameError),
    (FileNotFoundError, OSError),
    (ReferenceError, Exception),
    (StopIteration, Exception),
    (KeyError, IndexError),
]
for child, parent in pairs:
    print(child.__name__, "subclass of", parent.__name__ + ":", issubclass(child, parent))
try:
    raise FileNotFoundError("gone")
except OSError as e:
    print("caught as OSError:", type(e).__name__, e)
