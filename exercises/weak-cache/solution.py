import weakref


class WeakCache:
    """Hands out the objects factory(key) makes, and keeps each one only as long as
    someone else is using it."""

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
