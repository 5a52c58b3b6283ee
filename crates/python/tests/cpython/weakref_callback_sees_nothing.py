# A callback cannot reach the dead object through its ref; pass data in some other way.
import weakref

class Session:
    def __init__(self, user):
        self.user = user

registry = {}

def cleanup(ref):
    user = registry.pop(ref)
    print("session of", user, "ended; ref gives", ref())

for user in ["ann", "bob"]:
    s = Session(user)
    registry[weakref.ref(s, cleanup)] = user
    print("opened", user, "open:", len(registry))
del s
print("remaining:", len(registry))
