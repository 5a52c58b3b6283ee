# Freeing the head of a chain frees every link in turn, head first.
class Link:
    def __init__(self, n, rest):
        self.n = n
        self.rest = rest

    def __del__(self):
        print("del link", self.n)

chain = None
for i in range(5):
    chain = Link(i, chain)
print("head is", chain.n)
del chain
print("whole chain gone")
