# finally blocks run while an uncaught exception unwinds; then the program stops with status 1.
def cleanup_layers(depth):
    try:
        if depth == 0:
            print("raising at the bottom")
            raise RuntimeError("nobody catches this")
        cleanup_layers(depth - 1)
    finally:
        print("finally at depth", depth)

print("start")
cleanup_layers(2)
print("never printed")
