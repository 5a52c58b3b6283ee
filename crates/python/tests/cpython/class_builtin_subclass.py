# Subclasses of list, dict, str, int and tuple keep their base behaviour and add methods.
class Stack(list):
    def peek(self):
        return self[-1]

class Counts(dict):
    def bump(self, key):
        self[key] = self.get(key, 0) + 1

class Name(str):
    def initials(self):
        return "".join(part[0] for part in self.split())

class Age(int):
    def next_year(self):
        return Age(self + 1)

class Pair(tuple):
    def swap(self):
        return Pair((self[1], self[0]))

s = Stack([1, 2])
s.append(3)
c = Counts()
c.bump("a")
c.bump("a")
print(s.peek(), len(s), c, Name("Ada Lovelace").initials())
print(Age(41).next_year(), isinstance(Age(1), int), Pair((1, 2)).swap())
print("types:", type(s).__name__, type(s + [4]).__name__, type(Name("x").upper()).__name__)
