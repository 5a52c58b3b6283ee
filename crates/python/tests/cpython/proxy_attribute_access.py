# A proxy forwards attribute access and method calls to its referent without keeping it alive.
import sys
import weakref

class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount
        return self.balance

acct = Account("ann", 10)
p = weakref.proxy(acct)
print("read through the proxy:", p.owner, p.balance)
print("call a method:", p.deposit(5))
p.balance = 100
print("write through the proxy:", acct.balance)
print("refcount unchanged:", sys.getrefcount(acct))
print("proxy is not the object:", p is acct, type(p) is Account)
print("but isinstance sees through:", isinstance(p, Account))
del acct
try:
    p.owner
except ReferenceError as e:
    print(type(e).__name__, e)
