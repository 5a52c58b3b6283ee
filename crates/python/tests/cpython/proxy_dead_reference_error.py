# Every use of a proxy whose referent died raises ReferenceError.
import weakref

class Box:
    def __init__(self):
        self.items = [1, 2]

    def __len__(self):
        return len(self.items)

b = Box()
p = weakref.proxy(b)
print("len through proxy:", len(p))
del b
for label in ["attribute", "len", "str"]:
    try:
        if label == "attribute":
            p.items
        elif label == "len":
            len(p)
        else:
            str(p)
    except ReferenceError as e:
        print(label, "->", type(e).__name__ + ":", e)
print("the proxy object itself is still a ProxyType:", type(p).__name__)
