# Traceback objects chain from the outermost frame to the one that raised.
import sys

def inner():
    secret = [1, 2, 3]
    raise KeyError("missing")

def outer():
    inner()

try:
    outer()
except KeyError as e:
    tb = e.__traceback__
    print(type(tb).__name__, tb is sys.exc_info()[2])
    while tb is not None:
        frame = tb.tb_frame
        print(frame.f_code.co_name, tb.tb_lineno, type(frame).__name__)
        last = frame
        tb = tb.tb_next
    print(last.f_locals)
    print(last.f_back.f_code.co_name, last.f_back.f_back.f_code.co_name)
    print(sys.exc_info()[0].__name__, sys.exc_info()[1] is e, sys.exception() is e)
print(sys.exc_info(), sys.exception())
try:
    raise ValueError("first")
except ValueError as first:
    caught = first
print(caught.__traceback__.tb_frame.f_code.co_name)
print(caught.__traceback__.tb_next)
