# ValueError messages from conversions, unpacking and list methods.
def show(f):
    try:
        f()
    except ValueError as e:
        print(type(e).__name__ + ":", e)

show(lambda: int("abc"))
show(lambda: int("12.5"))
show(lambda: float("one"))
show(lambda: [1, 2].remove(3))
show(lambda: [1, 2].index(9))
show(lambda: "abc".index("z"))

def unpack_two():
    a, b = [1, 2, 3]

def unpack_three():
    a, b, c = [1, 2]

show(unpack_two)
show(unpack_three)
