# One except clause can catch several types; the first matching clause wins.
def convert(value):
    try:
        return 100 / int(value)
    except (ValueError, TypeError) as e:
        return "bad input: " + type(e).__name__
    except ZeroDivisionError:
        return "zero"
    except Exception as e:
        return "other: " + str(e)

for v in ["4", "x", None, "0", 8]:
    print(repr(v), "->", convert(v))
try:
    raise IndexError("index")
except LookupError:
    print("IndexError caught as LookupError")
except IndexError:
    print("never reached")
