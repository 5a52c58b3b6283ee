# Freeing a tree by refcount goes depth first: each node, then its children from last to first.
class Node:
    def __init__(self, name, *children):
        self.name = name
        self.children = list(children)

    def __del__(self):
        print("del", self.name)

tree = Node("root",
            Node("a", Node("a1"), Node("a2")),
            Node("b", Node("b1")))
print("dropping the tree:")
del tree
print("end")
