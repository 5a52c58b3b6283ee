# Sizes of ints, floats and strs on 64-bit CPython 3.11.
import sys

for n in [0, 1, -1, 1000]:
    print("int", n, sys.getsizeof(n))
for power in [29, 30, 60, 90]:
    print("int 2**" + str(power), sys.getsizeof(2 ** power))
print("float:", sys.getsizeof(1.5), "bool:", sys.getsizeof(True), "None:", sys.getsizeof(None))
for s in ["", "a", "hello", "hello world"]:
    print("str", repr(s), sys.getsizeof(s))
print("non-ASCII strs cost more:", sys.getsizeof("é"), sys.getsizeof("€"))
