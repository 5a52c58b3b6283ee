# try runs else only when nothing was raised; finally runs every time.
def attempt(value):
    print("try with", repr(value))
    try:
        result = 10 // value
    except ZeroDivisionError as e:
        print("  except:", e)
        result = None
    else:
        print("  else: result", result)
    finally:
        print("  finally")
    return result

print("returned", attempt(2))
print("returned", attempt(0))
try:
    attempt("x")
except TypeError as e:
    print("escaped:", e)
