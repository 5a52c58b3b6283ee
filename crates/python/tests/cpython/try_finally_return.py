# A return in finally overrides the try's return value and even swallows exceptions.
def plain():
    try:
        return "from try"
    finally:
        print("  finally runs before the return completes")

def override():
    try:
        return "from try"
    finally:
        return "from finally"

def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally won"

print(plain())
print(override())
print(swallow())
