# A proxy can have a callback too; it receives the proxy, which is already dead.
import weakref

class Worker:
    pass

def gone(proxy):
    try:
        proxy.anything
    except ReferenceError as e:
        print("callback: the proxy is dead:", e)

w = Worker()
p = weakref.proxy(w, gone)
p.job = "build"
print("job set through the proxy:", w.job)
print("proxy without callback is shared:", weakref.proxy(w) is weakref.proxy(w))
print("with a callback, it is a new one:", p is weakref.proxy(w))
del w
print("end")
