import weakref


class WeakCache:
    """Hands out the objects factory(key) makes, and keeps each one only as long as
    someone else is using it."""

    def __init__(self, factory):
        self.factory = factory

    def get(self, key):
        # Return the cached object for key if one is still alive; otherwise make one
        # with self.factory(key), remember it without keeping it alive, and return it.
        return self.factory(key)

    def __len__(self):
        # How many cached objects are still alive?
        return 0
