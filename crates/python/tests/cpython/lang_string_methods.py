# The common str methods the corpus relies on.
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
t = s.strip()
print(t.upper(), t.lower(), t.replace("World", "There"))
print(t.split(", "), "a-b-c".split("-"), "one two  three".split())
print("-".join(["x", "y", "z"]), "".join(reversed("abc")))
print(t.startswith("Hell"), t.endswith("!"), t.find("o"), t.find("z"), t.count("l"))
print("42".isdigit(), "4a".isdigit(), "abc".isalpha(), "Title Case".istitle())
print("7".rjust(3, "0"), "ab".ljust(4, ".") + "|", "mid".center(7, "*"))
print(len(t), t[0], t[-1], t[1:5], t[::2], "ell" in t)
print("a,b,,c".split(","), "line1\nline2".split("\n"), "x".join("123"))
print(str(3.5), str(10), int("  7 "), float("2.5"), "%" in "50%")
