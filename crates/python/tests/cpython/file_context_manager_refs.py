# A with block holds the file; after it, the name still refers to a closed file object.
import sys

with open("refs.txt", "w") as f:
    print("inside with:", sys.getrefcount(f))
    f.write("abc")
print("after with:", sys.getrefcount(f), "closed:", f.closed)
files = []
for i in range(3):
    name = "part" + str(i) + ".txt"
    with open(name, "w") as out:
        out.write("part " + str(i))
    files.append(name)
contents = []
for name in files:
    with open(name) as src:
        contents.append(src.read())
print(contents)
