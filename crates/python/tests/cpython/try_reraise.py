# A bare raise inside except re-raises the exception being handled.
log = []

def risky(n):
    try:
        return [1, 2, 3][n]
    except IndexError:
        log.append(n)
        raise

for n in [1, 5, 2]:
    try:
        print("got", risky(n))
    except IndexError as e:
        print("re-raised:", e)
print("logged failures:", log)
try:
    raise
except RuntimeError as e:
    print("bare raise with nothing active:", e)
