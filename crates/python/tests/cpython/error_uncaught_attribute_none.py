# Calling a method on a function's None result is a classic AttributeError.
def find(items, target):
    for item in items:
        if item == target:
            return item

print(find(["a", "b"], "b").upper())
print(find(["a", "b"], "z").upper())
print("never printed")
