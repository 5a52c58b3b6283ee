# classmethods receive the class, staticmethods receive nothing extra.
class Temperature:
    unit = "C"
    made = 0

    def __init__(self, degrees):
        self.degrees = degrees
        Temperature.made += 1

    @classmethod
    def from_fahrenheit(cls, f):
        return cls((f - 32) * 5 / 9)

    @staticmethod
    def is_freezing(degrees):
        return degrees <= 0

class Kelvin(Temperature):
    unit = "K"

t = Temperature.from_fahrenheit(212)
print(t.degrees, t.unit, type(t).__name__)
k = Kelvin.from_fahrenheit(32)
print(k.degrees, k.unit, type(k).__name__)
print("static:", Temperature.is_freezing(-1), t.is_freezing(5))
print("made:", Temperature.made, "Kelvin sees it too:", Kelvin.made)
