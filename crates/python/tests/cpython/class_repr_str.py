# __repr__ serves repr() and containers; __str__ serves str() and print.
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return "Money(" + repr(self.cents) + ")"

    def __str__(self):
        return "$" + str(self.cents // 100) + "." + str(self.cents % 100).rjust(2, "0")

class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"

m = Money(1205)
print(m)
print(repr(m), str(m))
print("in a list:", [m, Money(7)])
print(f"f-string: {m} and {m!r}")
print("str falls back to repr:", str(OnlyRepr()), [OnlyRepr()])
