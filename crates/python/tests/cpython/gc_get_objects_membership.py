# gc.get_objects() lists tracked containers: a list is in it, an int or a dict of atoms is not.
import gc

gc.disable()
gc.collect()
mine = [1, 2]
atoms = {"a": 1}
holder = {"list": mine}
number = 12345
everything = gc.get_objects()
print("my list:", any(o is mine for o in everything))
print("dict of atoms:", any(o is atoms for o in everything))
print("dict holding a list:", any(o is holder for o in everything))
print("the number 12345:", any(o is number for o in everything))
young = gc.get_objects(0)
print("my list is young:", any(o is mine for o in young))
del everything, young
gc.collect()
print("after a full collection it is old:", any(o is mine for o in gc.get_objects(2)))
