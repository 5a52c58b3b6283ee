# pop() hands the item over, remove() and del frees it at once.
class Tag:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)

    def __eq__(self, other):
        return isinstance(other, Tag) and self.name == other.name

tags = [Tag("a"), Tag("b"), Tag("c")]
got = tags.pop()
print("popped", got.name)
del tags[0]
print("after del tags[0]")
probe = Tag("b")
tags.remove(probe)
print("after remove; probe still here:", probe.name)
del got, probe
print("end", len(tags))
