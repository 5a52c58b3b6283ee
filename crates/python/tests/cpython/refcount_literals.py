# A literal written in the program is held by the code that uses it and, while the main
# module runs, by the parser's arena: a name bound to it reads two more than a fresh object.
import sys

x = 300
print("x = 300:", sys.getrefcount(x))
print("the literal itself:", sys.getrefcount(12345678))
fresh = int("300")
print("an int made at run time:", sys.getrefcount(fresh))
f = 2.5
print("a float literal:", sys.getrefcount(f))
s = "hello world"
print("a str literal:", sys.getrefcount(s))
joined = " ".join(["hello", "world"])
print("a str made at run time:", sys.getrefcount(joined), joined == s, joined is s)
t = (1, 2, 3)
print("a tuple of constants:", sys.getrefcount(t))
