# __del__ can save its object by storing self somewhere; it is not called a second time.
saved = []

class Phoenix:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)
        saved.append(self)

p = Phoenix("bird")
del p
print("resurrected:", [b.name for b in saved])
bird = saved.pop()
print("taken back out, name still:", bird.name)
del bird
print("second death: no __del__ this time")
print("saved list:", saved)
