# A WeakKeyDictionary attaches data to objects without keeping them alive.
import weakref

class Widget:
    def __init__(self, name):
        self.name = name

notes = weakref.WeakKeyDictionary()
a = Widget("a")
b = Widget("b")
notes[a] = "first widget"
notes[b] = {"clicks": 0}
notes[b]["clicks"] += 3
print("notes for a:", notes[a])
print("notes for b:", notes[b])
print("count:", len(notes), "a in notes:", a in notes)
del a
print("a gone, count:", len(notes))
print("remaining names:", [w.name for w in notes.keys()])
del b
print("empty:", len(notes))
