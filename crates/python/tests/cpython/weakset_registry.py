# A WeakSet tracks live instances: objects leave it when they die.
import weakref

class Player:
    live = weakref.WeakSet()

    def __init__(self, name):
        self.name = name
        Player.live.add(self)

def roster():
    return sorted(p.name for p in Player.live)

a = Player("ann")
b = Player("bob")
c = Player("cy")
print("live:", roster(), len(Player.live))
del b
print("after bob left:", roster())
print("membership:", a in Player.live, "bob" in Player.live)
Player("temp")
print("a temporary never stays:", roster())
del a, c
print("empty:", len(Player.live))
