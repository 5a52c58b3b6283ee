# A ring of 100 instances is one cycle: dropping the last name frees all 100 in one collection.
import gc

class Link:
    def __init__(self, n):
        self.n = n
        self.next = None

gc.disable()
gc.collect()
first = Link(0)
last = first
for i in range(1, 100):
    last.next = Link(i)
    last = last.next
last.next = first
print("ring closes:", last.next is first, last.n)
del last
print("still reachable from first:", gc.collect())
walk = first
count = 0
while True:
    count += 1
    walk = walk.next
    if walk is first:
        break
print("walked", count, "links")
del first, walk
print("unreachable ring:", gc.collect())
