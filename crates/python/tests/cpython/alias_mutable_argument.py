# A function that mutates its argument changes the caller's object; rebinding does not.
import sys

def mutate(lst):
    lst.append("added")

def rebind(lst):
    lst = ["new"]
    return lst

mine = ["orig"]
mutate(mine)
print("after mutate:", mine)
got = rebind(mine)
print("after rebind:", mine, "returned:", got)

def extend_and_count(lst):
    lst.extend(lst)
    return sys.getrefcount(lst)

print("refs seen inside:", extend_and_count(mine))
print("mine doubled:", mine)
print("refs outside:", sys.getrefcount(mine))
