# chr and ord, round (halves to even; floats rounded as their exact binary value), bin, oct,
# hex and format, with the errors CPython gives.
print(chr(65), chr(0x20ac), ord("a"), ord("€"))
for x in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 123.456, -2.5]:
    print(x, round(x), round(x, 2), round(x, 1), round(x, 0), round(x, -1))
print(round(15, -1), round(25, -1), round(1234, -2), round(7), round(7, 2), round(True))
print(bin(10), oct(8), hex(255), hex(-255), bin(0), bin(-5))
print(format(3.14159, ".2f"), format(42, "05d"), format("x", ">3"), format(7), format(1.5))
for bad in ["chr(-1)", "chr(0x110000)", "ord('ab')", "ord('')", "ord(5)", "round('x')", "hex(1.5)", "round(float('nan'))", "round(float('inf'))", "format(1, 2)"]:
    try:
        if bad == "chr(-1)": chr(-1)
        elif bad == "chr(0x110000)": chr(0x110000)
        elif bad == "ord('ab')": ord('ab')
        elif bad == "ord('')": ord('')
        elif bad == "ord(5)": ord(5)
        elif bad == "round('x')": round('x')
        elif bad == "hex(1.5)": hex(1.5)
        elif bad == "round(float('nan'))": round(float('nan'))
        elif bad == "round(float('inf'))": round(float('inf'))
        elif bad == "format(1, 2)": format(1, 2)
    except Exception as e:
        print(bad, type(e).__name__, e)
