# Members that die while a WeakSet is being iterated are skipped, and removed when the loop ends.
import weakref

class Job:
    def __init__(self, n):
        self.n = n

jobs = [Job(i) for i in range(4)]
active = weakref.WeakSet(jobs)
seen = []
for job in active:
    seen.append(job.n)
    if len(seen) == 1:
        jobs.clear()
print("only the job bound to the loop variable survived to be seen:", len(seen))
print("it is still a member:", len(active), job in active)
del job
print("members after the loop variable is gone:", len(active))
