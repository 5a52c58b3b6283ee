# AttributeError messages name the type and the missing attribute.
class Robot:
    def __init__(self):
        self.name = "r2"

r = Robot()
for obj, attr in [(None, "x"), (r, "speed"), (5, "append"), ("text", "push"), ([], "key")]:
    try:
        getattr(obj, attr)
    except AttributeError as e:
        print(type(e).__name__ + ":", e)
try:
    r.missing_method()
except AttributeError as e:
    print("calling a missing method:", e)
try:
    del r.speed
except AttributeError as e:
    print("deleting a missing attribute:", e)
print("hasattr:", hasattr(r, "name"), hasattr(r, "speed"))
