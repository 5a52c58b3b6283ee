# Checks for the weak cache. Each check_* function runs on its own, after the learner's
# code, in a fresh interpreter; the first line of its docstring names it.
import gc
import weakref


class Texture:
    """A large object that is expensive to make."""

    def __init__(self, key):
        self.key = key


class CountingFactory:
    """A factory that counts how many objects it made for each key."""

    def __init__(self):
        self.made = {}

    def __call__(self, key):
        self.made[key] = self.made.get(key, 0) + 1
        return Texture(key)


def check_same_object_while_held():
    """The same object comes back while a client holds it."""
    cache = WeakCache(CountingFactory())
    first = cache.get("grass")
    second = cache.get("grass")
    assert second is first, (
        "get('grass') returned a different object while a client still held the first one"
    )


def check_factory_runs_once_per_live_key():
    """The factory runs once per key while its object is alive."""
    factory = CountingFactory()
    cache = WeakCache(factory)
    held = cache.get("stone")
    for _ in range(3):
        cache.get("stone")
    made = factory.made.get("stone", 0)
    assert made == 1, (
        f"the factory ran {made} times for 'stone' while one object for it was alive"
    )


def check_cache_does_not_keep_objects_alive():
    """Once no client holds an object, the cache does not keep it alive."""
    gc.disable()
    try:
        cache = WeakCache(CountingFactory())
        obj = cache.get("water")
        watcher = weakref.ref(obj)
        del obj
        assert watcher() is None, (
            "after the last client let go of the object for 'water', it was still alive: "
            "something in the cache holds a strong reference to it"
        )
    finally:
        gc.enable()


def check_new_object_after_release():
    """A new object is made after the last client lets go, with no gc.collect()."""
    gc.disable()
    try:
        factory = CountingFactory()
        cache = WeakCache(factory)
        obj = cache.get("sand")
        del obj
        again = cache.get("sand")
        made = factory.made.get("sand", 0)
        assert made == 2, (
            f"after the only client let go of 'sand', get('sand') made {made - 1} new "
            "objects instead of 1"
        )
        assert isinstance(again, Texture) and again.key == "sand", (
            f"get('sand') returned {again!r} instead of the factory's object"
        )
    finally:
        gc.enable()


def check_len_counts_live_entries():
    """len(cache) counts only the entries whose object is alive."""
    cache = WeakCache(CountingFactory())
    a = cache.get("a")
    b = cache.get("b")
    assert len(cache) == 2, f"with two objects alive, len(cache) was {len(cache)}"
    del a
    assert len(cache) == 1, (
        f"after the client of 'a' let go, len(cache) was {len(cache)} instead of 1"
    )
    del b
    assert len(cache) == 0, f"with no object alive, len(cache) was {len(cache)}"


def check_several_keys():
    """Several keys each get their own object."""
    factory = CountingFactory()
    cache = WeakCache(factory)
    keys = ["fire", "ice", "wind"]
    held = [cache.get(key) for key in keys]
    for key, obj in zip(keys, held):
        assert obj.key == key, f"get({key!r}) returned the object made for {obj.key!r}"
    again = [cache.get(key) for key in keys]
    for key, first, second in zip(keys, held, again):
        assert first is second, f"get({key!r}) returned a new object while the first was held"
    assert len(factory.made) == 3 and max(factory.made.values()) == 1, (
        f"the factory calls per key were {factory.made}, not one each"
    )
