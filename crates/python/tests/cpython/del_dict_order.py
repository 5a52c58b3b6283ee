# A dict releases its values from the first inserted to the last.
class Value:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)

table = {}
table["z"] = Value("z")
table["a"] = Value("a")
table["m"] = Value("m")
print("deleting the dict:")
del table
again = {"one": Value("one"), "two": Value("two")}
again["one"] = Value("one again")
print("replacing a value freed the old one; now clear():")
again.clear()
print("end")
