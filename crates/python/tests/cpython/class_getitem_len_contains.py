# __getitem__, __setitem__, __len__ and __contains__ make an object act like a container.
class Grid:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.cells = {}

    def __getitem__(self, pos):
        return self.cells.get(pos, ".")

    def __setitem__(self, pos, value):
        self.cells[pos] = value

    def __len__(self):
        return self.w * self.h

    def __contains__(self, value):
        return value in self.cells.values()

g = Grid(3, 2)
g[0, 1] = "#"
g[2, 0] = "@"
for y in range(2):
    print("".join(g[x, y] for x in range(3)))
print("len:", len(g), "contains @:", "@" in g, "contains %:", "%" in g)
print("truth follows len:", bool(g), bool(Grid(0, 5)))
