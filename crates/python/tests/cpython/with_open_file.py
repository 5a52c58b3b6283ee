# with open(...) closes the file at the end of the block, even when the block raises.
with open("notes.txt", "w") as f:
    f.write("first line\n")
    f.write("second line\n")
    print("closed inside?", f.closed)
print("closed after?", f.closed)
with open("notes.txt") as f:
    print("read back:", f.read().split("\n"))
try:
    with open("notes.txt") as g:
        raise ValueError("stop reading")
except ValueError as e:
    print("caught", e, "and closed:", g.closed)
try:
    f.read()
except ValueError as e:
    print(type(e).__name__, e)
