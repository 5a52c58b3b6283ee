# __call__ makes instances callable; __getattr__ runs only for attributes not found normally.
class Multiplier:
    def __init__(self, k):
        self.k = k

    def __call__(self, x):
        return self.k * x

class Defaults:
    def __init__(self):
        self.real = "real value"

    def __getattr__(self, name):
        if name.startswith("opt_"):
            return "default for " + name[4:]
        raise AttributeError("no attribute " + repr(name))

double = Multiplier(2)
print("callable:", callable(double), double(21), callable(Defaults()))
d = Defaults()
print(d.real)
print(d.opt_color)
print("hasattr:", hasattr(d, "opt_size"), hasattr(d, "missing"))
print("getattr default:", getattr(d, "missing", "fallback"))
