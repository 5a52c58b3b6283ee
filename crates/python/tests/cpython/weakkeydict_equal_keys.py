# WeakKeyDictionary looks keys up by equality, like dict; equal objects share an entry.
import weakref

class Tag:
    def __init__(self, label):
        self.label = label

    def __eq__(self, other):
        return isinstance(other, Tag) and self.label == other.label

    def __hash__(self):
        return len(self.label)

d = weakref.WeakKeyDictionary()
t1 = Tag("red")
t2 = Tag("red")
d[t1] = 1
d[t2] = 2
print("one entry for two equal keys:", len(d), d[t1])
print("the stored key is the first one:", list(d.keys())[0] is t1)
del t2
print("dropping the second changes nothing:", len(d))
del t1
print("dropping the first removes it:", len(d))
