# A closure keeps the enclosing call's variables alive after the call has returned.
import weakref

class Big:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)

def make_reader():
    data = Big("data")
    unused = Big("unused")
    def read():
        return data.name
    print("returning from make_reader")
    return read

r = make_reader()
print("reader works:", r())
probe = weakref.ref(r)
del r
print("reader gone:", probe())
