# Recursion that passes through a builtin like repr() reports "while calling a Python object".
class Loop:
    def __repr__(self):
        return "Loop(" + repr(self) + ")"

try:
    repr(Loop())
except RecursionError as e:
    print(type(e).__name__ + ":", e)

nested = []
for i in range(3):
    nested = [nested]
print("a deeply nested list prints fine:", nested)
me = []
me.append(me)
print("a self-containing list does not recurse forever:", repr(me))
