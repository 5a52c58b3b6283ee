# A tree whose children point back to their parent through a weakref has no cycles.
import gc
import weakref

class TreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self._parent = None
        if parent is not None:
            self._parent = weakref.ref(parent)
            parent.children.append(self)

    @property
    def parent(self):
        if self._parent is None:
            return None
        return self._parent()

    def __del__(self):
        print("  del", self.name)

gc.disable()
gc.collect()
root = TreeNode("root")
left = TreeNode("left", root)
TreeNode("leaf", left)
print("leaf's grandparent:", left.children[0].parent.parent.name)
del left
print("dropping root frees the whole tree by refcount:")
del root
print("collector finds nothing:", gc.collect())
