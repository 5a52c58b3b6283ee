# Churn of short-lived cycles with automatic collection on: the collector frees them.
import gc

class Pair:
    def __init__(self):
        self.other = None

gc.enable()
for i in range(100000):
    a = Pair()
    b = Pair()
    a.other = b
    b.other = a
del a, b
print(gc.collect() >= 0)
