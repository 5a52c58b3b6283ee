"""CPython's side of `cargo xtask bench gc`.

Builds the same object graphs as the simulated heap's benchmark (crates/bench/src/shapes.rs)
and times, best of REPS fresh builds:

* `gc.collect()` while a root still holds a cyclic shape, and again after `del root`;
* `del root` of a list of empty lists, freed by reference counting alone.

Usage: python3 gc_bench.py REPS SIZE...

Prints one line per measurement, `WORKLOAD SIZE CASE NS_PER_OBJECT`; lines starting with
`#` are comments.
"""

import gc
import sys
import time


class Node:
    """The instances of the ring and of the doubly linked list."""


def ring(n):
    """`n` instances, each holding the next as `next`, the last the first."""
    first = Node()
    last = first
    for _ in range(n - 1):
        node = Node()
        last.next = node
        last = node
    last.next = first
    return first


def list_pairs(n):
    """`n // 2` pairs of lists holding each other; the root holds the first of each pair."""
    root = []
    for _ in range(n // 2):
        a = []
        b = []
        a.append(b)
        b.append(a)
        root.append(a)
    return root


def doubly_linked(n):
    """`n` instances linked both ways: the head has no `prev`, the tail no `next`."""
    head = Node()
    last = head
    for _ in range(n - 1):
        node = Node()
        last.next = node
        node.prev = last
        last = node
    return head


def acyclic_lists(n):
    """A list of `n` empty lists."""
    return [[] for _ in range(n)]


SHAPES = {"ring": ring, "list-pairs": list_pairs, "doubly-linked": doubly_linked}


def cyclic_once(build, n):
    """Builds a shape and times a full collection with it reachable, then after `del`."""
    root = build(n)
    start = time.perf_counter_ns()
    found = gc.collect()
    reachable = time.perf_counter_ns() - start
    assert found == 0, found
    del root
    start = time.perf_counter_ns()
    found = gc.collect()
    after_del = time.perf_counter_ns() - start
    assert found == n, (found, n)
    return {"reachable": reachable, "after-del": after_del}


def acyclic_once(n):
    """Builds a list of lists and times `del` of its root."""
    root = acyclic_lists(n)
    start = time.perf_counter_ns()
    del root
    return {"refcount-free": time.perf_counter_ns() - start}


def main():
    reps = int(sys.argv[1])
    sizes = [int(arg) for arg in sys.argv[2:]]
    gc.disable()
    # The interpreter's own objects go to the permanent generation, so collections examine
    # only the shape, as they do on the simulated heap.
    gc.collect()
    gc.freeze()
    print(f"# python {sys.version.split()[0]}")
    workloads = [(name, lambda n, b=build: cyclic_once(b, n)) for name, build in SHAPES.items()]
    workloads.append(("acyclic-lists", acyclic_once))
    for name, once in workloads:
        for n in sizes:
            best = {}
            for _ in range(reps):
                for case, ns in once(n).items():
                    best[case] = min(ns, best.get(case, ns))
            for case, ns in best.items():
                print(f"{name} {n} {case} {ns / n:.2f}", flush=True)


if __name__ == "__main__":
    main()
