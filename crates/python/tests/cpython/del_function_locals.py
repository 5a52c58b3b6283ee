# When a function returns, its locals are released in the order they were declared.
class Local:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)

def work():
    first = Local("first")
    second = Local("second")
    third = Local("third")
    print("  returning")
    return "done"

print("call:")
print(work())

def keep_one():
    a = Local("a")
    b = Local("b")
    return b

print("call keep_one:")
kept = keep_one()
print("kept", kept.name)
del kept
print("end")
