# With strong parent links a tree is full of cycles and only the collector can free it.
import gc

class TreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = parent
        if parent is not None:
            parent.children.append(self)

    def __del__(self):
        print("  del", self.name)

gc.disable()
gc.collect()
root = TreeNode("root")
a = TreeNode("a", root)
TreeNode("a1", a)
TreeNode("b", root)
del a
print("dropping root frees nothing:")
del root
print("collecting:")
print("found", gc.collect(), "objects (nodes and their children lists)")
