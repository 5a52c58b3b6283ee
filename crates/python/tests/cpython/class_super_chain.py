# super() calls the next class in the method resolution order.
class Base:
    def __init__(self):
        print("  Base.__init__")
        self.parts = ["base"]

    def describe(self):
        return "base"

class Middle(Base):
    def __init__(self):
        print("  Middle.__init__")
        super().__init__()
        self.parts.append("middle")

    def describe(self):
        return "middle+" + super().describe()

class Top(Middle):
    def __init__(self):
        print("  Top.__init__")
        super().__init__()
        self.parts.append("top")

t = Top()
print(t.parts, t.describe())
print("isinstance:", isinstance(t, Base), "issubclass:", issubclass(Top, Middle), issubclass(Base, Top))
print("type name:", type(t).__name__)
