import weakref


class WeakCache:
    """Hands out the objects factory(key) makes, keeping each
    one only while someone else uses it."""

    def __init__(self, factory):
        self.factory = factory

    def get(self, key):
        # The cached object for key, if one is still alive.
        # Otherwise: make one with self.factory(key), remember
        # it without keeping it alive, and return it.
        return self.factory(key)

    def __len__(self):
        # How many cached objects are still alive?
        return 0
