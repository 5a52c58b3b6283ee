# A file object freed by refcount is closed, and its buffer is written out.
import sys

def save(name, text):
    f = open(name, "w")
    f.write(text)
    print("  refs to the file inside save:", sys.getrefcount(f))

save("data.txt", "saved without close")
with open("data.txt") as f:
    print("read back:", f.read())
g = open("data.txt", "w")
g.write("dropped by del")
del g
with open("data.txt") as f:
    print("after del:", f.read())
