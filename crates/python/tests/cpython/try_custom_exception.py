# User exceptions subclass Exception and can carry their own data.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__("need " + str(needed) + ", have " + str(available))
        self.needed = needed
        self.available = available

class Wallet:
    def __init__(self, amount):
        self.amount = amount

    def pay(self, cost):
        if cost > self.amount:
            raise InsufficientFunds(cost, self.amount)
        self.amount -= cost
        return self.amount

w = Wallet(10)
print("left:", w.pay(4))
try:
    w.pay(20)
except InsufficientFunds as e:
    print(type(e).__name__ + ":", e, "| short by", e.needed - e.available)
    print("is an Exception:", isinstance(e, Exception), issubclass(InsufficientFunds, Exception))
    print("args:", e.args)
