# A plain dict cache keeps everything alive; a WeakValueDictionary lets unused entries go.
import weakref

class Page:
    freed = []

    def __init__(self, n):
        self.n = n

    def __del__(self):
        Page.freed.append(self.n)

strong = {}
weak = weakref.WeakValueDictionary()
for n in range(3):
    strong[n] = Page(n)
print("strong cache holds:", sorted(strong), "freed:", Page.freed)
strong.clear()
print("cleared by hand, freed:", Page.freed)
for n in range(3, 6):
    weak[n] = Page(n)
print("weak cache holds:", sorted(weak.keys()), "freed:", sorted(Page.freed))
