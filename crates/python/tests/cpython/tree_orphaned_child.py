# A child that outlives its parent sees the weak parent link go dead.
import weakref

class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.kids = []
        self.parent_ref = None
        if parent is not None:
            self.parent_ref = weakref.ref(parent)
            parent.kids.append(self)

    def path(self):
        parts = [self.name]
        node = self
        while node.parent_ref is not None and node.parent_ref() is not None:
            node = node.parent_ref()
            parts.append(node.name)
        return "/".join(reversed(parts))

top = Node("top")
mid = Node("mid", top)
leaf = Node("leaf", mid)
print("full path:", leaf.path())
del top
print("top gone:", leaf.path(), "mid's parent:", mid.parent_ref())
mid.kids.clear()
print("leaf still alive via its name:", leaf.path())
