# Instance attributes shadow class attributes; a mutable class attribute is shared by all.
class Team:
    size = 0
    members = []

    def join(self, name):
        self.size += 1
        self.members.append(name)

a = Team()
b = Team()
a.join("ann")
a.join("al")
b.join("bob")
print("per-instance size:", a.size, b.size, "class size:", Team.size)
print("shared list:", a.members, a.members is b.members is Team.members)
del a.size
print("after del a.size, the class value shows:", a.size)
print("has own attribute:", "size" in b.__dict__, "members" in b.__dict__)
