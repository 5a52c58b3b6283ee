# Ints grow past 64 bits as CPython's do: arithmetic, comparisons, hashing, text and
# float conversions, int(text, base), and sys.getsizeof of 30-bit digits.
import sys, gc
print(2**64, 2**100, -2**70, 10**30)
x = 2**64 + 1
print(x, x - 2**64, x * 3, x // 3, x % 7, -x // 3, -x % 7, divmod(2**70, 10**9) if False else '')
print(2**64 == 2.0**64, 2**64 < 2**65, -(2**64) < 3, 2**64 > 1.5e19, 2**64 == 2**64, hash(2**64), hash(-(2**61)))
print(2**64 / 2, 2**64 + 0.5, float(2**64) if False else '')
print((2**64) >> 3, -(2**64) >> 3, 1 << 70, -1 << 70, (2**70) & (2**70 - 1), (2**65) | 1, -(2**65) ^ 5, ~(2**64), -(2**64), +(2**64), abs(-(2**64)) if False else '')
print(9223372036854775807 + 1, -9223372036854775808 - 1, -(-9223372036854775808))
print(3**100, 2**64 * 2**64, (2**64) ** 2)
print(sys.getsizeof(2**30), sys.getsizeof(2**60), sys.getsizeof(2**90), sys.getsizeof(10**100))
print(gc.is_tracked(10**30), bool(2**64), str(2**70), repr(-2**70), f"{2**70}")
d = {2**64: "a"}
print(d[2**64], 2**64 in {2**64}, [2**64].count(2**64))
print(int(2**64), int("18446744073709551616"), int(1e30), float(2**64))
for args in [("ff", 16), ("0xff", 0), ("0b101", 0), ("777", 8), ("z", 36), ("ffffffffffffffffffffffff", 16), ("-0x1" + "0" * 30, 0), ("1_000", 10)]:
    print(args, int(*args))
for bad in [("12", 1), ("12", 37), ("9", 8), ("", 10)]:
    try:
        int(*bad)
    except ValueError as e:
        print(bad, e)
try:
    int(5, 10)
except TypeError as e:
    print(e)
try:
    int("1", 2, 3)
except TypeError as e:
    print(e)
x = 10 ** 30
print(x, -x, abs(-x), x // 7, x % 7, x ** 2, hex(255))
print(sum([2**62, 2**62, 2**62]), max(2**64, 3), min(-(2**64), 0), sorted([2**65, 1, 2**64]))
print(round(2**64), 2**64 * 1.0, 2**64 // 2.0, True + 2**64)
x = 2**100
print(f"{x}", f"{x:,}", f"{x:_}", f"{x:>40}", f"{x:x}", f"{x:#x}", f"{-x:X}", f"{x:b}"[:20], f"{x:o}", f"{x:e}", f"{x:.3f}", f"{-x:+d}", format(x, "040"))
print("%d" % 5, str(x)[:5])

# Constant folding keeps results of *, ** and << within 128 bits, as CPython's optimizer.
x = 2**100
print(sys.getrefcount(x))
y = 2**200
print(sys.getrefcount(y))
z = -2**100
print(sys.getrefcount(z), z)
w = 1 << 100
print(sys.getrefcount(w))
print(sys.getrefcount(10**30), sys.getrefcount(2**64 * 3))
n = float("nan")
print(n < 2**64, n == 2**64, n != 2**64, 2**64 > n, float("inf") > 2**64, -float("inf") < -(2**70))
