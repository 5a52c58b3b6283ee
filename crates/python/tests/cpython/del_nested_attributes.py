# An owner's __del__ runs first; then its attributes are released in the order they were set.
class Part:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)

class Owner(Part):
    def __init__(self, name):
        super().__init__(name)
        self.engine = Part(name + ".engine")
        self.wheels = Part(name + ".wheels")
        self.body = Part(name + ".body")

car = Owner("car")
print("dropping car:")
del car
truck = Owner("truck")
truck.engine = Part("truck.engine2")
print("dropping truck after swapping the engine:")
del truck
print("end")
