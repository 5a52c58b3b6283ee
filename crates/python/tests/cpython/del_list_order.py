# A list releases its items from the last to the first; a tuple too.
class Item:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del item", self.n)

items = [Item(1), Item(2), Item(3)]
print("deleting the list:")
del items
pair = (Item("a"), Item("b"))
print("deleting the tuple:")
del pair
more = [Item(i) for i in range(4, 7)]
print("clear():")
more.clear()
print("end")
