# An uncaught KeyError ends the program after the earlier lines ran.
stock = {"apple": 3}

def take(item):
    stock[item] -= 1
    return stock[item]

print("apples left:", take("apple"))
print("bananas left:", take("banana"))
print("never printed")
