# An uncaught NameError stops the program; everything printed before it still appears.
totals = {"apples": 3, "pears": 5}
for fruit in totals:
    print(fruit, totals[fruit])
print("sum:", sum(totals.values()))
print("kinds:", len(totals))
print("average:", sum(totals.values()) / len(totls))
print("never printed")
