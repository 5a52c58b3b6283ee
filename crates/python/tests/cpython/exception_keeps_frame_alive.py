# An exception's traceback holds the frames it passed through, and their locals with them.
import gc

class Resource:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("freed", self.name)

def work():
    r = Resource("work's local")
    raise ValueError("failed")

try:
    work()
except ValueError as e:
    print("caught:", e)
print("the except block has ended")

def keep():
    r = Resource("keep's local")
    try:
        raise KeyError("k")
    except KeyError as e:
        return e

saved = keep()
print("keep() returned its exception")
del saved
print("the saved exception is gone")

def cycle():
    r = Resource("cycle's local")
    try:
        1 / 0
    except ZeroDivisionError as e:
        err = e

gc.disable()
cycle()
print("cycle() returned; err -> traceback -> frame -> err")
print("collected:", gc.collect())
gc.enable()
