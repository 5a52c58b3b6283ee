# A WeakSet cannot hold ints, strs or lists, because they cannot be weakly referenced.
import weakref

class Obj:
    pass

ws = weakref.WeakSet()
keep = Obj()
ws.add(keep)
for item in [1, "s", [1]]:
    try:
        ws.add(item)
    except TypeError as e:
        print(type(e).__name__ + ":", e)
print("size:", len(ws))
print("asking about an int is fine:", 1 in ws)
