"""Puts weaklink's weakref prelude in place of the standard library's `weakref` and
`_weakrefset` while CPython starts up (imported by `site` when this folder is on PYTHONPATH).

The prelude folder comes from the WEAKLINK_PRELUDE environment variable. Both modules are
already loaded by then, so they are replaced in sys.modules: every later `import weakref`,
the program's and the standard library's alike, finds the prelude.
"""

import sys


def _install():
    import importlib.util
    import os

    folder = os.environ["WEAKLINK_PRELUDE"]
    for name in ("_weakrefset", "weakref"):
        path = os.path.join(folder, name + ".py")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)


_install()
del _install
