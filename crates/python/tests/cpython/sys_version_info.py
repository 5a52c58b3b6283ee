# sys.version_info tells which Python runs the program; this corpus expects 3.11.
import sys

print("major, minor:", sys.version_info[:2])
print("named fields:", sys.version_info.major, sys.version_info.minor)
print("at least 3.11:", sys.version_info >= (3, 11))
print("before 3.12:", sys.version_info < (3, 12))
if sys.version_info >= (3, 4):
    print("cycles with __del__ are collected (PEP 442)")
else:
    print("cycles with __del__ end up in gc.garbage")
