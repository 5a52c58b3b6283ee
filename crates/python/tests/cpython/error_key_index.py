# KeyError carries the missing key; IndexError says which kind of sequence was indexed.
d = {"a": 1}
for key in ["b", 2, (1, 2)]:
    try:
        d[key]
    except KeyError as e:
        print("KeyError", repr(e), "str:", str(e), "args:", e.args)
for seq in [[1, 2], (1, 2), "ab"]:
    try:
        seq[5]
    except IndexError as e:
        print("IndexError:", e)
try:
    [].pop()
except IndexError as e:
    print("pop:", e)
try:
    {}.popitem()
except KeyError as e:
    print("popitem:", e)
try:
    set().pop()
except KeyError as e:
    print("set pop:", e)
