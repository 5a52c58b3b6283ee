# A proxy to a callable object is a CallableProxyType and can be called directly.
import weakref

class Greeter:
    def __init__(self, word):
        self.word = word

    def __call__(self, name):
        return self.word + ", " + name

class Plain:
    pass

g = Greeter("hello")
cp = weakref.proxy(g)
print("callable proxy:", type(cp).__name__, cp("ann"))
pp = weakref.proxy(Plain())
print("plain proxy:", type(pp).__name__)
print("CallableProxyType?", type(cp) is weakref.CallableProxyType, type(pp) is weakref.ProxyType)
print("ProxyTypes holds both:", len(weakref.ProxyTypes), type(cp) in weakref.ProxyTypes)

def shout(text):
    return text.upper()

fp = weakref.proxy(shout)
print("a function proxy:", type(fp).__name__, fp("quiet"))
