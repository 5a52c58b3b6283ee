# Several finalizers on one object run newest first, like weakref callbacks.
import weakref

class Job:
    pass

j = Job()
for step in ["close file", "free lock", "log done"]:
    weakref.finalize(j, print, "step:", step)
print("three finalizers registered")
print("weakrefs held on the job:", weakref.getweakrefcount(j))
del j
print("end")
