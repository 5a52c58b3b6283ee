# ZeroDivisionError has a different message for /, //, % and float division.
cases = [
    ("1 / 0", lambda: 1 / 0),
    ("1 // 0", lambda: 1 // 0),
    ("1 % 0", lambda: 1 % 0),
    ("1.0 / 0", lambda: 1.0 / 0),
    ("1.0 // 0.0", lambda: 1.0 // 0.0),
    ("1.5 % 0", lambda: 1.5 % 0),
]
for text, fn in cases:
    try:
        fn()
    except ZeroDivisionError as e:
        print(text, "->", e)
print("an ArithmeticError:", issubclass(ZeroDivisionError, ArithmeticError))
