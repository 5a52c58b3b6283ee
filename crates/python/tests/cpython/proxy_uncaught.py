# Using a dead proxy outside a try block ends the program with ReferenceError.
import weakref

class Conn:
    def __init__(self, host):
        self.host = host

c = Conn("db")
p = weakref.proxy(c)
print("connected to", p.host)
c = None
print("connection dropped; using the proxy anyway")
print(p.host)
print("never printed")
