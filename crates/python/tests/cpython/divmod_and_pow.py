# divmod and pow, with ints of any size, floats and a modulus, and CPython's errors.
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(2**70, 3), divmod(-7, 2.0), divmod(-9223372036854775808, -1))
print(pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(2**70, 3, 1000), pow(3, -1, 7), pow(2.0, 3), pow(2**80, 2**70, 10**9 + 7), pow(5, 3, -7))
for a in [(1, 0), (1.0, 0)]:
    try:
        divmod(*a)
    except ZeroDivisionError as e:
        print(e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print(e)
try:
    divmod("a", 2)
except TypeError as e:
    print(e)
