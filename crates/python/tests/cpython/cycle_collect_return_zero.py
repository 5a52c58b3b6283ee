# collect() returns how many unreachable objects it found; acyclic garbage never reaches it.
import gc

gc.disable()
print("first collect returns a number:", isinstance(gc.collect(), int))
print("second collect finds nothing:", gc.collect())
big = [[i] for i in range(1000)]
del big
print("a thousand lists freed by refcount:", gc.collect())
nest = [[[[]]]]
del nest
print("nested lists, no cycle:", gc.collect())
loop = [[[]]]
loop[0][0].append(loop)
del loop
print("three lists in a loop:", gc.collect())
