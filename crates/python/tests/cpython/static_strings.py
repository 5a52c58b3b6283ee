# The empty string and one-character Latin-1 strings made at run time are CPython's static
# singletons: every way of making one gives the same object.
word = "hello"
empty = ""
print("".join([]) is empty, str() is empty, word[:0] is empty, word[5:] is empty)
print(word[0] is word[0], word[1:2] is word[1], word[-1] is "jell" + word[4])
parts = "a,b,c".split(",")
print(parts[0] is "x,a".split(",")[1], parts[2] is "abc"[2:], "AB".lower()[0] is parts[0])
many = "hello world"
print(many[6] is many.split()[1][0])
