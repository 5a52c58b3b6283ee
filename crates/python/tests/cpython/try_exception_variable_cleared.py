# The name bound by "except ... as e" is deleted when the handler ends.
try:
    1 / 0
except ZeroDivisionError as e:
    print("inside:", e)
try:
    print(e)
except NameError as err:
    print("after the handler:", err)
saved = None
try:
    [].pop()
except IndexError as e:
    saved = e
print("keep it by binding another name:", type(saved).__name__, saved)
print("args:", saved.args)
