# A registry dict holds instances that point back at it: one cycle of many objects.
import gc

class Member:
    def __init__(self, club, name):
        self.club = club
        club[name] = self

gc.disable()
gc.collect()
club = {}
for name in ["ann", "bob", "cy"]:
    Member(club, name)
print(sorted(club))
print("every member knows the club:", all(m.club is club for m in club.values()))
del club
print("dict plus three members:", gc.collect())
club = {}
Member(club, "solo")
club.clear()
print("clear() broke the cycle first:", gc.collect())
