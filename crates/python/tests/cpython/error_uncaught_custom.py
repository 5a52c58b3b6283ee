# A user exception raised from inside a with block still runs __exit__ before the program ends.
class Failure(Exception):
    pass

class Guard:
    def __enter__(self):
        print("guard on")
        return self

    def __exit__(self, kind, value, tb):
        print("guard off, saw", kind.__name__)
        return False

with Guard():
    print("working")
    raise Failure("the job failed")
print("never printed")
