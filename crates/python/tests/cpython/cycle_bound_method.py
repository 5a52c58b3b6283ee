# Storing a bound method on its own instance makes a cycle: method -> instance -> method.
import gc
import sys

class Button:
    def __init__(self, label):
        self.label = label
        self.on_click = self.click

    def click(self):
        return "clicked " + self.label

gc.disable()
gc.collect()
b = Button("ok")
print(b.on_click())
print("refs to b (name, stored bound method):", sys.getrefcount(b))
del b
print("instance and bound method:", gc.collect())
c = Button("cancel")
c.on_click = None
del c
print("link broken before del, freed by refcount:", gc.collect())
