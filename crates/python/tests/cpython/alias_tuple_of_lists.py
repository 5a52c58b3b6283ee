# A tuple cannot be changed, but the lists inside it can.
pair = ([1], [2])
pair[0].append(10)
print("mutated through the tuple:", pair)
try:
    pair[0] = [99]
except TypeError as e:
    print(type(e).__name__, e)
try:
    pair[1] += [20]
except TypeError as e:
    print(type(e).__name__, e)
print("but += ran the in-place extend first:", pair)
t = (1, 2)
u = t
t += (3,)
print("tuple += builds a new tuple:", t, u, t is u)
