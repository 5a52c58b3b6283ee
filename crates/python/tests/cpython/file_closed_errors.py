# Using a closed file raises ValueError; opening a missing file raises FileNotFoundError.
f = open("scratch.txt", "w")
f.write("x")
f.close()
f.close()
print("closing twice is fine")
try:
    f.write("more")
except ValueError as e:
    print(type(e).__name__ + ":", e)
try:
    open("no_such_file.txt")
except FileNotFoundError as e:
    print(type(e).__name__ + ":", e)
    print("an OSError:", isinstance(e, OSError), "errno:", e.errno)
with open("scratch.txt") as r:
    print("content:", r.read())
