import weakref


class WeakCache:
    """Hands out the objects factory(key) makes, keeping each
    one only while someone else uses it."""

    def __init__(self, factory):
        self.factory = factory
        self.objects = weakref.WeakValueDictionary()

    def get(self, key):
        obj = self.objects.get(key)
        if obj is None:
            obj = self.factory(key)
            self.objects[key] = obj
        return obj

    def __len__(self):
        return len(self.objects)
