# A proxy forwards operators and special methods: +, ==, in, [], iteration, str.
import weakref

class Bag(list):
    pass

class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        return Money(self.cents + other)

    def __str__(self):
        return str(self.cents) + " cents"

bag = Bag([3, 1, 2])
pb = weakref.proxy(bag)
print("len:", len(pb), "index:", pb[0], "contains 2:", 2 in pb)
print("iterate:", [x * 10 for x in pb])
pb.append(4)
print("append went to the list:", bag)
print("equal to a list:", pb == [3, 1, 2, 4])
m = Money(150)
pm = weakref.proxy(m)
print("add:", (pm + 5).cents, "str:", str(pm))
