# A failing assert with a message ends the program with AssertionError.
def average(values):
    assert len(values) > 0, "average of an empty list"
    return sum(values) / len(values)

print(average([1, 2, 3]))
print(average([10]))
print(average([]))
print("never printed")
