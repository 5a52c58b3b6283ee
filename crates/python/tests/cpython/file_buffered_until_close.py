# Written text sits in a buffer until the file is flushed or closed.
out = open("log.txt", "w")
out.write("line one\n")
peek = open("log.txt")
print("before close, a reader sees:", repr(peek.read()))
peek.close()
out.close()
with open("log.txt") as again:
    print("after close:", repr(again.read()))
with open("log.txt", "w") as w:
    w.write("inside with")
with open("log.txt") as r:
    print("with closes for you:", repr(r.read()))
