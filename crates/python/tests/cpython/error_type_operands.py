# TypeError messages for mixing types in operators and calls.
nothing = None
five = 5
tests = [
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [1] + (2,),
    lambda: 3 * None,
    lambda: len(5),
    lambda: five(),
    lambda: nothing["k"],
    lambda: int([1]),
    lambda: sorted([1, "b"]),
    lambda: {[1]: 2},
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
