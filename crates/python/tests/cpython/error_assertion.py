# assert raises AssertionError, with the message after the comma if one is given.
def check_positive(n):
    assert n > 0, f"expected a positive number, got {n}"
    return n

print(check_positive(5))
try:
    check_positive(-3)
except AssertionError as e:
    print(type(e).__name__ + ":", e)
try:
    assert 1 == 2
except AssertionError as e:
    print("no message:", repr(e), e.args)
assert [1], "a non-empty list is true"
print("passed")
