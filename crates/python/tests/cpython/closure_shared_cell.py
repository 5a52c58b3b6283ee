# Two closures made in the same call share one cell, and each sees the other's updates.
def make_pair():
    value = []
    def push(x):
        value.append(x)
    def reset():
        nonlocal value
        value = []
    def show():
        return value
    return push, reset, show

push, reset, show = make_pair()
push(1)
push(2)
print("shown:", show())
old = show()
reset()
push(3)
print("after reset:", show(), "old list kept:", old)
p2, r2, s2 = make_pair()
print("another pair has its own cell:", s2())
